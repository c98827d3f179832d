// The PyTorch state dict: every preset's model exports under nn.Sequential's names and imports
// back to the same weights (or is refused with the reason), and a damaged or foreign file is
// refused naming the file and the problem.
import Foundation
import Testing

@testable import AutoencoderKit
@testable import Formats

/// A model of `architecture` with every weight and bias drawn from N(0, 0.5²).
func randomModel(_ architecture: Architecture, seed: UInt64 = 7) -> Autoencoder<Float> {
    var random = RandomGenerator(seed: seed)
    let model = Autoencoder<Float>(architecture: architecture, batchCapacity: 8, random: &random)
    for i in 0..<model.parameters.count { model.parameters[i] = random.nextNormal() * 0.5 }
    return model
}

/// The engine's tensors of `model` by layout name.
func engineTensors(_ model: Autoencoder<Float>) -> [String: [Float]] {
    var result: [String: [Float]] = [:]
    for t in model.layout.tensors { result[t.name] = Array(model.parameters.array[t.offset..<(t.offset + t.count)]) }
    return result
}

@Suite("PyTorch state dict")
struct TorchStateDictTests {
    static let defaults = Architecture(encoderSizes: [32])

    static func export(_ model: Autoencoder<Float>, config: TrainingConfig? = nil) throws -> SafetensorsFile {
        let tensors = engineTensors(model)
        return try #require(TorchStateDict.export(architecture: model.architecture, config: config) { tensors[$0] })
    }

    @Test(
        "every preset's model exports under nn.Sequential's names and imports to the same weights, or is refused",
        arguments: Preset.builtInNames)
    func presetRoundTrip(_ name: String) throws {
        let config = try PresetLibrary(folders: [PresetTests.samples]).load(name).config
        if let reason = TorchStateDict.refusal(for: config) {
            #expect(config.regularization.kSparse != nil, "\(name) refused: \(reason)")
            #expect(reason.contains("k-sparse"))
            return
        }
        let model = randomModel(config.architecture)
        let file = try Self.export(model, config: config)
        let a = config.architecture
        let names = file.tensors.map(\.name)
        #expect(names.contains("encoder.0.weight") || a.stochasticCode)
        #expect(names.contains("decoder.\(2 * (a.depth - 1)).weight"), "tied decoders get an explicit weight too")
        #expect(names.contains("mu.weight") == a.stochasticCode && names.contains("logvar.bias") == a.stochasticCode)
        #expect(!names.contains { $0.hasPrefix("optimizer") })
        let back = try TorchStateDict.read(
            bytes: file.encoded(), source: "\(name).safetensors", defaults: Self.defaults)
        #expect(back.architecture == a)
        #expect(back.config == config)
        #expect(back.engineTensors == engineTensors(model))
    }

    @Test("a VAE's code layer splits into mu (first H rows) and logvar (last H rows) heads")
    func vaeHeads() throws {
        let a = Architecture(inputSize: 6, encoderSizes: [5, 2], stochasticCode: true)
        let model = randomModel(a)
        let file = try Self.export(model)
        let code = try #require(engineTensors(model)["encoder.1.weight"])  // [4, 5]
        #expect(file.tensor(named: "mu.weight")?.shape == [2, 5])
        #expect(file.tensor(named: "mu.weight")?.values == Array(code[0..<10]))
        #expect(file.tensor(named: "logvar.weight")?.values == Array(code[10..<20]))
        #expect(file.tensor(named: "encoder.0.weight")?.shape == [5, 6])
        #expect(file.tensor(named: "encoder.2.weight") == nil)
    }

    @Test("a tied decoder's weight is its encoder weight transposed, in nn.Linear's [out, in]")
    func tiedTranspose() throws {
        let a = Architecture(inputSize: 3, encoderSizes: [2], tiedWeights: true)
        let model = randomModel(a)
        let w = try #require(engineTensors(model)["encoder.0.weight"])  // [2, 3]
        let decoder = try #require(try Self.export(model).tensor(named: "decoder.0.weight"))
        #expect(decoder.shape == [3, 2])
        #expect(decoder.values == [w[0], w[3], w[1], w[4], w[2], w[5]])
    }

    @Test("a bare state dict without metadata imports with widths from its shapes and the given activations")
    func bareStateDict() throws {
        let a = Architecture(inputSize: 6, encoderSizes: [4, 3], hiddenActivation: .tanh, codeActivation: .identity)
        let model = randomModel(a)
        var file = try Self.export(model)
        file.metadata = [:]
        let back = try TorchStateDict.read(
            bytes: file.encoded(), source: "bare.safetensors",
            defaults: Architecture(encoderSizes: [1], hiddenActivation: .tanh, codeActivation: .identity))
        #expect(back.architecture == a)
        #expect(back.config == nil)
        #expect(back.engineTensors == engineTensors(model))
    }

    static func refusal(_ file: SafetensorsFile) -> String? {
        refusal(file.encoded())
    }

    static func refusal(_ bytes: [UInt8]) -> String? {
        do {
            _ = try TorchStateDict.read(bytes: bytes, source: "sd.safetensors", defaults: defaults)
            return nil
        } catch {
            return error.description
        }
    }

    @Test(
        "truncated, renamed, reshaped, non-finite, float64 and untied-but-labelled-tied files are refused naming the file"
    )
    func badInput() throws {
        let a = Architecture(inputSize: 4, encoderSizes: [3], tiedWeights: true)
        let good = try Self.export(randomModel(a))
        let bytes = good.encoded()
        let truncated = Self.refusal(Array(bytes.prefix(bytes.count - 5)))
        #expect(truncated?.hasPrefix("sd.safetensors: ") == true, "\(truncated ?? "accepted")")

        var renamed = good
        renamed.tensors[0].name = "encoder.1.weight"
        #expect(
            Self.refusal(renamed)
                == "sd.safetensors: unexpected tensor \"encoder.1.weight\" (expected encoder.N, mu, logvar and decoder.N weights and biases of nn.Linear layers at even N)"
        )

        var missing = good
        missing.tensors.removeAll { $0.name == "decoder.0.bias" }
        #expect(Self.refusal(missing) == "sd.safetensors: tensor \"decoder.0.bias\" is missing")

        var reshaped = good
        let index = try #require(reshaped.tensors.firstIndex { $0.name == "encoder.0.bias" })
        reshaped.tensors[index] = SafetensorsTensor(
            name: "encoder.0.bias", shape: [1, 3], values: reshaped.tensors[index].values)
        #expect(Self.refusal(reshaped) == "sd.safetensors: tensor \"encoder.0.bias\" has shape [1, 3], expected [3]")

        var infinite = good
        infinite.tensors[index].values[1] = .infinity
        #expect(Self.refusal(infinite) == "sd.safetensors: tensor \"encoder.0.bias\" holds NaN or infinite values")

        var untied = good
        let decoder = try #require(untied.tensors.firstIndex { $0.name == "decoder.0.weight" })
        untied.tensors[decoder].values[0] += 1
        #expect(Self.refusal(untied)?.contains("is not the transpose of its encoder weight") == true)

        var wrongFormat = good
        wrongFormat.metadata["format"] = "aelab-torch-9"
        #expect(Self.refusal(wrongFormat)?.hasPrefix("sd.safetensors: metadata \"format\"") == true)

        // F64 data: the header says so and the reader names the dtype
        let header = #"{"encoder.0.weight":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#
        var f64: [UInt8] = []
        for i in 0..<8 { f64.append(UInt8(truncatingIfNeeded: header.utf8.count >> (8 * i))) }
        f64 += Array(header.utf8) + [UInt8](repeating: 0, count: 8)
        let dtype = Self.refusal(f64)
        #expect(dtype?.hasPrefix("sd.safetensors") == true && dtype?.contains("F64") == true, "\(dtype ?? "accepted")")

        let foreign = SafetensorsFile(tensors: [
            SafetensorsTensor(name: "fc.weight", shape: [2, 2], values: [1, 2, 3, 4])
        ])
        #expect(Self.refusal(foreign)?.hasPrefix("sd.safetensors: not an aelab/PyTorch autoencoder state dict") == true)
    }

    @Test("a k-sparse run is refused with the reason")
    func kSparseRefused() {
        var config = TrainingConfig(name: "k", architecture: Architecture(encoderSizes: [32]))
        config.regularization.kSparse = 5
        #expect(TorchStateDict.refusal(for: config)?.contains("k-sparse") == true)
    }
}
