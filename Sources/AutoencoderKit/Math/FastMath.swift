// FastMath: vectorized elementwise kernels (exp, sigmoid, softplus, log) on Float32 arrays.
//
// One libm call per element would cost more than the matrix products of a small model, so the
// hot activations use an 8-wide SIMD exp: range reduction x = n·ln2 + r, |r| <= ln2/2, a
// degree-6 polynomial for e^r (Cephes expf coefficients, relative error about 1e-7), and 2^n
// built in the exponent bits. Inputs are clamped to [-87.3, 88.7] so results stay finite.

import CVectorMath

typealias F8 = SIMD8<Float>

/// Eight floats from `p`, any alignment.
@inline(__always)
func load8(_ p: UnsafePointer<Float>) -> F8 { UnsafeRawPointer(p).loadUnaligned(as: F8.self) }

/// Writes eight floats to `p`, any alignment.
@inline(__always)
func store8(_ v: F8, to p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: F8.self) }

@usableFromInline let expClampHigh: Float = 88.376_26
@usableFromInline let expClampLow: Float = -87.336_54
/// 1.5·2^23: x + magic - magic rounds x to the nearest integer for |x| < 2^22 without a
/// per-lane conversion, and the bits of x + magic minus the magic's bits are that integer.
@usableFromInline let roundingMagic: Float = 12_582_912
@usableFromInline let roundingMagicBits = SIMD8<Int32>(repeating: 0x4B40_0000)

/// Int32 lanes (|i| < 2^22) to Float lanes by the same magic-number trick.
@inline(__always)
func intToFloat8(_ i: SIMD8<Int32>) -> F8 {
    unsafeBitCast(i &+ roundingMagicBits, to: F8.self) - roundingMagic
}

/// e^x for eight lanes.
@inline(__always)
func exp8(_ input: F8) -> F8 {
    var x = input.replacing(with: F8(repeating: expClampHigh), where: input .> expClampHigh)
    x = x.replacing(with: F8(repeating: expClampLow), where: x .< expClampLow)
    // n = round(x / ln 2): adding 1.5·2^23 rounds to an integer held in the low mantissa bits
    let shifted = x * 1.442_695_04 + roundingMagic
    let n = shifted - roundingMagic
    // r = x - n ln2, split into high and low parts for precision (Cephes C1, C2)
    var r = x - n * 0.693_359_375
    r = r + n * 2.121_944_4e-4
    // e^r ~ 1 + r + r^2 (p(r))
    var p = F8(repeating: 1.987_569_15e-4)
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_6e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_1e-1
    let r2 = r * r
    let er = p * r2 + r + 1
    // 2^n: put n + 127 into the exponent bits
    let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- roundingMagicBits
    let bits = (integer &+ 127) &<< 23
    let scale = unsafeBitCast(bits, to: F8.self)
    return er * scale
}

/// Natural log for eight lanes of positive finite values (frexp split and a polynomial on
/// the mantissa in [sqrt(1/2), sqrt(2)), Cephes logf; relative error about 1e-7).
@inline(__always)
func log8(_ input: F8) -> F8 {
    let x = input.replacing(with: F8(repeating: Float.leastNormalMagnitude), where: input .< Float.leastNormalMagnitude)
    let bits = unsafeBitCast(x, to: SIMD8<Int32>.self)
    var e = intToFloat8((bits &>> 23) &- 126)
    var m = unsafeBitCast((bits & 0x007F_FFFF) | 0x3F00_0000, to: F8.self)  // in [0.5, 1)
    let small = m .< 0.707_106_781
    e = e.replacing(with: e - 1, where: small)
    m = m.replacing(with: m + m, where: small)
    let t = m - 1
    let p = logPolynomial(t)
    let t2 = t * t
    var y = p * t * t2
    y = y + e * -2.121_944_4e-4
    y = y - 0.5 * t2
    return t + y + e * 0.693_359_375
}

/// The degree-8 polynomial of `log8` in t = m − 1. Kept out of line on purpose: inlined into
/// `log8`, the compiler splits it into one scalar chain per lane (134 scalar instructions; the
/// softplus of the BCE loss then took 6.0 ns an element); on its own it stays four lanes wide
/// (2.9 ns an element, the same results).
@inline(never)
func logPolynomial(_ t: F8) -> F8 {
    var p = F8(repeating: 7.037_683_6e-2)
    p = p * t - 1.151_461_0e-1
    p = p * t + 1.167_699_9e-1
    p = p * t - 1.242_014_1e-1
    p = p * t + 1.424_932_3e-1
    p = p * t - 1.666_805_8e-1
    p = p * t + 2.000_071_5e-1
    p = p * t - 2.499_999_4e-1
    p = p * t + 3.333_333_1e-1
    return p
}

/// Elementwise kernels over raw buffers: each processes 8 lanes at a time and a scalar tail.
public enum FastMath {
    /// y = e^x elementwise (y may alias x).
    public static func exp(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        map(x, y, count: count) { exp8($0) }
    }

    /// y = 1 / (1 + e^-x) elementwise (y may alias x).
    public static func sigmoid(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        map(x, y, count: count) { v in 1 / (1 + exp8(-v)) }
    }

    /// y = log(1 + e^x) = max(x, 0) + log(1 + e^-|x|), stable for any x (y may alias x).
    /// Sixteen lanes at a time in CVectorMath (vectormath_softplus16: `softplus8`'s operations
    /// in the same order, so the same bits, about 3x faster); the BCE loss spends most of its
    /// time here.
    public static func softplus(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        vectormath_softplus(x, y, count)
    }

    /// y = tanh(x) = 1 - 2 / (e^{2x} + 1) elementwise (y may alias x).
    public static func tanh(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        map(x, y, count: count) { v in 1 - 2 / (exp8(v + v) + 1) }
    }

    /// y = log(x) elementwise for positive x (y may alias x).
    public static func log(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        map(x, y, count: count) { log8($0) }
    }

    /// Applies an 8-lane function to `count` elements, padding the tail with zeros.
    @inline(__always)
    static func map(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int,
        _ f: (F8) -> F8
    ) {
        var i = 0
        while i + 8 <= count {
            store8(f(load8(x + i)), to: y + i)
            i += 8
        }
        if i < count {
            var v = F8(repeating: 0)
            for lane in 0..<(count - i) { v[lane] = x[i + lane] }
            let r = f(v)
            for lane in 0..<(count - i) { y[i + lane] = r[lane] }
        }
    }
}

/// log(1 + e^x) for eight lanes, stable for large |x|.
@inline(__always)
func softplus8(_ v: F8) -> F8 {
    let absV = v.replacing(with: -v, where: v .< 0)
    let positive = v.replacing(with: 0, where: v .< 0)
    return positive + log8(1 + exp8(-absV))
}
