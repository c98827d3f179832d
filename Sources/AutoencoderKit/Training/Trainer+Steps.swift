// Trainer+Steps: each model kind's rule for one batch, up to the gradient in model.gradients.
//
//   autoencoder, vae  forward (corrupted input for denoising, ε for a VAE) -> loss against the
//                     clean x + penalties -> back-propagation (BackpropObjective)
//   psd               predict f(x), infer h* by ISTA, gradient at h* (PredictiveSparseDecomposition)
//   recirculation     two passes, no back-propagation (Recirculation)
// Random draws per batch, in order: the corruption, then ε.

extension Trainer {
    /// Runs the rule of `config.kind` on the batch in `input`; model.gradients hold the result.
    /// The rule's draws (corruption, ε) come from `random`, the run's generator.
    func computeGradients(batch size: Int, random: inout RandomGenerator) -> ObjectiveTerms {
        let d = config.architecture.inputSize
        switch config.kind {
        case .autoencoder, .vae:
            var source = UnsafePointer(input.pointer)
            if let corruption = config.regularization.denoising {
                corruption.corrupt(source, into: corrupted.pointer, count: size * d, random: &random)
                source = UnsafePointer(corrupted.pointer)
            }
            var epsilon: UnsafePointer<Float>? = nil
            if config.kind == .vae {
                let n = size * config.architecture.codeSize
                for i in 0..<n { noise[i] = random.nextNormal() }
                epsilon = UnsafePointer(noise.pointer)
            }
            return objective.run(input: source, target: input.pointer, batch: size, noise: epsilon, gradients: true)
        case .psd:
            guard let psdRule else { return ObjectiveTerms(reconstructionPerPixel: .nan, penalties: []) }
            return psdRule.step(input.pointer, batch: size)
        case .recirculation:
            guard let recirculationRule else { return ObjectiveTerms(reconstructionPerPixel: .nan, penalties: []) }
            _ = recirculationRule.step(input.pointer, batch: size)
            // the reported loss is the run's loss of g(f(x)) (recirculation's own measure is
            // the squared error, returned by `step`)
            model.forward(input.pointer, batch: size)
            let sum = config.loss.evaluate(
                logits: model.outputLogits, output: model.reconstruction, target: input.pointer,
                count: size * d, outputActivation: config.architecture.outputActivation,
                gradient: nil, scale: 1, scratch: scratch.pointer)
            return ObjectiveTerms(reconstructionPerPixel: sum / Double(size * d), penalties: [])
        }
    }
}
