// vectormath.c: the target's one source file (SwiftPM needs one); everything is inline in
// include/vectormath.h.
#include "vectormath.h"
