// ReferenceLines: the loss chart's reference lines, computed once per dataset and code size
// on the training queue and cached.
//
// - MSE runs: the PCA error at the run's code size k: the mean squared error per pixel of the
//   best rank-k linear reconstruction (Goodfellow et al. 14.1), fitted on up to 3,000 training
//   images and measured on the validation set. An undercomplete autoencoder with k units should
//   reach it or beat it (non-linear). Not shown for BCE runs: squared error and cross-entropy
//   are different quantities and converting one into the other would mislead.
// - BCE runs: the entropy floor, the BCE/px of a perfect reconstruction of the validation
//   pixels (ReconstructionLoss.floor); grey-level data cannot go below it.
import AutoencoderKit

/// A cache of reference lines for one dataset.
final class ReferenceLines {
    private let dataset: Dataset
    private var pcaErrors: [Int: Double?] = [:]
    private var entropyFloor: Double?
    /// Training images used to fit PCA (keeps the one-off cost near a second).
    static let pcaSamples = 3_000

    init(dataset: Dataset) { self.dataset = dataset }

    /// The lines for a run with this loss and code size (computing them the first time).
    func lines(for config: TrainingConfig) -> [ReferenceLine] {
        switch config.loss {
        case .mse:
            let k = config.architecture.codeSize
            guard k < dataset.train.pixelsPerImage else { return [] }
            if pcaErrors[k] == nil {
                let fit = dataset.train.subset(0..<min(dataset.train.count, Self.pcaSamples))
                pcaErrors[k] = (try? PCAReference(fit, components: k)).map {
                    $0.reconstructionError(dataset.validation)
                }
            }
            guard let value = pcaErrors[k] ?? nil else { return [] }
            return [ReferenceLine(name: "PCA k=\(k)", value: value, unit: config.loss.perPixelUnit)]
        case .bce:
            if entropyFloor == nil { entropyFloor = ReconstructionLoss.bce.floor(on: dataset.validation) }
            return [ReferenceLine(name: "entropy floor", value: entropyFloor ?? 0, unit: config.loss.perPixelUnit)]
        }
    }
}
