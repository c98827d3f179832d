// python/aelab_torch.py against the engine, both directions: NumPy's forward pass of an exported
// state dict equals the engine's reconstruction, and a state dict written in Python imports into
// an engine model that reconstructs as NumPy does, to 1e-5. (NumPy implements the forward pass
// the PyTorch module runs; torch itself is not needed.) Skipped without numpy and safetensors.
import Foundation
import TestSupport
import Testing

@testable import AutoencoderKit
@testable import Formats

@Suite(
    "PyTorch state dict read and written by Python",
    .enabled(
        if: Python.has("safetensors, numpy"),
        "python3 with the safetensors and numpy packages is not installed (pip install safetensors numpy)"))
struct TorchPythonTests {
    static let module: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("python").path
    }()

    static let architectures: [Architecture] = [
        Architecture(inputSize: 12, encoderSizes: [8, 3]),
        Architecture(
            inputSize: 12, encoderSizes: [6], hiddenActivation: .sigmoid, codeActivation: .sigmoid, tiedWeights: true),
        Architecture(
            inputSize: 12, encoderSizes: [7, 5, 2], hiddenActivation: .tanh, codeActivation: .softplus,
            tiedWeights: true),
        Architecture(
            inputSize: 12, encoderSizes: [6, 4], hiddenActivation: .leakyReLU, outputActivation: .identity,
            stochasticCode: true),
        Architecture(inputSize: 12, encoderSizes: [3], stochasticCode: true),
    ]

    /// The engine's reconstructions of `rows` inputs (a VAE decodes z = μ).
    static func engineForward(_ model: Autoencoder<Float>, _ x: [Float], rows: Int) -> [Float] {
        x.withUnsafeBufferPointer { model.forward($0.baseAddress!, batch: rows) }
        return Array(UnsafeBufferPointer(start: model.reconstruction, count: rows * model.architecture.inputSize))
    }

    static func inputs(rows: Int, size: Int) -> [Float] {
        var random = RandomGenerator(seed: 3)
        return (0..<(rows * size)).map { _ in random.nextUniform() }
    }

    static func numbers(_ text: String) throws -> [Double] {
        let json = try JSONParser.parse(Array(text.utf8))
        return (json.arrayValue ?? []).compactMap(\.doubleValue)
    }

    @Test("NumPy's forward pass of an exported state dict equals the engine's", arguments: architectures)
    func exportedForward(_ a: Architecture) throws {
        let folder = try ScratchFolder("torchpy")
        defer { folder.remove() }
        let model = randomModel(a)
        let path = folder.file("model.safetensors")
        try TorchStateDictTests.export(model).write(to: path)
        let rows = 4
        let x = Self.inputs(rows: rows, size: a.inputSize)
        let ours = Self.engineForward(model, x, rows: rows)
        let script = """
            import json, sys
            import numpy as np
            sys.path.insert(0, sys.argv[1])
            import aelab_torch
            from safetensors.numpy import load_file
            t = load_file(sys.argv[2])
            arch = aelab_torch.architecture_of(sys.argv[2])
            assert {k: v.shape for k, v in t.items()} == aelab_torch.state_dict_shapes(arch), "names or shapes differ"
            x = np.array(json.loads(sys.argv[3]), dtype=np.float32).reshape(\(rows), -1)
            print(json.dumps([float(v) for v in aelab_torch.numpy_forward(t, arch, x).ravel()]))
            """
        let result = try #require(
            Python.run(["-c", script, Self.module, path, "[" + x.map { "\($0)" }.joined(separator: ",") + "]"]))
        #expect(result.status == 0, "python failed: \(result.errors)")
        let theirs = try Self.numbers(result.output)
        #expect(theirs.count == ours.count)
        let worst = zip(theirs, ours).map { abs($0 - Double($1)) }.max() ?? 1
        #expect(worst < 1e-5, "largest difference \(worst)")
    }

    @Test(
        "a state dict written in Python imports into a model that reconstructs as NumPy does", arguments: architectures)
    func importedForward(_ a: Architecture) throws {
        let folder = try ScratchFolder("torchpy")
        defer { folder.remove() }
        let path = folder.file("python.safetensors")
        let rows = 3
        let x = Self.inputs(rows: rows, size: a.inputSize)
        let architecture = CheckpointJSON.text(a)
        let script = """
            import json, sys
            import numpy as np
            sys.path.insert(0, sys.argv[1])
            import aelab_torch
            arch = json.loads(sys.argv[3])
            rng = np.random.default_rng(5)
            shapes = aelab_torch.state_dict_shapes(arch)
            arrays = {k: rng.normal(0, 0.5, s).astype(np.float32) for k, s in shapes.items()}
            if arch["tiedWeights"]:
                n = len(arch["encoderSizes"])
                for k in range(n):
                    arrays[f"decoder.{2 * k}.weight"] = arrays[f"encoder.{2 * (n - 1 - k)}.weight"].T.copy()
            aelab_torch.save_state_dict(arrays, arch, sys.argv[2])
            x = np.array(json.loads(sys.argv[4]), dtype=np.float32).reshape(\(rows), -1)
            print(json.dumps([float(v) for v in aelab_torch.numpy_forward(arrays, arch, x).ravel()]))
            """
        let result = try #require(
            Python.run([
                "-c", script, Self.module, path, architecture, "[" + x.map { "\($0)" }.joined(separator: ",") + "]",
            ]))
        #expect(result.status == 0, "python failed: \(result.errors)")
        let theirs = try Self.numbers(result.output)
        let imported = try TorchStateDict.read(path: path, defaults: Architecture(encoderSizes: [1]))
        #expect(imported.architecture == a)
        var random = RandomGenerator(seed: 1)
        let model = Autoencoder<Float>(architecture: a, batchCapacity: 8, random: &random)
        imported.copy(into: model.parameters, layout: model.layout)
        let ours = Self.engineForward(model, x, rows: rows)
        #expect(theirs.count == ours.count)
        let worst = zip(theirs, ours).map { abs($0 - Double($1)) }.max() ?? 1
        #expect(worst < 1e-5, "largest difference \(worst)")
    }
}
