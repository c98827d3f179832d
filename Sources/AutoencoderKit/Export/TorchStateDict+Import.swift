// TorchStateDict+Import: a PyTorch state dict (safetensors, named as python/aelab_torch.py's
// model) read back into the engine's tensors, checked completely before anything is built.
//
// The architecture comes from the "architecture" metadata when present (files written by
// `aelab export --torch` or by aelab_torch.save_state_dict); otherwise the widths are read off
// the weights' shapes and the activations, untied, come from `defaults` (the import command's
// flags). See TorchStateDict for the names.
import Formats
import Foundation

/// A state dict read and validated: the model's shape, its config when the file carries one,
/// and the engine's tensors by `ParameterLayout` name.
public struct TorchModel: Sendable {
    public let architecture: Architecture
    /// The run's configuration, when the file was exported by aelab.
    public let config: TrainingConfig?
    /// Engine tensors ("encoder.0.weight", "decoder.1.bias", ...); a tied decoder has only its bias.
    public let engineTensors: [String: [Float]]

    /// Copies every tensor into a model's flat parameter buffer.
    /// - Precondition: `layout` is `ParameterLayout(architecture: architecture)`.
    public func copy(into parameters: FloatBuffer, layout: ParameterLayout) {
        for tensor in layout.tensors {
            guard let values = engineTensors[tensor.name], values.count == tensor.count else { continue }
            for i in 0..<tensor.count { parameters.pointer[tensor.offset + i] = values[i] }
        }
    }
}

extension TorchStateDict {
    /// Reads and validates the state dict at `path`.
    /// - Throws: `TorchImportError` naming the file and the problem.
    public static func read(path: String, defaults: Architecture) throws(TorchImportError) -> TorchModel {
        let file: SafetensorsFile
        do { file = try SafetensorsFile.read(path: path) } catch { throw .file(error) }
        return try model(file, source: path, defaults: defaults)
    }

    /// Reads and validates state-dict bytes; `source` names them in messages.
    /// - Throws: `TorchImportError` naming `source` and the problem.
    public static func read(bytes: [UInt8], source: String, defaults: Architecture) throws(TorchImportError)
        -> TorchModel
    {
        let file: SafetensorsFile
        do { file = try SafetensorsFile(bytes: bytes, source: source) } catch { throw .file(error) }
        return try model(file, source: source, defaults: defaults)
    }

    static func model(_ file: SafetensorsFile, source: String, defaults: Architecture) throws(TorchImportError)
        -> TorchModel
    {
        if let format = file.metadata["format"], format != formatVersion {
            throw .badMetadata(
                source: source, key: "format", detail: "is \"\(format.prefix(30))\"; this aelab reads \(formatVersion)")
        }
        let a: Architecture
        if let text = file.metadata["architecture"] {
            a = try decode(Architecture.self, text, key: "architecture", source: source)
            let problems = a.validationErrors()
            guard problems.isEmpty else {
                throw .badMetadata(
                    source: source, key: "architecture", detail: "is not usable: " + problems.joined(separator: "; "))
            }
        } else {
            a = try inferredArchitecture(file, source: source, defaults: defaults)
        }
        var config: TrainingConfig?
        if let text = file.metadata["config"] {
            let decoded = try decode(TrainingConfig.self, text, key: "config", source: source)
            guard decoded.architecture == a, decoded.validationErrors().isEmpty else {
                throw .badMetadata(
                    source: source, key: "config",
                    detail: "does not fit the architecture, or is not a usable configuration")
            }
            config = decoded
        }
        let values = try checkedValues(file, architecture: a, source: source)
        return TorchModel(
            architecture: a, config: config, engineTensors: try engineTensors(values, architecture: a, source: source))
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String, key: String, source: String)
        throws(TorchImportError) -> T
    {
        do {
            return try CheckpointJSON.decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw .badMetadata(source: source, key: key, detail: "is not valid: " + CheckpointJSON.describe(error))
        }
    }

    /// Widths from the Linear weights' shapes, activations from `defaults`, untied.
    static func inferredArchitecture(_ file: SafetensorsFile, source: String, defaults: Architecture)
        throws(TorchImportError) -> Architecture
    {
        func weightShape(_ name: String) throws(TorchImportError) -> [Int]? {
            guard let tensor = file.tensor(named: name) else { return nil }
            guard tensor.shape.count == 2, tensor.shape.allSatisfy({ $0 >= 1 }) else {
                throw .notAModel(
                    source: source,
                    detail: "\"\(name)\" has shape \(tensor.shape), but an nn.Linear weight is [out, in]")
            }
            return tensor.shape
        }
        var shapes: [[Int]] = []
        while let shape = try weightShape("encoder.\(2 * shapes.count).weight") { shapes.append(shape) }
        let stochastic = file.tensor(named: "mu.weight") != nil
        if stochastic, let mu = try weightShape("mu.weight") { shapes.append(mu) }
        guard let first = shapes.first else {
            throw .notAModel(source: source, detail: "it has no \"encoder.0.weight\" (nor \"mu.weight\")")
        }
        var a = defaults
        a.inputSize = first[1]
        a.encoderSizes = shapes.map { $0[0] }
        a.tiedWeights = false
        a.stochasticCode = stochastic
        let problems = a.validationErrors()
        guard problems.isEmpty else { throw .notAModel(source: source, detail: problems.joined(separator: "; ")) }
        return a
    }

    /// Exactly the tensors `a` implies, with their shapes, all finite.
    static func checkedValues(_ file: SafetensorsFile, architecture a: Architecture, source: String)
        throws(TorchImportError) -> [String: [Float]]
    {
        let expected = tensorShapes(a)
        let names = Set(expected.map(\.name))
        for tensor in file.tensors where !names.contains(tensor.name) {
            throw .unexpectedTensor(source: source, name: tensor.name)
        }
        var values: [String: [Float]] = [:]
        for (name, shape) in expected {
            guard let tensor = file.tensor(named: name) else { throw .missingTensor(source: source, name: name) }
            guard tensor.shape == shape else {
                throw .shapeMismatch(source: source, name: name, expected: shape, found: tensor.shape)
            }
            guard tensor.values.allSatisfy(\.isFinite) else { throw .nonFinite(source: source, name: name) }
            values[name] = tensor.values
        }
        return values
    }

    /// PyTorch's names back to the engine's; a tied decoder's weight must be its encoder's transpose.
    static func engineTensors(_ v: [String: [Float]], architecture a: Architecture, source: String)
        throws(TorchImportError) -> [String: [Float]]
    {
        let depth = a.depth
        var engine: [String: [Float]] = [:]
        for (engineName, torchName) in renames(a) { engine[engineName] = v[torchName] }
        if a.stochasticCode {
            engine["encoder.\(depth - 1).weight"] = (v["mu.weight"] ?? []) + (v["logvar.weight"] ?? [])
            engine["encoder.\(depth - 1).bias"] = (v["mu.bias"] ?? []) + (v["logvar.bias"] ?? [])
        }
        if a.tiedWeights && !a.stochasticCode {
            let widths = a.widths
            for k in 0..<depth {
                let name = "decoder.\(2 * k).weight"
                let encoderWeight = engine["encoder.\(depth - 1 - k).weight"] ?? []
                let expected = transpose(encoderWeight, rows: widths[depth + k], columns: widths[depth + k + 1])
                guard v[name] == expected else { throw .tiedMismatch(source: source, name: name) }
            }
        }
        return engine
    }
}
