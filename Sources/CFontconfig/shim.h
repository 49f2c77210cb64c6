// fontconfig: which font file "DejaVu Sans" resolves to (part of every ETag) and cache warm-up.
#include <fontconfig/fontconfig.h>
