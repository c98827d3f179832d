// CodeStatistics: how sparse a code layer is over a set of images (mean activation per unit,
// share near zero, dead units). Measured in CodeStatistics+Measure.swift; the workbench shows it,
// `aelab eval` prints it.

/// Sparsity figures of the code layer over the probe or validation samples.
public struct CodeStatistics: Sendable, Equatable {
    /// Mean activation of each code unit.
    public var unitMeans: [Float]
    /// Mean activation over all units and samples.
    public var meanActivation: Float
    /// Share of activations with |h| < 0.01 (0...1).
    public var nearZeroShare: Float
    /// Units whose activation is near zero for every sample.
    public var deadUnits: Int
    public init(unitMeans: [Float], meanActivation: Float, nearZeroShare: Float, deadUnits: Int) {
        self.unitMeans = unitMeans
        self.meanActivation = meanActivation
        self.nearZeroShare = nearZeroShare
        self.deadUnits = deadUnits
    }
    public static let empty = CodeStatistics(unitMeans: [], meanActivation: 0, nearZeroShare: 0, deadUnits: 0)
}
