// L1Penalty: Ω(h) = λ·(1/B)Σ_b Σ_i |h_bi|, the sparse autoencoder's L1 code penalty
// (Goodfellow et al. 14.2.1; the per-example sum averaged over the batch).
//
// Shapes: B = batch, H = code units. dΩ/dh_bi = λ·sign(h_bi)/B (0 at exactly 0, the
// subgradient a ReLU code sits on when it is off).

/// The L1 penalty on code activations.
public enum L1Penalty {
    /// Value of the penalty, and its gradient added into `dh` when given.
    /// - Parameters:
    ///   - h: codes, B×H.
    ///   - dh: dJ/dh (B×H) to add λ·sign(h)/B into, or nil to evaluate only.
    /// - Returns: λ·(1/B)Σ|h|.
    @discardableResult
    @_specialize(where T == Float)
    public static func apply<T: EngineScalar>(
        lambda: T, code h: UnsafePointer<T>, batch: Int, width: Int, gradient dh: UnsafeMutablePointer<T>?
    ) -> Double {
        let n = batch * width
        var sum = 0.0
        for i in 0..<n { sum += Double(abs(h[i])) }
        if let dh {
            let step = lambda / T(batch)
            for i in 0..<n where h[i] != 0 { dh[i] += h[i] > 0 ? step : -step }
        }
        return Double(lambda) * sum / Double(batch)
    }
}

/// The L1 penalty's registry entry: [regularizer.l1] lambda, `--l1` / `--penalty l1=λ`.
public struct L1CodePenalty: CodePenalty {
    public let name = "l1"
    public let title = "L1"
    public let formula = "λ·(1/B)Σ_b Σ_i |h_bi|"
    public let parameters = [PenaltyParameter("lambda", symbol: "λ", range: .atLeast(0), isStrength: true)]

    public func makeTerm<T: EngineScalar>(values: PenaltyValues, architecture: Architecture) -> any CodePenaltyTerm<T> {
        StrengthTerm<T>(values: values) { lambda, h, batch, width, dh in
            L1Penalty.apply(lambda: lambda, code: h, batch: batch, width: width, gradient: dh)
        }
    }
}
