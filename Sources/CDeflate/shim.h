// libdeflate: whole-buffer deflate and crc32 for plotgate's own PNG encoder (faster than zlib
// for the same size on our charts; measured in bench/README.md).
#include <libdeflate.h>
