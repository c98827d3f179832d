// BackpropObjective: one batch of the back-propagation rule, generic over the scalar so the
// very same code is gradient-checked in Float64.
//
// J = L(target, g(f(input)))/px + Σ penalties Ω(h)   (see Regularization for their scaling)
// input is x̃ (corrupted) for a denoising run and x otherwise; target is always the clean x.
// Shapes: B = batch, D = pixels.

/// The values of one batch's objective, term by term.
public struct ObjectiveTerms: Sendable, Equatable {
    /// Reconstruction loss per pixel (mean over batch and pixels).
    public var reconstructionPerPixel: Double
    /// Each penalty's value, in the regularizer's order.
    public var penalties: [PenaltyValue]
    /// Reconstruction plus every penalty: what the optimizer minimizes.
    public var total: Double { reconstructionPerPixel + penalties.reduce(0) { $0 + $1.value } }
    public init(reconstructionPerPixel: Double, penalties: [PenaltyValue]) {
        self.reconstructionPerPixel = reconstructionPerPixel
        self.penalties = penalties
    }
}

/// Forward, loss, penalties and (optionally) backward for a model and its regularizer.
public final class BackpropObjective<T: EngineScalar>: @unchecked Sendable {
    public let model: Autoencoder<T>
    public let regularizer: CodeRegularizer<T>
    public let loss: ReconstructionLoss
    private let outputGradient: Buffer<T>
    private let scratch: Buffer<T>

    public init(model: Autoencoder<T>, regularizer: CodeRegularizer<T>, loss: ReconstructionLoss) {
        self.model = model
        self.regularizer = regularizer
        self.loss = loss
        let count = model.capacity * model.architecture.inputSize
        outputGradient = Buffer<T>(count: count)
        scratch = Buffer<T>(count: count)
    }

    /// Evaluates the objective on a batch; with `gradients`, zeroes and fills `model.gradients`.
    /// - Parameters:
    ///   - input: what the encoder sees, B×D.
    ///   - target: what the reconstruction is compared with, B×D.
    ///   - noise: ε (B×H) for a stochastic code, or nil for z = μ.
    public func run(
        input: UnsafePointer<T>, target: UnsafePointer<T>, batch: Int, noise: UnsafePointer<T>? = nil,
        gradients: Bool
    ) -> ObjectiveTerms {
        let count = batch * model.architecture.inputSize
        model.forward(input, batch: batch, noise: noise, codeTransform: regularizer.codeTransform)
        let sum = loss.evaluate(
            logits: model.outputLogits, output: model.reconstruction, target: target, count: count,
            outputActivation: model.architecture.outputActivation,
            gradient: gradients ? outputGradient.pointer : nil, scale: 1 / T(count), scratch: scratch.pointer)
        if gradients {
            model.zeroGradients()
            model.backward(
                input, batch: batch, outputGradient: outputGradient.pointer,
                codeGradient: regularizer.codeGradient(model: model, batch: batch))
        } else {
            regularizer.evaluate(model: model, batch: batch)
        }
        return ObjectiveTerms(reconstructionPerPixel: sum / Double(count), penalties: regularizer.lastPenalties)
    }
}
