// CodeStatistics+Measure: sparsity figures of the code layer h over a set of images.
//
// Mean activation, the share of activations with |h| < 0.01, and dead units (units whose
// |h| < 0.01 for every sample). Ng's sparse autoencoder notes call ρ̂_j the mean activation of
// unit j; a unit with ρ̂_j ≈ 0 on every input carries no information.

extension CodeStatistics {
    /// Activations below this magnitude count as "near zero".
    public static let nearZeroThreshold: Float = 0.01

    /// The figures of `codes` (samples × H).
    public init(codes: [[Float]]) {
        let units = codes.first?.count ?? 0
        var sums = [Double](repeating: 0, count: units)
        var alive = [Bool](repeating: false, count: units)
        var nearZero = 0
        for code in codes {
            for (j, h) in code.enumerated() where j < units {
                sums[j] += Double(h)
                if abs(h) < Self.nearZeroThreshold { nearZero += 1 } else { alive[j] = true }
            }
        }
        let n = Double(max(codes.count, 1))
        let means = sums.map { Float($0 / n) }
        let total = Double(max(codes.count * units, 1))
        self.init(
            unitMeans: means,
            meanActivation: Float(sums.reduce(0, +) / total),
            nearZeroShare: Float(Double(nearZero) / total),
            deadUnits: codes.isEmpty ? 0 : alive.filter { !$0 }.count)
    }
}

extension Trainer {
    /// Sparsity figures of the code over the first `limit` images of `set`.
    /// - Complexity: one forward pass over min(limit, set.count) images.
    public func codeStatistics(of set: ImageSet, limit: Int = 1_000) -> CodeStatistics {
        CodeStatistics(codes: probe(set, indices: Array(0..<min(limit, set.count))).codes)
    }
}
