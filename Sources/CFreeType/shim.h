// FreeType, and Cairo's bridge to it: open the packaged DejaVu files by path, check what they
// are, and hand them to Cairo without asking fontconfig (whose XML configuration costs a CGI
// process about 30 M instructions to parse).
#include <ft2build.h>
#include FT_FREETYPE_H
#include <cairo-ft.h>
