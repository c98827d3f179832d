// AdamStep: the Adam update of one range of parameters, eight lanes at a time.
//
//   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  w ← w − (η/(1−β1ᵗ))·m / (√(v/(1−β2ᵗ)) + ε)
//
// Written with explicit eight-lane loads and stores, so the compiler need not prove that w, g,
// m and v do not overlap before it vectorizes. Each lane does the same operations in the same
// order as a per-element loop, so the results are bit for bit that loop's (IEEE square root
// and division are exact per lane; OptimizerKernelTests); only the tail is scalar.

/// The constants of one Adam step.
struct AdamStep {
    var beta1: Float, oneMinusBeta1: Float
    var beta2: Float, oneMinusBeta2: Float
    /// 1/(1−β2ᵗ)
    var secondCorrection: Float
    /// η/(1−β1ᵗ)
    var stepSize: Float
    var epsilon: Float

    /// Updates m, v and w over `range`.
    func apply(
        _ range: Range<Int>, w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>,
        m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>
    ) {
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            let gi = load8(g + i)
            let mi = beta1 * load8(m + i) + oneMinusBeta1 * gi
            let vi = beta2 * load8(v + i) + oneMinusBeta2 * gi * gi
            store8(mi, to: m + i)
            store8(vi, to: v + i)
            store8(load8(w + i) - stepSize * mi / ((vi * secondCorrection).squareRoot() + epsilon), to: w + i)
            i += 8
        }
        while i < range.upperBound {
            let gi = g[i]
            let mi = beta1 * m[i] + oneMinusBeta1 * gi
            let vi = beta2 * v[i] + oneMinusBeta2 * gi * gi
            m[i] = mi
            v[i] = vi
            w[i] -= stepSize * mi / ((vi * secondCorrection).squareRoot() + epsilon)
            i += 1
        }
    }
}
