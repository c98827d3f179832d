// AdamStep: the Adam update of one range of parameters, sixteen lanes at a time, in one pass.
//
//   w ← s·w  (AdamW's decoupled decay: s = 1 − η·λ on weights, exactly 1 elsewhere)
//   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  w ← w − (η/(1−β1ᵗ))·m / (√(v/(1−β2ᵗ)) + ε)
//
// The same pass keeps the parameters it overwrites in `previous` (the trainer's copy to roll
// back to when the step diverges) and tells whether every new parameter is finite, so a step
// reads and writes each array once instead of three passes (copy, update, check).
// Written with explicit sixteen-lane loads and stores, so the compiler need not prove that the
// arrays do not overlap; the square root is one vector instruction (CVectorMath). Each lane does
// the operations of the per-element loop in the same order, and IEEE square root and division
// are exact per lane, so the result is bit for bit that loop's (OptimizerKernelTests).
import CVectorMath

typealias F16 = SIMD16<Float>

@inline(__always)
private func load16(_ p: UnsafePointer<Float>) -> F16 { UnsafeRawPointer(p).loadUnaligned(as: F16.self) }

@inline(__always)
private func store16(_ v: F16, to p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: F16.self)
}

/// The constants of one Adam step.
struct AdamStep {
    var beta1: Float, oneMinusBeta1: Float
    var beta2: Float, oneMinusBeta2: Float
    /// 1/(1−β2ᵗ)
    var secondCorrection: Float
    /// η/(1−β1ᵗ)
    var stepSize: Float
    var epsilon: Float

    /// Updates m, v and w over `range`, first scaling w by `shrink` (1 leaves it exactly as is).
    /// When `previous` is given, the old w goes there.
    /// - Returns: true when every new w in the range is finite.
    @discardableResult
    func apply(
        _ range: Range<Int>, w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>,
        m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>,
        previous: UnsafeMutablePointer<Float>? = nil, shrink: Float = 1
    ) -> Bool {
        var i = range.lowerBound
        // x − x is 0 for finite x and NaN for NaN or ±∞: one NaN lane marks the range
        var check = F16(repeating: 0)
        while i + 16 <= range.upperBound {
            let old = load16(w + i)
            if let previous { store16(old, to: previous + i) }
            let gi = load16(g + i)
            let mi = beta1 * load16(m + i) + oneMinusBeta1 * gi
            let vi = beta2 * load16(v + i) + oneMinusBeta2 * gi * gi
            store16(mi, to: m + i)
            store16(vi, to: v + i)
            let root = vectormath_sqrt16(vi * secondCorrection)
            let new = old * shrink - stepSize * mi / (root + epsilon)
            store16(new, to: w + i)
            check += new - new
            i += 16
        }
        var finite = !any(check .!= 0)
        while i < range.upperBound {
            previous?[i] = w[i]
            let gi = g[i]
            let mi = beta1 * m[i] + oneMinusBeta1 * gi
            let vi = beta2 * v[i] + oneMinusBeta2 * gi * gi
            m[i] = mi
            v[i] = vi
            let new = w[i] * shrink - stepSize * mi / ((vi * secondCorrection).squareRoot() + epsilon)
            w[i] = new
            finite = finite && new.isFinite
            i += 1
        }
        return finite
    }
}
