// BackpropObjective: one batch of the back-propagation rule, generic over the scalar so the
// very same code is gradient-checked in Float64.
//
// J = L(target, g(f(input)))/px + Σ penalties Ω(h)   (see Regularization for their scaling)
// input is x̃ (corrupted) for a denoising run and x otherwise; target is always the clean x.
// Shapes: B = batch, D = pixels. The loss runs in parts by batch rows on the model's team; the
// parts' sums are added in part order.

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
public final class BackpropObjective<T: EngineScalar> {
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
        let d = model.architecture.inputSize
        let count = batch * d
        model.forward(input, batch: batch, noise: noise, codeTransform: regularizer.codeTransform)
        let parts = model.parts(batch: batch)
        var sums = [Double](repeating: 0, count: parts)
        let z = UnsafePointer(model.outputLogits)
        let a = UnsafePointer(model.reconstruction)
        let gradient = gradients ? outputGradient.pointer : nil
        let work = scratch.pointer
        let activation = model.architecture.outputActivation
        let loss = self.loss
        sums.withUnsafeMutableBufferPointer { sums in
            (model.team ?? WorkTeam.shared).run(parts: parts) { part in
                let rows = part.share(of: batch, alignment: 16)
                let offset = rows.lowerBound * d
                sums[part.index] = loss.evaluate(
                    logits: z + offset, output: a + offset, target: target + offset, count: rows.count * d,
                    outputActivation: activation, gradient: gradient.map { $0 + offset }, scale: 1 / T(count),
                    scratch: work + offset)
            }
        }
        let sum = sums.reduce(0, +)
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
