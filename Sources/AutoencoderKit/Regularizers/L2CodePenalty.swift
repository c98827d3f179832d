// L2CodePenalty: Ω(h) = λ·(1/B)Σ_b Σ_i h_bi², a squared (weight-decay-like) penalty on the code
// activations rather than the weights: it keeps codes small without driving units exactly to
// zero as L1 does (Goodfellow et al. 14.2.1 and 7.1.1: any penalty Ω(h) on the code is a
// regularizer of the autoencoder; L2 is the Gaussian-prior counterpart of L1's Laplace prior).
//
// Shapes: B = batch, H = code units. dΩ/dh_bi = 2λ·h_bi/B.
// [regularizer.l2] lambda in a preset, `--penalty l2=λ` on the command line.

/// The L2 penalty on code activations.
public struct L2CodePenalty: CodePenalty {
    public let name = "l2"
    public let title = "L2"
    public let formula = "λ·(1/B)Σ_b Σ_i h_bi²"
    public let parameters = [PenaltyParameter("lambda", symbol: "λ", range: .atLeast(0), isStrength: true)]

    public func makeTerm<T: EngineScalar>(values: PenaltyValues, architecture: Architecture) -> any CodePenaltyTerm<T> {
        StrengthTerm<T>(values: values) { lambda, h, batch, width, dh in
            L2CodePenalty.apply(lambda: lambda, code: h, batch: batch, width: width, gradient: dh)
        }
    }

    /// Value of the penalty, and its gradient added into `dh` when given.
    /// - Returns: λ·(1/B)Σ h².
    @_specialize(where T == Float)
    public static func apply<T: EngineScalar>(
        lambda: T, code h: UnsafePointer<T>, batch: Int, width: Int, gradient dh: UnsafeMutablePointer<T>?
    ) -> Double {
        let n = batch * width
        var sum = 0.0
        for i in 0..<n { sum += Double(h[i]) * Double(h[i]) }
        if let dh {
            let step = 2 * lambda / T(batch)
            for i in 0..<n { dh[i] += step * h[i] }
        }
        return Double(lambda) * sum / Double(batch)
    }
}
