// SnapshotParts: the optional pieces of a TrainingSnapshot that views beyond the dashboard
// need: reference lines, per-epoch history frames, filters, code scatter and histogram, and
// latent-walk decodings. The session fills the costly ones only while their view is visible.

import AutoencoderKit

/// A horizontal line on the loss chart: a loss no model of this kind can beat, or a baseline.
public struct ReferenceLine: Sendable, Equatable {
    /// Legend name, e.g. "PCA k=32" or "entropy floor".
    public var name: String
    /// The loss value in `unit`.
    public var value: Double
    public var unit: String
    public init(name: String, value: Double, unit: String) {
        self.name = name
        self.value = value
        self.unit = unit
    }
}

/// What the probe samples looked like at the end of one epoch (kept for scrubbing).
public struct EpochFrame: Sendable, Equatable {
    public var epoch: Int
    public var step: Int
    /// Reconstructions of the fixed probe set (the first validation samples), pixels 0-255.
    public var reconstructions: [[UInt8]]
    /// Codes of the same probes: probe × H.
    public var codes: [[Float]]
    public var statistics: CodeStatistics
    /// Validation loss at this epoch's end, in the snapshot's loss unit.
    public var validationLoss: Double?
    public init(
        epoch: Int, step: Int, reconstructions: [[UInt8]], codes: [[Float]], statistics: CodeStatistics,
        validationLoss: Double?
    ) {
        self.epoch = epoch
        self.step = step
        self.reconstructions = reconstructions
        self.codes = codes
        self.statistics = statistics
        self.validationLoss = validationLoss
    }
}

/// Weight vectors of one layer drawn as images (see FilterImages), e.g. the decoder's columns.
public struct FilterSet: Sendable, Equatable {
    /// What the tiles are ("decoder columns", "encoder rows").
    public var title: String
    /// Units in the layer (tiles may hold fewer).
    public var unitCount: Int
    public var rows: Int
    public var columns: Int
    /// One normalized 8-bit image per unit, first units first.
    public var tiles: [[UInt8]]
    public init(title: String, unitCount: Int, rows: Int, columns: Int, tiles: [[UInt8]]) {
        self.title = title
        self.unitCount = unitCount
        self.rows = rows
        self.columns = columns
        self.tiles = tiles
    }
}

/// Validation codes projected to two dimensions, with labels for colour.
public struct CodeScatter: Sendable, Equatable {
    /// Axis names: "h1"/"h2" for a 2-unit code, "PC1"/"PC2" for larger codes.
    public var xName: String
    public var yName: String
    public var points: [SeriesPoint]
    /// Class label of each point (0-9), when the data has labels.
    public var labels: [UInt8]?
    /// The cursor on the plane (in the points' coordinates) and the decoder's image of the code
    /// it maps back to, pixels 0-255; nil until the code view asks for it.
    public var cursor: SeriesPoint?
    public var cursorImage: [UInt8]?
    public init(xName: String, yName: String, points: [SeriesPoint], labels: [UInt8]?) {
        self.xName = xName
        self.yName = yName
        self.points = points
        self.labels = labels
    }
}

/// Counts of code activations in equal bins between `low` and `high`.
public struct CodeHistogram: Sendable, Equatable {
    public var low: Float
    public var high: Float
    public var counts: [Int]
    public init(low: Float, high: Float, counts: [Int]) {
        self.low = low
        self.high = high
        self.counts = counts
    }
}

/// Decodings along a line in code space and along one code unit.
public struct LatentWalk: Sendable, Equatable {
    /// Validation indices of the two end samples.
    public var sampleA: Int
    public var sampleB: Int
    /// Inputs of the two end samples, pixels 0-255.
    public var inputA: [UInt8]
    public var inputB: [UInt8]
    /// g((1-t)·h_A + t·h_B) for evenly spaced t from 0 to 1.
    public var interpolation: [[UInt8]]
    /// The unit varied, the code of A with that unit changed, and its decoding.
    public var unit: Int
    public var code: [Float]
    public var varied: [UInt8]
    /// The unit's original value in h_A, and the offset added to it.
    public var original: Float
    public var offset: Float
    /// Samples from the prior, g(z) with z ~ N(0, I) (VAE only; key `P`), and whether they
    /// were asked for (asked for and empty: the model has no prior).
    public var prior: [[UInt8]] = []
    public var priorRequested = false
    /// The traversal: g(h_A) with the unit set to evenly spaced values from `traversalLow` to
    /// `traversalHigh` (its range over validation codes), the other units held.
    public var traversal: [[UInt8]] = []
    public var traversalLow: Float = 0
    public var traversalHigh: Float = 0
    public init(
        sampleA: Int, sampleB: Int, inputA: [UInt8], inputB: [UInt8], interpolation: [[UInt8]], unit: Int,
        code: [Float], varied: [UInt8], original: Float, offset: Float
    ) {
        self.sampleA = sampleA
        self.sampleB = sampleB
        self.inputA = inputA
        self.inputB = inputB
        self.interpolation = interpolation
        self.unit = unit
        self.code = code
        self.varied = varied
        self.original = original
        self.offset = offset
    }
}
