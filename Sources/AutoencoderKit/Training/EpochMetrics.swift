// EpochMetrics: the figures of one finished epoch, with units in every name.
//
// The objective's terms stay apart: the reconstruction loss (per pixel and per image), each
// penalty on its own (`train_l1_penalty`, `train_kl_penalty`, ...), and their sum
// (`train_total`), which is what the optimizer minimized. Penalties are in the objective's
// units: per example averaged over the batch, added to a per-pixel loss (see Regularization).

/// Losses, penalties, code statistics and throughput of one epoch. Loss values are per pixel
/// (mean over pixels) unless the name says per image (sum over an image's pixels).
public struct EpochMetrics: Sendable, Equatable, Codable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Batches since the start of the run.
    public var step: Int
    public var loss: ReconstructionLoss
    /// Mean training reconstruction loss over the epoch's batches, per pixel.
    public var trainLossPerPixel: Double
    /// Validation reconstruction loss at the epoch's end, per pixel (on clean inputs).
    public var validationLossPerPixel: Double
    /// Pixels per image, to convert to the per-image sum.
    public var pixelsPerImage: Int
    /// Wall time of the epoch's training batches (validation excluded).
    public var seconds: Double
    public var samplesPerSecond: Double
    public var learningRate: Float
    /// Each penalty's mean over the epoch's batches (empty without penalties).
    public var penalties: [PenaltyValue] = []
    /// Denoising only: validation reconstruction loss per pixel of corrupted inputs against
    /// the clean ones (a fixed corruption of the validation set, the same every epoch).
    public var validationCorruptedLossPerPixel: Double? = nil
    /// Mean code activation over validation images and code units.
    public var meanCodeActivation: Double = 0
    /// Share of validation code activations with |h| < 0.01.
    public var nearZeroShare: Double = 0
    /// Code units with |h| < 0.01 on every validation image.
    public var deadUnits: Int = 0
    /// Mean ‖∂h/∂x‖_F over the validation set, for a one-layer deterministic encoder without
    /// k-sparse selection (see `ModelInspector.jacobianNorm(codes:)`).
    public var meanJacobianFrobenius: Double? = nil

    /// Per-image sums.
    public var trainLossPerImage: Double { trainLossPerPixel * Double(pixelsPerImage) }
    public var validationLossPerImage: Double { validationLossPerPixel * Double(pixelsPerImage) }
    /// Reconstruction plus every penalty: the objective the optimizer minimized.
    public var trainTotal: Double { trainLossPerPixel + penalties.reduce(0) { $0 + $1.value } }

    /// Ordered fields for a metrics line, names carrying units: "train_bce_per_pixel".
    public var fields: [(String, Double)] {
        let s = loss.metricStem
        var result: [(String, Double)] = [
            ("epoch", Double(epoch)), ("step", Double(step)),
            ("train_\(s)_per_pixel", trainLossPerPixel), ("train_\(s)_per_image", trainLossPerImage),
        ]
        for penalty in penalties { result.append(("train_\(penalty.name)_penalty", penalty.value)) }
        result.append(("train_total", trainTotal))
        result += [
            ("val_\(s)_per_pixel", validationLossPerPixel), ("val_\(s)_per_image", validationLossPerImage),
        ]
        if let corrupted = validationCorruptedLossPerPixel {
            result.append(("val_corrupted_\(s)_per_pixel", corrupted))
            result.append(("val_corrupted_\(s)_per_image", corrupted * Double(pixelsPerImage)))
        }
        result += [
            ("mean_code_activation", meanCodeActivation), ("near_zero_share", nearZeroShare),
            ("dead_units", Double(deadUnits)),
        ]
        if let j = meanJacobianFrobenius { result.append(("mean_jacobian_frobenius", j)) }
        result += [
            ("epoch_seconds", seconds), ("samples_per_second", samplesPerSecond),
            ("learning_rate", Double(learningRate)),
        ]
        return result
    }
}

extension EpochMetrics {
    private enum CodingKeys: String, CodingKey {
        case epoch, step, loss, trainLossPerPixel, validationLossPerPixel, pixelsPerImage, seconds
        case samplesPerSecond, learningRate, penalties, validationCorruptedLossPerPixel
        case meanCodeActivation, nearZeroShare, deadUnits, meanJacobianFrobenius
    }

    /// Decodes metrics; the penalty and code figures may be absent (checkpoint histories written
    /// before they existed) and read as their defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        epoch = try c.decode(Int.self, forKey: .epoch)
        step = try c.decode(Int.self, forKey: .step)
        loss = try c.decode(ReconstructionLoss.self, forKey: .loss)
        trainLossPerPixel = try c.decode(Double.self, forKey: .trainLossPerPixel)
        validationLossPerPixel = try c.decode(Double.self, forKey: .validationLossPerPixel)
        pixelsPerImage = try c.decode(Int.self, forKey: .pixelsPerImage)
        seconds = try c.decode(Double.self, forKey: .seconds)
        samplesPerSecond = try c.decode(Double.self, forKey: .samplesPerSecond)
        learningRate = try c.decode(Float.self, forKey: .learningRate)
        penalties = try c.decodeIfPresent([PenaltyValue].self, forKey: .penalties) ?? []
        validationCorruptedLossPerPixel = try c.decodeIfPresent(Double.self, forKey: .validationCorruptedLossPerPixel)
        meanCodeActivation = try c.decodeIfPresent(Double.self, forKey: .meanCodeActivation) ?? 0
        nearZeroShare = try c.decodeIfPresent(Double.self, forKey: .nearZeroShare) ?? 0
        deadUnits = try c.decodeIfPresent(Int.self, forKey: .deadUnits) ?? 0
        meanJacobianFrobenius = try c.decodeIfPresent(Double.self, forKey: .meanJacobianFrobenius)
    }
}

/// Reconstruction loss of a whole image set.
public struct LossSummary: Sendable, Equatable {
    public var perPixel: Double
    public var perImage: Double
    public var count: Int
}
