// NPZCommandTests: `aelab train --data FILE.npz` as a user runs it: numpy's own file trains,
// and a broken archive stops with the file and the problem before anything is written.
import Foundation
import TestSupport
import Testing

@Suite("NPZ data on the command line")
struct NPZCommandTests {
    @Test("a truncated or mislabeled .npz is refused by name, exit 2, and no run folder is made")
    func brokenArchiveWritesNothing() throws {
        let folder = try AelabProcess.scratch("npz")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cases: [(String, [UInt8], String)] = [
            (
                "truncated.npz", Array("PK\u{3}\u{4}".utf8) + [UInt8](repeating: 7, count: 40),
                "truncated.npz: not a readable .npz (zip) file: no end-of-directory record"
            ),
            (
                "plain.npz", [0x93] + Array("NUMPY".utf8) + [1, 0, 0, 0],
                "plain.npz: not a readable .npz (zip) file: it does not start with a zip signature"
            ),
        ]
        for (name, bytes, expected) in cases {
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes)))
            let result = try AelabProcess.run(["train", "--data", name, "--epochs", "1", "--out", "run"], in: folder)
            #expect(result.status == 2)
            #expect(result.errors.contains(expected), "\(result.errors)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/run"))
        }
    }

    @Test(
        "numpy's savez_compressed file in Keras's layout trains one epoch",
        .enabled(
            if: (try? ChildProcess.run("/usr/bin/env", ["python3", "-c", "import numpy"]).status) == 0,
            "numpy is not installed (make deps installs it)"))
    func numpyFileTrains() throws {
        let folder = try AelabProcess.scratch("npz-train")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = """
            import numpy as np
            x = (np.arange(240 * 784) % 251).astype(np.uint8).reshape(240, 28, 28)
            np.savez_compressed('mnist.npz', x_train=x, y_train=np.arange(240) % 10, x_test=x[:20], y_test=np.arange(20) % 10)
            """
        let made = try ChildProcess.run("/usr/bin/env", ["python3", "-c", script], directory: folder)
        #expect(made.status == 0, "\(made.errors)")
        let result = try AelabProcess.run(
            ["train", "--data", "mnist.npz", "--epochs", "1", "--layers", "8", "--out", "run"], in: folder)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("on mnist (220 train, 20 validation)"), "\(result.output)")
        #expect(FileManager.default.fileExists(atPath: folder + "/run/checkpoint.safetensors"))
    }
}
