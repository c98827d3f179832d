// OptimizerSettings: which update rule a run uses and its hyperparameters.

/// The update rule.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
    /// Stochastic gradient descent with optional (Nesterov) momentum.
    case sgd
    /// Adam (Kingma and Ba, 2015); weight decay, if any, is added to the gradient (L2).
    case adam
    /// AdamW (Loshchilov and Hutter, 2019): weight decay applied to the weights, decoupled.
    case adamw
}

/// Hyperparameters of an optimizer.
public struct OptimizerSettings: Sendable, Codable, Equatable {
    public var kind: OptimizerKind
    /// Step size η.
    public var learningRate: Float
    /// SGD momentum μ (0 for none).
    public var momentum: Float
    /// Use Nesterov's look-ahead form of momentum.
    public var nesterov: Bool
    /// Adam's decay rates and ε.
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    /// L2 weight decay on weights (not biases): coupled for SGD and Adam, decoupled for AdamW.
    public var weightDecay: Float
    /// Rescale the gradient when its global L2 norm exceeds this; nil for no clipping.
    public var clipNorm: Float?

    public init(
        kind: OptimizerKind = .adam, learningRate: Float = 1e-3, momentum: Float = 0.9,
        nesterov: Bool = false, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
        weightDecay: Float = 0, clipNorm: Float? = nil
    ) {
        self.kind = kind
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.clipNorm = clipNorm
    }

    /// Problems with these values, as user-facing sentences.
    public func validationErrors() -> [String] {
        var errors: [String] = []
        if !(learningRate > 0) || !learningRate.isFinite {
            errors.append("learning rate must be a positive number, got \(learningRate)")
        }
        if !(momentum >= 0 && momentum < 1) { errors.append("momentum must be in [0, 1), got \(momentum)") }
        if !(beta1 >= 0 && beta1 < 1) { errors.append("beta1 must be in [0, 1), got \(beta1)") }
        if !(beta2 >= 0 && beta2 < 1) { errors.append("beta2 must be in [0, 1), got \(beta2)") }
        if !(weightDecay >= 0) { errors.append("weight decay must be >= 0, got \(weightDecay)") }
        if let clipNorm, !(clipNorm > 0) { errors.append("gradient clip norm must be positive, got \(clipNorm)") }
        return errors
    }
}
