// TrainingConfig: everything that defines a run, checked before any work starts.

/// A complete experiment: model shape, loss, optimizer, batch size, epochs and seed.
public struct TrainingConfig: Sendable, Equatable, Codable {
    /// Name shown in the UI and used for output folders ("undercomplete").
    public var name: String
    public var architecture: Architecture
    public var loss: ReconstructionLoss
    public var optimizer: OptimizerSettings
    /// Examples per gradient step.
    public var batchSize: Int
    /// Epochs to train (the workbench pauses when they are done).
    public var epochs: Int
    /// Seed of the run's one random generator.
    public var seed: UInt64

    public init(
        name: String = "run", architecture: Architecture, loss: ReconstructionLoss = .bce,
        optimizer: OptimizerSettings = OptimizerSettings(), batchSize: Int = 128, epochs: Int = 20,
        seed: UInt64 = 1
    ) {
        self.name = name
        self.architecture = architecture
        self.loss = loss
        self.optimizer = optimizer
        self.batchSize = batchSize
        self.epochs = epochs
        self.seed = seed
    }

    /// Every problem with this configuration, as sentences a user can act on.
    public func validationErrors() -> [String] {
        var errors = architecture.validationErrors() + optimizer.validationErrors()
        if batchSize < 1 || batchSize > 65_536 { errors.append("batch size must be between 1 and 65536, got \(batchSize)") }
        if epochs < 0 || epochs > 1_000_000 { errors.append("epochs must be between 0 and 1000000, got \(epochs)") }
        if let problem = loss.incompatibility(with: architecture.outputActivation) { errors.append(problem) }
        return errors
    }
}
