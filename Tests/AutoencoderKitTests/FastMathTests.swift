// The vectorized Float32 kernels agree with libm.
import Foundation
import Testing

@testable import AutoencoderKit

@Suite("Vectorized kernels agree with libm")
struct FastMathTests {
    static let inputs: [Float] = stride(from: -90.0, through: 90.0, by: 0.173).map { Float($0) }

    @Test("exp has relative error below 1e-6 across the clamped range")
    func expMatches() {
        var y = [Float](repeating: 0, count: Self.inputs.count)
        FastMath.exp(Self.inputs, &y, count: Self.inputs.count)
        for (x, v) in zip(Self.inputs, y) where x > -87 && x < 88 {
            let exact = Foundation.exp(Double(x))
            #expect(abs(Double(v) - exact) / exact < 1e-6, "exp(\(x))")
        }
    }

    @Test("sigmoid, tanh and softplus are within 1e-6 absolute of libm")
    func activationsMatch() {
        let n = Self.inputs.count
        var s = [Float](repeating: 0, count: n)
        var t = s
        var p = s
        FastMath.sigmoid(Self.inputs, &s, count: n)
        FastMath.tanh(Self.inputs, &t, count: n)
        FastMath.softplus(Self.inputs, &p, count: n)
        for i in 0..<n {
            let x = Double(Self.inputs[i])
            #expect(abs(Double(s[i]) - 1 / (1 + Foundation.exp(-x))) < 1e-6)
            #expect(abs(Double(t[i]) - Foundation.tanh(x)) < 2e-6)
            let sp = max(x, 0) + Foundation.log1p(Foundation.exp(-abs(x)))
            #expect(abs(Double(p[i]) - sp) < 1e-6 * max(1, sp))
        }
    }

    @Test("log is within 2e-7 relative of libm on (1e-30, 1e30)")
    func logMatches() {
        let xs: [Float] = (0..<400).map { Float(Foundation.pow(10.0, -30 + Double($0) * 0.15)) }
        var y = [Float](repeating: 0, count: xs.count)
        FastMath.log(xs, &y, count: xs.count)
        for (x, v) in zip(xs, y) {
            let exact = Foundation.log(Double(x))
            #expect(abs(Double(v) - exact) <= 2e-7 * max(1, abs(exact)), "log(\(x))")
        }
    }

    @Test("the sixteen-lane softplus gives the bits of softplus8 for every lane, tails included")
    func sixteenLaneSoftplusIsBitIdentical() {
        // A million values spread over every exponent (both signs), plus the clamps' edges.
        var generator = SystemRandomNumberGenerator()
        var inputs: [Float] = [
            0, -0, 1e-38, -1e-38, 88.37626, -88.37626, 87.33654, -87.33654, 100, -100,
            Float.leastNormalMagnitude, 0.5, -0.5,
        ]
        for _ in 0..<1_000_000 {
            let magnitude = Float(
                sign: .plus, exponent: Int.random(in: -30...7, using: &generator),
                significand: Float.random(in: 1..<2, using: &generator))
            inputs.append(Bool.random(using: &generator) ? magnitude : -magnitude)
        }
        for count in [inputs.count, inputs.count - 5] {  // a tail of 16k+n lanes and one padded
            var sixteen = [Float](repeating: .nan, count: count)
            FastMath.softplus(inputs, &sixteen, count: count)
            var mismatches = 0
            for start in stride(from: 0, to: count - 7, by: 8) {
                let reference = softplus8(F8(inputs[start..<start + 8]))
                for lane in 0..<8 where reference[lane].bitPattern != sixteen[start + lane].bitPattern {
                    mismatches += 1
                }
            }
            #expect(mismatches == 0, "\(mismatches) lanes differ from softplus8 (count \(count))")
        }
    }
}
