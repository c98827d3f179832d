// zlib: gzip-compressed IDX files and PNG export.
#include <zlib.h>
