// TrainingConfig: everything that defines a run, checked before any work starts.

/// A complete experiment: model kind and shape, loss, regularizers, optimizer, batch size,
/// epochs and seed.
public struct TrainingConfig: Sendable, Equatable, Codable {
    /// Name shown in the UI and used for output folders ("undercomplete").
    public var name: String
    /// The model and training rule. Setting it keeps `architecture.stochasticCode` in step
    /// (true exactly for `.vae`).
    public var kind: ModelKind {
        didSet { architecture.stochasticCode = kind == .vae }
    }
    public var architecture: Architecture
    public var loss: ReconstructionLoss
    /// Code penalties, k-sparse selection and input corruption.
    public var regularization: Regularization
    public var optimizer: OptimizerSettings
    /// Examples per gradient step.
    public var batchSize: Int
    /// Epochs to train (the workbench pauses when they are done).
    public var epochs: Int
    /// Seed of the run's one random generator.
    public var seed: UInt64
    /// Greedy layer-wise pretraining: epochs per encoder layer, each trained as a shallow
    /// autoencoder before fine-tuning end to end (0: off; deep autoencoders only).
    public var pretrainEpochsPerLayer: Int
    public var vae: VAESettings
    public var psd: PSDSettings
    public var recirculation: RecirculationSettings
    /// A class left out of training (its validation and test images are the anomalies the
    /// anomaly view scores); nil trains on every class.
    public var holdoutClass: Int? = nil

    public init(
        name: String = "run", kind: ModelKind = .autoencoder, architecture: Architecture,
        loss: ReconstructionLoss = .bce, regularization: Regularization = .none,
        optimizer: OptimizerSettings = OptimizerSettings(), batchSize: Int = 128, epochs: Int = 20,
        seed: UInt64 = 1, pretrainEpochsPerLayer: Int = 0, vae: VAESettings = VAESettings(),
        psd: PSDSettings = PSDSettings(), recirculation: RecirculationSettings = RecirculationSettings()
    ) {
        self.name = name
        self.kind = kind
        var architecture = architecture
        architecture.stochasticCode = kind == .vae
        self.architecture = architecture
        self.loss = loss
        self.regularization = regularization
        self.optimizer = optimizer
        self.batchSize = batchSize
        self.epochs = epochs
        self.seed = seed
        self.pretrainEpochsPerLayer = pretrainEpochsPerLayer
        self.vae = vae
        self.psd = psd
        self.recirculation = recirculation
    }

    /// Every problem with this configuration, as sentences a user can act on.
    public func validationErrors() -> [String] {
        var errors = architecture.validationErrors() + optimizer.validationErrors()
        if batchSize < 1 || batchSize > 65_536 {
            errors.append("batch size must be between 1 and 65536, got \(batchSize)")
        }
        if epochs < 0 || epochs > 1_000_000 { errors.append("epochs must be between 0 and 1000000, got \(epochs)") }
        if let problem = loss.incompatibility(with: architecture.outputActivation) { errors.append(problem) }
        errors += regularization.validationErrors(for: architecture)
        if architecture.stochasticCode != (kind == .vae) {
            errors.append("architecture.stochasticCode must be true exactly for a VAE (kind \(kind.rawValue))")
        }
        if pretrainEpochsPerLayer < 0 {
            errors.append("pretraining epochs per layer must be >= 0, got \(pretrainEpochsPerLayer)")
        }
        if pretrainEpochsPerLayer > 0 && (kind != .autoencoder || architecture.depth < 2) {
            errors.append("greedy layer-wise pretraining needs a deep (2+ encoder layers) standard autoencoder")
        }
        if let k = holdoutClass, !(0...255).contains(k) {
            errors.append("the held-out class must be a label between 0 and 255, got \(k)")
        }
        errors += ruleErrors()
        return errors
    }

    private func ruleErrors() -> [String] {
        var errors: [String] = []
        let r = regularization
        switch kind {
        case .autoencoder:
            break
        case .vae:
            if !(vae.beta >= 0) { errors.append("VAE β must be >= 0, got \(vae.beta)") }
            if r.kl != nil || r.kSparse != nil || r.contractive != nil {
                errors.append("a VAE takes no KL-sparsity, k-sparse or contractive regularizer (its code is Gaussian)")
            }
        case .psd, .recirculation:
            let name = kind == .psd ? "predictive sparse decomposition" : "recirculation"
            if architecture.depth != 1 { errors.append("\(name) needs one encoder layer, got \(architecture.depth)") }
            if architecture.tiedWeights { errors.append("\(name) needs untied encoder and decoder weights") }
            if r.hasPenalty || r.kSparse != nil || r.denoising != nil {
                errors.append("\(name) has its own training rule; remove the [regularizer] settings")
            }
            if kind == .psd {
                if !(psd.lambda >= 0) || !(psd.gamma >= 0) { errors.append("PSD λ and γ must be >= 0") }
                if psd.inferenceSteps < 0 || psd.inferenceSteps > 1000 {
                    errors.append("PSD inference steps must be between 0 and 1000, got \(psd.inferenceSteps)")
                }
            } else {
                if !(recirculation.regression >= 0 && recirculation.regression < 1) {
                    errors.append("recirculation regression λ must be in [0, 1), got \(recirculation.regression)")
                }
                if architecture.codeActivation != .sigmoid || architecture.outputActivation != .sigmoid {
                    errors.append("recirculation uses logistic units: set the code and output activations to sigmoid")
                }
            }
        }
        return errors
    }
}
