// Python reads aelab's checkpoints: `safetensors.numpy.load_file` gives the same tensor, and a
// reconstruction computed in NumPy from the weights, sigmoid(relu(x W0ᵀ + b0) W1ᵀ + b1),
// equals aelab's. Needs `pip install safetensors numpy`; skipped without.
import Foundation
import TestSupport
import Testing

@testable import AutoencoderKit
@testable import Formats

@Suite(
    "Checkpoint read by Python",
    .enabled(
        if: Python.has("safetensors, numpy"),
        "python3 with the safetensors and numpy packages is not installed (pip install safetensors numpy)"))
struct CheckpointPythonTests {
    @Test("NumPy loads a tensor and reproduces a reconstruction from the weights")
    func numpyReconstruction() throws {
        let folder = try ScratchFolder("ckpy")
        defer { folder.remove() }
        let path = folder.file(Checkpoint.fileName)
        let trainer = try Trainer(config: CheckpointTests.config(), dataset: CheckpointTests.data)
        try trainer.trainEpoch()
        try trainer.saveCheckpoint(to: path)
        let validation = trainer.dataset.validation
        let x = validation.image(0).map { Float($0) / 255 }
        let ours = trainer.inspector.probe(validation, indices: [0]).reconstructions[0]
        let script = """
            import json, sys
            import numpy as np
            from safetensors.numpy import load_file
            t = load_file(sys.argv[1])
            x = np.array([float(v) for v in sys.argv[2].split(",")], dtype=np.float32)
            h = np.maximum(x @ t["encoder.0.weight"].T + t["encoder.0.bias"], 0)
            r = 1 / (1 + np.exp(-(h @ t["decoder.0.weight"].T + t["decoder.0.bias"])))
            print(json.dumps({
                "shape": list(t["encoder.0.weight"].shape), "dtype": str(t["encoder.0.weight"].dtype),
                "w": [float(v) for v in t["encoder.0.weight"][3, :8]],
                "m": [float(v) for v in t["optimizer.adam.m.decoder.0.bias"][:4]],
                "r": [float(v) for v in r]}))
            """
        let arguments = x.map { String($0) }.joined(separator: ",")
        let result = try #require(Python.run(["-c", script, path, arguments]))
        #expect(result.status == 0, "python failed: \(result.errors)")
        let json = try JSONParser.parse(Array(result.output.utf8))
        let object = try #require(json.objectValue)
        #expect(object.value(for: "shape") == [16, 784])
        #expect(object.value(for: "dtype") == "float32")
        let w = object.value(for: "w")?.arrayValue?.compactMap(\.doubleValue).map { Float($0) }
        #expect(w == Array(trainer.model.parameters.array[(3 * 784)..<(3 * 784 + 8)]))
        let m = object.value(for: "m")?.arrayValue?.compactMap(\.doubleValue).map { Float($0) }
        let biasOffset = trainer.model.layout.tensors.first { $0.name == "decoder.0.bias" }!.offset
        #expect(m == Array(trainer.optimizer.firstMoment.array[biasOffset..<(biasOffset + 4)]))
        let theirs = (object.value(for: "r")?.arrayValue ?? []).compactMap(\.doubleValue)
        #expect(theirs.count == 784)
        let worst = zip(theirs, ours).map { abs($0 - Double($1)) }.max() ?? 1
        #expect(worst < 1e-5, "largest difference \(worst)")
    }
}
