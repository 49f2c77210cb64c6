// zlib: deflate and crc32 for plotgate's own PNG encoder.
#include <zlib.h>
