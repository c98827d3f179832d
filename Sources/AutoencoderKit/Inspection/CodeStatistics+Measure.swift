// CodeStatistics+Measure: sparsity figures of the code layer h over a set of images.
//
// Mean activation, the share of activations with |h| < 0.01, and dead units (units whose
// |h| < 0.01 for every sample). Ng's sparse autoencoder notes call ρ̂_j the mean activation of
// unit j; a unit with ρ̂_j ≈ 0 on every input carries no information.
// The one implementation: `CodeStatistics.Tally` sums codes a sample at a time, so the inspector
// measures a whole set batch by batch and the session measures probe codes it already holds.

extension CodeStatistics {
    /// Activations below this magnitude count as "near zero".
    public static let nearZeroThreshold: Float = 0.01

    /// Running sums over codes of `units` values each; `statistics` gives the figures so far.
    public struct Tally: Sendable {
        private var sums: [Double]
        private var alive: [Bool]
        private var nearZero = 0
        private var samples = 0

        /// An empty tally for codes of `units` values.
        public init(units: Int) {
            sums = [Double](repeating: 0, count: units)
            alive = [Bool](repeating: false, count: units)
        }

        /// Adds one sample's code; values past `units` are ignored.
        public mutating func add(_ code: UnsafeBufferPointer<Float>) {
            for (j, h) in code.prefix(sums.count).enumerated() {
                sums[j] += Double(h)
                if abs(h) < CodeStatistics.nearZeroThreshold { nearZero += 1 } else { alive[j] = true }
            }
            samples += 1
        }

        /// The figures of the codes added so far (all zero before the first).
        public var statistics: CodeStatistics {
            let n = Double(max(samples, 1))
            let total = n * Double(max(sums.count, 1))
            return CodeStatistics(
                unitMeans: sums.map { Float($0 / n) },
                meanActivation: Float(sums.reduce(0, +) / total),
                nearZeroShare: Float(Double(nearZero) / total),
                deadUnits: samples == 0 ? 0 : alive.filter { !$0 }.count)
        }
    }

    /// The figures of `codes` (samples × H).
    public init(codes: [[Float]]) {
        var tally = Tally(units: codes.first?.count ?? 0)
        for code in codes { code.withUnsafeBufferPointer { tally.add($0) } }
        self = tally.statistics
    }
}

extension ModelInspector {
    /// Sparsity figures of the code over the first `limit` images of `set` (all by default),
    /// computed as in training and evaluation (k-sparse selection applied, a VAE's mean code).
    /// - Complexity: one forward pass over min(limit, set.count) images.
    public func codeStatistics(of set: ImageSet, limit: Int = .max) -> CodeStatistics {
        let h = config.architecture.codeSize
        var tally = CodeStatistics.Tally(units: h)
        forwardInBatches(set, count: limit) { batch in
            for row in 0..<batch.count { tally.add(UnsafeBufferPointer(start: model.code + row * h, count: h)) }
        }
        return tally.statistics
    }
}
