// ModelOptions: the command-line flags that describe an experiment, shared by the commands.
import ArgumentParser
import AutoencoderKit
import Foundation

struct ModelOptions: ParsableArguments {
    @Option(help: "Encoder widths, comma separated; the last is the code size (e.g. 256 or 512,128,32).")
    var layers: String = "32"
    @Option(help: "Hidden and code activation: identity, sigmoid, tanh, relu, leaky-relu, softplus.")
    var activation: String = "relu"
    @Option(name: .customLong("code-activation"), help: "Code layer activation (default: --activation).")
    var codeActivation: String?
    @Option(help: "Output activation (sigmoid for BCE).")
    var output: String = "sigmoid"
    @Option(help: "Reconstruction loss: bce (Bernoulli decoder) or mse (Gaussian decoder).")
    var loss: String = "bce"
    @Flag(help: "Tie decoder weights to the encoder's (W_dec = W_encᵀ).")
    var tied = false
    @Option(help: "Optimizer: sgd, adam, adamw.")
    var optimizer: String = "adam"
    @Option(help: "Learning rate.")
    var lr: Float = 1e-3
    @Option(help: "SGD momentum.")
    var momentum: Float = 0.9
    @Flag(help: "Nesterov momentum (SGD).")
    var nesterov = false
    @Option(name: .customLong("weight-decay"), help: "L2 weight decay on weights.")
    var weightDecay: Float = 0
    @Option(help: "Clip the gradient's global L2 norm to this value.")
    var clip: Float?
    @Option(help: "Batch size.")
    var batch: Int = 128
    @Option(help: "Epochs to train.")
    var epochs: Int = 20
    @Option(help: "Random seed: fixes initial weights, batch order and noise.")
    var seed: UInt64 = 1
    @Option(help: "Data: digits (built in), fashion (Debian's dataset-fashion-mnist), a folder of MNIST-named IDX files, or an .npy file.")
    var data: String = "digits"
    @Option(help: "BLAS threads (results are bit-identical for a fixed count).")
    var threads: Int = 2

    /// The configuration these flags describe, or a usage error naming the bad flag.
    func config(name: String) throws -> TrainingConfig {
        var widths: [Int] = []
        for part in layers.split(separator: ",") {
            guard let width = Int(part.trimmingCharacters(in: .whitespaces)), width > 0 else {
                throw UsageError(message: "--layers: '\(part)' is not a positive whole number (example: --layers 512,128,32)")
            }
            widths.append(width)
        }
        if widths.isEmpty { throw UsageError(message: "--layers: give at least one width, e.g. --layers 32") }
        func activationNamed(_ text: String, flag: String) throws -> Activation {
            guard let value = Activation(name: text) else {
                throw UsageError(message: "\(flag): unknown activation '\(text)'; choose one of \(Activation.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }
        let hidden = try activationNamed(activation, flag: "--activation")
        let code = try codeActivation.map { try activationNamed($0, flag: "--code-activation") } ?? hidden
        let out = try activationNamed(output, flag: "--output")
        guard let lossKind = ReconstructionLoss(name: loss) else {
            throw UsageError(message: "--loss: unknown loss '\(loss)'; choose bce or mse")
        }
        guard let kind = OptimizerKind(rawValue: optimizer.lowercased()) else {
            throw UsageError(message: "--optimizer: unknown optimizer '\(optimizer)'; choose sgd, adam or adamw")
        }
        if threads < 1 || threads > 256 { throw UsageError(message: "--threads must be between 1 and 256, got \(threads)") }
        let config = TrainingConfig(
            name: name,
            architecture: Architecture(
                encoderSizes: widths, hiddenActivation: hidden, codeActivation: code,
                outputActivation: out, tiedWeights: tied),
            loss: lossKind,
            optimizer: OptimizerSettings(
                kind: kind, learningRate: lr, momentum: momentum, nesterov: nesterov,
                weightDecay: weightDecay, clipNorm: clip),
            batchSize: batch, epochs: epochs, seed: seed)
        let problems = config.validationErrors()
        if !problems.isEmpty { throw UsageError(message: problems.joined(separator: "\n")) }
        return config
    }

    /// Loads the data these flags name.
    func dataset() throws -> Dataset {
        do {
            return try DataSource(argument: data).load(seed: seed)
        } catch {
            throw UsageError(message: "--data: \(error)")
        }
    }
}
