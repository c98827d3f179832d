// vectormath: vector operations Swift's SIMD types do not compile to single instructions.
// SIMD16<Float>.squareRoot() and Float.squareRoot() in a loop become sixteen scalar sqrtf calls
// (libm's, which may set errno, so LLVM keeps them scalar); __builtin_elementwise_sqrt is one
// vsqrtps (AVX-512) or two (AVX2), IEEE-exact per lane like the scalar call. Header-only and
// inline, so each use is compiled with the Swift module's own target CPU.
#ifndef AELAB_VECTORMATH_H
#define AELAB_VECTORMATH_H

typedef float vectormath_float16 __attribute__((ext_vector_type(16)));

/// The correctly rounded square root of each of sixteen lanes.
static inline __attribute__((always_inline)) vectormath_float16 vectormath_sqrt16(vectormath_float16 x) {
    return __builtin_elementwise_sqrt(x);
}

#endif
