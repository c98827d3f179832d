// OptimizerKernelTests: the vector kernels that run every step give exactly what the plain
// per-element loops give: the Adam update bit for bit (with AdamW's shrink and the copy of the
// old parameters it keeps), and the finiteness checks for every position of a NaN or an
// infinity, in the vector part and in the tail.
import Foundation
import Testing

@testable import AutoencoderKit

@Suite("Optimizer kernels")
struct OptimizerKernelTests {
    @Test(
        "the one-pass Adam step keeps the old parameters, shrinks, and reports a non-finite result anywhere",
        arguments: [Float.nan, .infinity])
    func adamKeepsPreviousAndReportsNonFinite(bad: Float) {
        let n = 37
        let step = AdamStep(
            beta1: 0.9, oneMinusBeta1: 0.1, beta2: 0.999, oneMinusBeta2: 0.001, secondCorrection: 1000,
            stepSize: 0.01, epsilon: 1e-8)
        for position in [0, 5, 15, 16, 31, 32, 36] {
            let w = Buffer<Float>(count: n)
            let g = Buffer<Float>(count: n)
            let m = Buffer<Float>(count: n)
            let v = Buffer<Float>(count: n)
            let previous = Buffer<Float>(count: n)
            for i in 0..<n {
                w[i] = Float(i) - 10
                g[i] = Float(i % 5) - 2
            }
            let original = (0..<n).map { w[$0] }
            #expect(
                step.apply(
                    0..<n, w: w.pointer, g: g.pointer, m: m.pointer, v: v.pointer, previous: previous.pointer,
                    shrink: 0.5))
            #expect((0..<n).map { previous[$0] } == original)
            for i in 0..<n {
                let mi: Float = 0.1 * g[i]
                let vi: Float = 0.001 * g[i] * g[i]
                let expected = original[i] * 0.5 - 0.01 * mi / ((vi * 1000).squareRoot() + 1e-8)
                #expect(w[i].bitPattern == expected.bitPattern, "lane \(i)")
            }
            g[position] = bad
            #expect(!step.apply(0..<n, w: w.pointer, g: g.pointer, m: m.pointer, v: v.pointer), "\(bad) at \(position)")
        }
    }

    @Test("AdamW's decay segments cover every parameter once, shrinking only the weights")
    func adamwSegmentsCoverTheRange() {
        let segments = Optimizer.segments(count: 20, decayed: [12..<16, 2..<10], shrink: 0.5)
        #expect(segments.map(\.0) == [0..<2, 2..<10, 10..<12, 12..<16, 16..<20])
        #expect(segments.map(\.1) == [1, 0.5, 1, 0.5, 1])
    }

    @Test("the eight-lane Adam update equals the per-element formula bit for bit")
    func adamMatchesScalar() {
        var random = RandomGenerator(seed: 3)
        let n = 1003
        var w = (0..<n).map { _ in random.nextNormal() }
        var m = [Float](repeating: 0, count: n)
        var v = m
        var (ws, ms, vs) = (w, m, v)
        let b1: Float = 0.9
        let b2: Float = 0.999
        let eps: Float = 1e-8
        let lr: Float = 1e-3
        for t in 1...5 {
            // large, tiny and zero gradients, so the square root and division see every scale
            let g = (0..<n).map { i in i % 97 == 0 ? 0 : random.nextNormal() * (i % 3 == 0 ? 1e-6 : 10) }
            let c1 = 1 / (1 - Float(pow(Double(b1), Double(t))))
            let c2 = 1 / (1 - Float(pow(Double(b2), Double(t))))
            let step = AdamStep(
                beta1: b1, oneMinusBeta1: 1 - b1, beta2: b2, oneMinusBeta2: 1 - b2, secondCorrection: c2,
                stepSize: lr * c1, epsilon: eps)
            // a range that starts off the eight-lane grid and ends in a scalar tail
            _ = w.withUnsafeMutableBufferPointer { wp in
                m.withUnsafeMutableBufferPointer { mp in
                    v.withUnsafeMutableBufferPointer { vp in
                        g.withUnsafeBufferPointer { gp in
                            step.apply(
                                3..<n, w: wp.baseAddress!, g: gp.baseAddress!, m: mp.baseAddress!, v: vp.baseAddress!)
                        }
                    }
                }
            }
            for i in 3..<n {
                let gi = g[i]
                ms[i] = b1 * ms[i] + (1 - b1) * gi
                vs[i] = b2 * vs[i] + (1 - b2) * gi * gi
                ws[i] -= lr * c1 * ms[i] / ((vs[i] * c2).squareRoot() + eps)
            }
        }
        #expect(w.map(\.bitPattern) == ws.map(\.bitPattern))
        #expect(m.map(\.bitPattern) == ms.map(\.bitPattern))
        #expect(v.map(\.bitPattern) == vs.map(\.bitPattern))
        #expect(w[0..<3] == ws[0..<3])
    }

    @Test(
        "the finiteness check finds a NaN or an infinity at any position, and only in its range",
        arguments: [Float.nan, .infinity, -.infinity])
    func allFiniteFindsEveryPosition(bad: Float) {
        let n = 21
        let finite = Buffer<Float>(count: n)
        for i in 0..<n { finite[i] = i % 2 == 0 ? .greatestFiniteMagnitude : -.leastNonzeroMagnitude }
        #expect(finite.allFinite())
        for position in 0..<n {
            let buffer = Buffer<Float>(count: n)
            buffer.copy(from: finite)
            buffer[position] = bad
            #expect(!buffer.allFinite(), "\(bad) at \(position)")
            #expect(buffer.allFinite(from: position + 1) == true)
            #expect(buffer.allFinite(from: 0, count: position))
            #expect(!buffer.allFinite(from: position, count: 1))
        }
    }
}
