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

typedef int vectormath_int16 __attribute__((ext_vector_type(16)));

// The exp, log and softplus below are FastMath.swift's exp8, log8 and softplus8 (Cephes expf
// and logf) written for sixteen lanes, operation for operation and with contraction into fused
// multiply-adds off, so each lane's result is bit for bit the Swift kernel's. Swift's SIMD8
// code for the log polynomial splits into scalar chains; clang keeps all of it in vector
// registers (one zmm register per sixteen lanes with AVX-512).
#pragma clang fp contract(off)

/// Lanes of `x` where `mask` is set replaced by `y`'s (Swift's `replacing(with:where:)`).
static inline __attribute__((always_inline)) vectormath_float16
vectormath_select16(vectormath_int16 mask, vectormath_float16 y, vectormath_float16 x) {
    return mask ? y : x;
}

/// e^x for sixteen lanes (FastMath's exp8).
static inline __attribute__((always_inline)) vectormath_float16 vectormath_exp16(vectormath_float16 input) {
    const float magic = 12582912.0f;
    vectormath_float16 x = vectormath_select16(input > 88.37626f, (vectormath_float16)88.37626f, input);
    x = vectormath_select16(x < -87.33654f, (vectormath_float16)-87.33654f, x);
    vectormath_float16 shifted = x * 1.44269504f + magic;
    vectormath_float16 n = shifted - magic;
    vectormath_float16 r = x - n * 0.693359375f;
    r = r + n * 2.1219444e-4f;
    vectormath_float16 p = (vectormath_float16)1.98756915e-4f;
    p = p * r + 1.39819995e-3f;
    p = p * r + 8.3334519e-3f;
    p = p * r + 4.1665796e-2f;
    p = p * r + 1.66666655e-1f;
    p = p * r + 5.0000001e-1f;
    vectormath_float16 r2 = r * r;
    vectormath_float16 er = p * r2 + r + 1.0f;
    vectormath_int16 integer = __builtin_bit_cast(vectormath_int16, shifted) - 0x4B400000;
    vectormath_int16 bits = (integer + 127) << 23;
    return er * __builtin_bit_cast(vectormath_float16, bits);
}

/// Natural log of sixteen lanes of positive finite values (FastMath's log8).
static inline __attribute__((always_inline)) vectormath_float16 vectormath_log16(vectormath_float16 input) {
    const float magic = 12582912.0f;
    const float smallest = 1.17549435e-38f;
    vectormath_float16 x = vectormath_select16(input < smallest, (vectormath_float16)smallest, input);
    vectormath_int16 bits = __builtin_bit_cast(vectormath_int16, x);
    vectormath_int16 exponent = (bits >> 23) - 126;
    vectormath_float16 e = __builtin_bit_cast(vectormath_float16, exponent + 0x4B400000) - magic;
    vectormath_float16 m = __builtin_bit_cast(vectormath_float16, (bits & 0x007FFFFF) | 0x3F000000);
    vectormath_int16 small = m < 0.707106781f;
    e = vectormath_select16(small, e - 1.0f, e);
    m = vectormath_select16(small, m + m, m);
    vectormath_float16 t = m - 1.0f;
    vectormath_float16 p = (vectormath_float16)7.0376836e-2f;
    p = p * t - 1.1514610e-1f;
    p = p * t + 1.1676999e-1f;
    p = p * t - 1.2420141e-1f;
    p = p * t + 1.4249323e-1f;
    p = p * t - 1.6668058e-1f;
    p = p * t + 2.0000715e-1f;
    p = p * t - 2.4999994e-1f;
    p = p * t + 3.3333331e-1f;
    vectormath_float16 t2 = t * t;
    vectormath_float16 y = p * t * t2;
    y = y + e * -2.1219444e-4f;
    y = y - 0.5f * t2;
    return t + y + e * 0.693359375f;
}

/// log(1 + e^x) = max(x, 0) + log(1 + e^-|x|) for sixteen lanes (FastMath's softplus8).
static inline __attribute__((always_inline)) vectormath_float16 vectormath_softplus16(vectormath_float16 v) {
    vectormath_int16 negative = v < 0.0f;
    vectormath_float16 absV = vectormath_select16(negative, -v, v);
    vectormath_float16 positive = vectormath_select16(negative, (vectormath_float16)0.0f, v);
    return positive + vectormath_log16(1.0f + vectormath_exp16(-absV));
}

/// y = softplus(x) for `count` floats (y may alias x); a tail shorter than sixteen lanes is
/// padded with zeros, as FastMath.map does.
static inline void vectormath_softplus(const float *x, float *y, long count) {
    long i = 0;
    for (; i + 16 <= count; i += 16) {
        vectormath_float16 v;
        __builtin_memcpy(&v, x + i, sizeof v);
        vectormath_float16 r = vectormath_softplus16(v);
        __builtin_memcpy(y + i, &r, sizeof r);
    }
    if (i < count) {
        vectormath_float16 v = (vectormath_float16)0.0f;
        for (long lane = 0; lane < count - i; lane++) v[lane] = x[i + lane];
        vectormath_float16 r = vectormath_softplus16(v);
        for (long lane = 0; lane < count - i; lane++) y[i + lane] = r[lane];
    }
}

#endif
