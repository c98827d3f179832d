// Cross-check with the reference implementation: Python's safetensors reads what aelab writes,
// and aelab reads what Python writes. Needs `pip install safetensors numpy`; skipped without.

import Foundation
import TestSupport
import Testing

@testable import AutoencoderKit
@testable import Formats

@Suite(
    "Safetensors against the Python reference",
    .enabled(
        if: Python.has("safetensors, numpy"),
        "python3 with the safetensors and numpy packages is not installed (pip install safetensors numpy)"))
struct SafetensorsPythonTests {
    @Test("Python loads aelab's file with the same values and metadata")
    func pythonReadsAelab() throws {
        let folder = try ScratchFolder("stpy")
        defer { folder.remove() }
        let path = folder.file("aelab.safetensors")
        let file = SafetensorsFile(
            tensors: [
                SafetensorsTensor(name: "encoder.weight", shape: [2, 3], values: [0.5, -1, 2, 1e-8, 3.25, -0.0]),
                SafetensorsTensor(name: "encoder.bias", shape: [3], values: [1, 2, 3]),
            ],
            metadata: ["epoch": "7", "preset": "name = \"sparse\"\nrho = 0.05"])
        try file.write(to: path)
        let script = """
            import json, sys
            from safetensors import safe_open
            from safetensors.numpy import load_file
            t = load_file(sys.argv[1])
            with safe_open(sys.argv[1], framework="np") as f:
                meta = f.metadata()
            out = {k: {"shape": list(v.shape), "dtype": str(v.dtype), "values": [float(x) for x in v.flatten()]} for k, v in t.items()}
            print(json.dumps({"tensors": out, "metadata": meta}, sort_keys=True))
            """
        let result = try #require(Python.run(["-c", script, path]))
        #expect(result.status == 0, "python failed: \(result.errors)")
        let expected = """
            {"metadata": {"epoch": "7", "preset": "name = \\"sparse\\"\\nrho = 0.05"}, "tensors": \
            {"encoder.bias": {"dtype": "float32", "shape": [3], "values": [1.0, 2.0, 3.0]}, \
            "encoder.weight": {"dtype": "float32", "shape": [2, 3], "values": [0.5, -1.0, 2.0, \
            9.99999993922529e-09, 3.25, -0.0]}}}
            """
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
    }

    @Test("aelab reads Python's file, and re-encodes it to the same bytes")
    func aelabReadsPython() throws {
        let folder = try ScratchFolder("stpy")
        defer { folder.remove() }
        let path = folder.file("py.safetensors")
        let script = """
            import sys, numpy as np
            from safetensors.numpy import save_file
            save_file({
                "b": np.array([1.5, -2.0], dtype=np.float32),
                "a.w": np.arange(6, dtype=np.float32).reshape(3, 2) / 4,
                "z": np.zeros((0,), dtype=np.float32),
            }, sys.argv[1], metadata={"format": "pt"})
            """
        let result = try #require(Python.run(["-c", script, path]))
        #expect(result.status == 0, "python failed: \(result.errors)")
        let file = try SafetensorsFile.read(path: path)
        #expect(file.metadata == ["format": "pt"])
        #expect(file.tensor(named: "a.w")?.shape == [3, 2])
        #expect(file.tensor(named: "a.w")?.values == [0, 0.25, 0.5, 0.75, 1, 1.25])
        #expect(file.tensor(named: "b")?.values == [1.5, -2])
        #expect(file.tensor(named: "z")?.shape == [0])
        #expect(file.encoded() == (try AtomicFile.read(path)))
    }
}
