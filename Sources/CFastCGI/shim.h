// libfcgi's re-entrant API (FCGX_*_r). Never fcgi_stdio.h: it redefines stdio.
#include <fcgiapp.h>
