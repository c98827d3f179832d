// Gradient checks of every activation, loss and layer stack, tied and untied, in Float64.
import Testing

@testable import AutoencoderKit

@Suite("Model gradients match central differences")
struct ModelGradientTests {
    /// Loss of the model on x as the trainer defines it (mean over batch and pixels), and its
    /// analytic gradient.
    static func lossAndGradient(
        _ model: Autoencoder<Double>, _ loss: ReconstructionLoss, _ x: [Double], batch: Int
    ) -> (Double, [Double]) {
        let d = model.architecture.inputSize
        let count = batch * d
        var gradient = [Double](repeating: 0, count: count)
        var scratch = [Double](repeating: 0, count: count)
        var value = 0.0
        x.withUnsafeBufferPointer { xs in
            model.forward(xs.baseAddress!, batch: batch)
            value =
                loss.evaluate(
                    logits: model.outputLogits, output: model.reconstruction, target: xs.baseAddress!,
                    count: count, outputActivation: model.architecture.outputActivation,
                    gradient: &gradient, scale: 1 / Double(count), scratch: &scratch) / Double(count)
            model.zeroGradients()
            gradient.withUnsafeBufferPointer { g in
                model.backward(xs.baseAddress!, batch: batch, outputGradient: g.baseAddress!)
            }
        }
        return (value, model.gradients.array)
    }

    static func check(_ architecture: Architecture, loss: ReconstructionLoss, seed: UInt64 = 3) -> Double {
        let model = GradientCheck.model(architecture, seed: seed)
        let x = GradientCheck.batch(3, architecture.inputSize, seed: seed + 10)
        let (_, analytic) = lossAndGradient(model, loss, x, batch: 3)
        return GradientCheck.relativeError(parameters: model.parameters, analytic: analytic) {
            lossAndGradient(model, loss, x, batch: 3).0
        }
    }

    @Test("every hidden activation, shallow and deep, tied and untied, with BCE", arguments: Activation.allCases)
    func hiddenActivationsWithCrossEntropy(_ activation: Activation) {
        for tied in [false, true] {
            for sizes in [[5], [6, 4]] {
                let a = Architecture(
                    inputSize: 7, encoderSizes: sizes, hiddenActivation: activation,
                    codeActivation: activation, outputActivation: .sigmoid, tiedWeights: tied)
                let error = Self.check(a, loss: .bce)
                #expect(error < 1e-6, "\(activation) \(sizes) tied=\(tied): relative error \(error)")
            }
        }
    }

    @Test("every output activation with squared error", arguments: Activation.allCases)
    func outputActivationsWithSquaredError(_ output: Activation) {
        for tied in [false, true] {
            let a = Architecture(
                inputSize: 6, encoderSizes: [5, 3], hiddenActivation: .tanh, codeActivation: .sigmoid,
                outputActivation: output, tiedWeights: tied)
            let error = Self.check(a, loss: .mse)
            #expect(error < 1e-6, "output \(output) tied=\(tied): relative error \(error)")
        }
    }

    @Test("binary cross-entropy from logits stays finite for huge logits")
    func crossEntropyIsStable() {
        let z: [Float] = [200, -200, 0, 50]
        let a = z.map { 1 / (1 + Float.exp(-$0)) }
        let x: [Float] = [0, 1, 0.5, 1]
        var scratch = [Float](repeating: 0, count: 4)
        let total = ReconstructionLoss.bce.evaluate(
            logits: z, output: a, target: x, count: 4, outputActivation: .sigmoid, gradient: nil,
            scale: 1, scratch: &scratch)
        // exact: softplus(z) - x z = 200, 200, log 2, ~0
        #expect(abs(total - (400 + 0.693147 + 1.9e-22)) < 1e-3)
    }

    @Test("a mismatched output and loss is refused with a clear message")
    func mismatchedOutputRefused() {
        let a = Architecture(encoderSizes: [32], outputActivation: .tanh)
        let problems = TrainingConfig(architecture: a, loss: .bce).validationErrors()
        #expect(problems.count == 1)
        #expect(problems.first?.contains("needs a sigmoid output") == true)
    }

    @Test("tied weights share one matrix: decoder layers have only a bias")
    func tiedLayout() {
        let layout = ParameterLayout(architecture: Architecture(encoderSizes: [256, 32], tiedWeights: true))
        #expect(
            layout.tensors.map(\.name) == [
                "encoder.0.weight", "encoder.0.bias", "encoder.1.weight", "encoder.1.bias",
                "decoder.0.bias", "decoder.1.bias",
            ])
        #expect(layout.count == 784 * 256 + 256 + 256 * 32 + 32 + 256 + 784)
    }
}
