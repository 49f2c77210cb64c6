// The Cairo surfaces plotgate draws on: image (PNG via our own encoder), SVG and PDF.
#include <cairo.h>
#include <cairo-svg.h>
#include <cairo-pdf.h>
