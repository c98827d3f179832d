// EpochMetrics: the figures of one finished epoch, with units in every name.

/// Losses and throughput of one epoch. Loss values are per pixel (mean over pixels) unless
/// the name says per image (sum over an image's pixels).
public struct EpochMetrics: Sendable, Equatable, Codable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Batches since the start of the run.
    public var step: Int
    public var loss: ReconstructionLoss
    /// Mean training reconstruction loss over the epoch's batches, per pixel.
    public var trainLossPerPixel: Double
    /// Validation reconstruction loss at the epoch's end, per pixel.
    public var validationLossPerPixel: Double
    /// Pixels per image, to convert to the per-image sum.
    public var pixelsPerImage: Int
    /// Wall time of the epoch's training batches (validation excluded).
    public var seconds: Double
    public var samplesPerSecond: Double
    public var learningRate: Float

    /// Per-image sums.
    public var trainLossPerImage: Double { trainLossPerPixel * Double(pixelsPerImage) }
    public var validationLossPerImage: Double { validationLossPerPixel * Double(pixelsPerImage) }

    /// Ordered fields for a metrics line, names carrying units: "train_bce_per_pixel".
    public var fields: [(String, Double)] {
        let s = loss.metricStem
        return [
            ("epoch", Double(epoch)), ("step", Double(step)),
            ("train_\(s)_per_pixel", trainLossPerPixel), ("train_\(s)_per_image", trainLossPerImage),
            ("val_\(s)_per_pixel", validationLossPerPixel), ("val_\(s)_per_image", validationLossPerImage),
            ("epoch_seconds", seconds), ("samples_per_second", samplesPerSecond),
            ("learning_rate", Double(learningRate)),
        ]
    }
}

/// Reconstruction loss of a whole image set.
public struct LossSummary: Sendable, Equatable {
    public var perPixel: Double
    public var perImage: Double
    public var count: Int
}
