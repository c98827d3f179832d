// ModelKind: which model and training rule a run uses, with each rule's own settings.
//
//   autoencoder    deterministic code, back-propagation (with any regularizer)
//   vae            Gaussian code with the reparameterization trick and a KL term to N(0, I)
//   psd            predictive sparse decomposition (Kavukcuoglu et al., 2008)
//   recirculation  Hinton and McClelland (1988): no back-propagation

/// The model and its training rule.
public enum ModelKind: String, CaseIterable, Sendable, Codable {
    case autoencoder
    case vae
    case psd
    case recirculation

    /// Parses "autoencoder", "standard", "vae", "psd", "recirculation".
    public init?(name: String) {
        switch name.lowercased() {
        case "autoencoder", "standard", "ae", "backprop": self = .autoencoder
        case "vae", "variational": self = .vae
        case "psd", "predictive-sparse-decomposition": self = .psd
        case "recirculation", "recirc": self = .recirculation
        default: return nil
        }
    }
}

/// Settings of the variational autoencoder.
public struct VAESettings: Sendable, Equatable, Codable {
    /// β on the KL term (1 is the evidence lower bound).
    public var beta: Float
    public init(beta: Float = 1) { self.beta = beta }
}

/// Settings of predictive sparse decomposition:
/// E = ‖x − g(h)‖²/px + λ·|h|₁ + γ·‖h − f(x)‖² per example, averaged over the batch.
public struct PSDSettings: Sendable, Equatable, Codable {
    /// λ: weight of the L1 norm of the inferred code.
    public var lambda: Float
    /// γ: weight of the prediction error between the inferred code and the encoder's f(x).
    public var gamma: Float
    /// Proximal-gradient (ISTA) steps that infer h from f(x) before each update.
    public var inferenceSteps: Int

    public init(lambda: Float = 5e-4, gamma: Float = 1e-2, inferenceSteps: Int = 10) {
        self.lambda = lambda
        self.gamma = gamma
        self.inferenceSteps = inferenceSteps
    }
}

/// Settings of recirculation.
public struct RecirculationSettings: Sendable, Equatable, Codable {
    /// λ, the regression of the visible units: y(2) = λ·y(0) + (1−λ)·g(y(1)). High (≈ 0.75).
    public var regression: Float
    public init(regression: Float = 0.75) { self.regression = regression }
}
