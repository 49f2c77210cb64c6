// libpng's simplified read API (png_image_*): no setjmp, so Swift can call it directly.
#include <png.h>

// Function-like macros Swift cannot import, as constants.
static inline unsigned int cpng_version(void) { return PNG_IMAGE_VERSION; }
static inline unsigned int cpng_format_rgba(void) { return PNG_FORMAT_RGBA; }
