// The contractive penalty's closed form equals the squared Frobenius norm of a finite-difference
// Jacobian ∂h/∂x, for sigmoid, tanh and ReLU encoder layers.
import Testing

@testable import AutoencoderKit

@Suite("Contractive penalty closed form")
struct ContractiveJacobianTests {
    @Test(
        "Σ_j f'_j² Σ_i W_ji² equals ‖∂h/∂x‖²_F by central differences", arguments: [Activation.sigmoid, .tanh, .relu])
    func closedFormMatchesFiniteDifferences(_ activation: Activation) throws {
        let d = 9
        let h = 6
        let a = Architecture(
            inputSize: d, encoderSizes: [h], hiddenActivation: activation, codeActivation: activation, tiedWeights: true
        )
        var random = RandomGenerator(seed: 21)
        let model = Autoencoder<Double>(architecture: a, batchCapacity: 2, random: &random)
        for i in 0..<model.parameters.count where model.parameters[i] == 0 {
            model.parameters[i] = Double(random.nextUniform() - 0.5) * 0.4
        }
        let kind = try #require(ContractivePenalty.derivativeKind(activation))
        let x = GradientCheck.batch(1, d, seed: 4)
        let layer = model.layout.layers[0]
        func encode(_ input: [Double]) -> [Double] {
            input.withUnsafeBufferPointer { model.forward($0.baseAddress!, batch: 1) }
            return Array(UnsafeBufferPointer(start: model.code, count: h))
        }
        let step = 1e-6
        var frobenius = 0.0
        for i in 0..<d {
            var plus = x
            var minus = x
            plus[i] += step
            minus[i] -= step
            let hp = encode(plus)
            let hm = encode(minus)
            for j in 0..<h {
                let dj = (hp[j] - hm[j]) / (2 * step)
                frobenius += dj * dj
            }
        }
        _ = encode(x)
        let closed = ContractivePenalty.apply(
            lambda: 1.0, kind: kind, code: model.code, batch: 1, width: h,
            weights: model.parameters.pointer + layer.weightOffset, inputSize: d, codeGradient: nil, weightGradient: nil
        )
        #expect(
            abs(closed.penalty - frobenius) / frobenius < 1e-6,
            "\(activation): closed \(closed.penalty) vs FD \(frobenius)")
        #expect(abs(closed.meanFrobenius - frobenius.squareRoot()) / frobenius.squareRoot() < 1e-6)
    }
}
