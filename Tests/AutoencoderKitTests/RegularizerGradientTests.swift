// Gradient checks of every penalty and training-rule objective against central differences in
// Float64: L1 (away from 0), L2 on the code, KL sparsity (batch and running estimate), contractive (sigmoid,
// tanh, ReLU; tied and untied), k-sparse selection, the VAE terms with ε fixed, and PSD's
// energy with the inferred code fixed.
import Testing

@testable import AutoencoderKit

@Suite("Regularizer gradients match central differences")
struct RegularizerGradientTests {
    /// Relative error of the back-propagation objective's gradient with `regularization`.
    static func check(
        _ architecture: Architecture, _ regularization: Regularization, loss: ReconstructionLoss = .bce,
        noise: [Double]? = nil, warmUp: Bool = false, seed: UInt64 = 3
    ) -> Double {
        let model = GradientCheck.model(architecture, seed: seed)
        let regularizer = CodeRegularizer<Double>(
            regularization: regularization, architecture: architecture, capacity: 4,
            variationalWeight: architecture.stochasticCode ? 0.7 : nil)
        let objective = BackpropObjective(model: model, regularizer: regularizer, loss: loss)
        let x = GradientCheck.batch(3, architecture.inputSize, seed: seed + 10)
        func run(_ gradients: Bool) -> Double {
            x.withUnsafeBufferPointer { xs in
                if let noise {
                    return noise.withUnsafeBufferPointer { e in
                        objective.run(
                            input: xs.baseAddress!, target: xs.baseAddress!, batch: 3, noise: e.baseAddress!,
                            gradients: gradients
                        ).total
                    }
                }
                return objective.run(input: xs.baseAddress!, target: xs.baseAddress!, batch: 3, gradients: gradients)
                    .total
            }
        }
        if warmUp {
            let other = GradientCheck.batch(3, architecture.inputSize, seed: seed + 20)
            other.withUnsafeBufferPointer { xs in
                _ = objective.run(input: xs.baseAddress!, target: xs.baseAddress!, batch: 3, gradients: false)
            }
            regularizer.commit()
        }
        _ = run(true)
        let analytic = model.gradients.array
        return GradientCheck.relativeError(parameters: model.parameters, analytic: analytic) { run(false) }
    }

    static func shallow(_ code: Activation, tied: Bool = false, output: Activation = .sigmoid) -> Architecture {
        Architecture(
            inputSize: 7, encoderSizes: [5], hiddenActivation: code, codeActivation: code, outputActivation: output,
            tiedWeights: tied)
    }

    @Test("L1 penalty, sigmoid and softplus codes away from zero, shallow and deep")
    func l1() {
        for code in [Activation.sigmoid, .softplus] {
            #expect(Self.check(Self.shallow(code), Regularization(l1: 0.03)) < 1e-6, "\(code)")
        }
        let deep = Architecture(inputSize: 7, encoderSizes: [6, 4], hiddenActivation: .tanh, codeActivation: .sigmoid)
        #expect(Self.check(deep, Regularization(l1: 0.05)) < 1e-6)
    }

    @Test("L2 penalty on the code, sigmoid, tanh and ReLU codes, shallow and deep")
    func l2() {
        for code in [Activation.sigmoid, .tanh, .relu] {
            #expect(
                Self.check(Self.shallow(code), Regularization(penalties: ["l2": ["lambda": 0.05]])) < 1e-6, "\(code)")
        }
        let deep = Architecture(inputSize: 7, encoderSizes: [6, 4], hiddenActivation: .tanh, codeActivation: .sigmoid)
        #expect(Self.check(deep, Regularization(penalties: ["l2": ["lambda": 0.1]])) < 1e-6)
    }

    @Test("KL sparsity with the batch estimate and with a running estimate")
    func kl() {
        let a = Self.shallow(.sigmoid, tied: true)
        #expect(Self.check(a, Regularization(kl: KLSparsitySettings(beta: 0.5, rho: 0.1))) < 1e-6)
        #expect(Self.check(Self.shallow(.sigmoid), Regularization(kl: KLSparsitySettings(beta: 0.5, rho: 0.2))) < 1e-6)
        let running = Regularization(kl: KLSparsitySettings(beta: 0.5, rho: 0.1, runningDecay: 0.9))
        #expect(Self.check(a, running, warmUp: true) < 1e-6)
    }

    @Test(
        "contractive penalty for sigmoid, tanh and ReLU codes, tied and untied",
        arguments: [Activation.sigmoid, .tanh, .relu])
    func contractive(_ code: Activation) {
        for tied in [true, false] {
            let error = Self.check(Self.shallow(code, tied: tied), Regularization(contractive: 0.3))
            #expect(error < 1e-6, "\(code) tied=\(tied): \(error)")
        }
    }

    @Test(
        "k-sparse selection passes gradient through the kept units only, for any activation",
        arguments: [Activation.tanh, .sigmoid, .relu, .identity])
    func kSparse(_ code: Activation) {
        let error = Self.check(Self.shallow(code), Regularization(kSparse: 2))
        #expect(error < 1e-6, "\(code): \(error)")
        let withL1 = Self.check(Self.shallow(code), Regularization(l1: 0.01, kSparse: 3), seed: 5)
        #expect(withL1 < 1e-6, "\(code) with L1: \(withL1)")
    }

    @Test("VAE reconstruction and KL terms with ε fixed, shallow and deep")
    func vae() {
        var random = RandomGenerator(seed: 9)
        let noise3 = (0..<(3 * 3)).map { _ in Double(random.nextNormal()) }
        let shallow = Architecture(
            inputSize: 7, encoderSizes: [3], hiddenActivation: .tanh, outputActivation: .sigmoid, stochasticCode: true)
        #expect(Self.check(shallow, .none, noise: noise3) < 1e-6)
        let deep = Architecture(
            inputSize: 7, encoderSizes: [6, 3], hiddenActivation: .tanh, outputActivation: .sigmoid,
            stochasticCode: true)
        #expect(Self.check(deep, Regularization(l1: 0.02), noise: noise3) < 1e-6)
        #expect(Self.check(deep, .none, loss: .mse, noise: noise3) < 1e-6)
    }

    @Test("the VAE's KL term matches its closed form ½Σ(μ² + σ² − log σ² − 1)")
    func vaeKLValue() {
        let s: [Double] = [0.5, -1, 0.2, -0.3]  // one example, H = 2: μ = (0.5, −1), log σ² = (0.2, −0.3)
        let kl = s.withUnsafeBufferPointer {
            GaussianCodeKL.apply(statistics: $0.baseAddress!, batch: 1, width: 2, weight: 1, gradient: nil)
        }
        let expected = 0.5 * ((0.25 + Double.exp(0.2) - 0.2 - 1) + (1 + Double.exp(-0.3) + 0.3 - 1))
        #expect(abs(kl - expected) < 1e-12)
    }

    @Test("PSD energy gradient with the inferred code fixed, and inference lowers the energy")
    func psd() {
        for (code, loss, output) in [
            (Activation.tanh, ReconstructionLoss.mse, Activation.identity), (.sigmoid, .bce, .sigmoid),
        ] {
            let a = Self.shallow(code, output: output)
            let model = GradientCheck.model(a)
            let rule = PredictiveSparseDecomposition(
                model: model, settings: PSDSettings(lambda: 0.02, gamma: 0.3, inferenceSteps: 20), loss: loss)
            let x = GradientCheck.batch(3, 7, seed: 13)
            x.withUnsafeBufferPointer { xs in
                let p = xs.baseAddress!
                rule.predict(p, batch: 3)
                let before = rule.energy(p, batch: 3, gradients: false).total
                rule.infer(p, batch: 3)
                let after = rule.energy(p, batch: 3, gradients: false).total
                #expect(after < before, "\(code): inference \(before) -> \(after)")
                _ = rule.energy(p, batch: 3, gradients: true)
                let analytic = model.gradients.array
                let error = GradientCheck.relativeError(parameters: model.parameters, analytic: analytic) {
                    rule.predict(p, batch: 3, resetCode: false)
                    return rule.energy(p, batch: 3, gradients: false).total
                }
                #expect(error < 1e-6, "\(code): \(error)")
            }
        }
    }
}
