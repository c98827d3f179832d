import Foundation
import Testing

// NPZReaderTests: .npz archives built byte by byte (stored and deflated), numpy's own
// np.savez / np.savez_compressed files, and every kind of broken archive.
@testable import AutoencoderKit

@Suite("NPZ reader")
struct NPZReaderTests {
    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder() }

    func parse(_ bytes: [UInt8], key: String? = nil) throws -> NPZReader.Contents {
        try NPZReader.parse(bytes, path: "m.npz", key: key, name: "m")
    }

    /// The message of the error parsing `bytes` throws, or nil if it parses.
    func message(_ bytes: [UInt8], key: String? = nil) -> String? {
        do {
            _ = try parse(bytes, key: key)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("Keras's mnist.npz layout gives train with labels and a test set", arguments: [false, true])
    func kerasLayout(deflate: Bool) throws {
        let contents = try parse(NPZBytes(kerasMembers(), deflate: deflate).bytes)
        #expect(contents.train.count == 2 && contents.train.rows == 4 && contents.train.columns == 5)
        #expect(contents.train.pixels == (0..<40).map { UInt8($0 * 6) })
        #expect(contents.train.labels == [3, 9])
        let test = try #require(contents.test)
        #expect(test.pixels == [UInt8](repeating: 200, count: 20) && test.labels == [7])
    }

    @Test("an array named in the argument is read, and arr_0 is the default without x_train")
    func namedArrays() throws {
        let members = [
            ("arr_0", npyBytes(descr: "|u1", shape: [1, 2, 2], payload: [1, 2, 3, 4])),
            ("other", npyBytes(descr: "|u1", shape: [1, 3, 3], payload: [UInt8](repeating: 5, count: 9))),
        ]
        let bytes = try NPZBytes(members, deflate: true).bytes
        #expect(try parse(bytes).train.pixels == [1, 2, 3, 4])
        #expect(try parse(bytes, key: "other").train.rows == 3)
        #expect(
            message(bytes, key: "x_train")
                == "m.npz: no array named 'x_train'; the file holds 'arr_0', 'other'")
    }

    @Test(
        "numpy's savez and savez_compressed files (Keras's and KMNIST's layouts) load with the values numpy wrote",
        .enabled(if: Python.has("numpy"), "numpy is not installed (make deps installs it)"))
    func numpyFiles() throws {
        let script = """
            import numpy as np, sys
            x = (np.arange(3 * 28 * 28) % 256).astype(np.uint8).reshape(3, 28, 28)
            y = np.array([4, 1, 9], dtype=np.int64)
            np.savez(sys.argv[1] + '/keras.npz', x_train=x, y_train=y, x_test=x[:1], y_test=y[:1])
            np.savez_compressed(sys.argv[1] + '/kmnist-train-imgs.npz', x.astype(np.float32) / 255)
            np.savez_compressed(sys.argv[1] + '/kmnist-train-labels.npz', y.astype(np.uint8))
            np.savez_compressed(sys.argv[1] + '/kmnist-test-imgs.npz', x[:2])
            np.savez_compressed(sys.argv[1] + '/kmnist-test-labels.npz', y[:2])
            """
        let result = try #require(Python.run(["-c", script, folder.path]))
        #expect(result.status == 0, "python failed: \(result.errors)")
        let expected = (0..<(3 * 784)).map { UInt8($0 % 256) }
        let keras = try DataSource(argument: folder.file("keras.npz")).load(validationCount: 1, seed: 1)
        #expect(keras.train.pixels + keras.validation.pixels == expected)
        #expect(keras.train.labels == [4, 1] && keras.validation.labels == [9])
        #expect(try #require(keras.test).labels == [4])
        let kmnistPath = folder.file("kmnist-train-imgs.npz")
        let source = DataSource(argument: kmnistPath)
        #expect(source == .npz(path: kmnistPath, key: nil, labels: folder.file("kmnist-train-labels.npz")))
        let kmnist = try source.load(validationCount: 1, seed: 1)
        #expect(kmnist.train.pixels + kmnist.validation.pixels == expected)
        #expect(kmnist.train.labels == [4, 1] && kmnist.validation.labels == [9])
        let kmnistTest = try #require(kmnist.test)
        #expect(kmnistTest.pixels == Array(expected[0..<(2 * 784)]) && kmnistTest.labels == [4, 1])
    }

    @Test("--data arguments name an .npz file and, after a colon, an array in it")
    func arguments() {
        #expect(DataSource(argument: "a.npz") == .npz(path: "a.npz", key: nil, labels: nil))
        #expect(DataSource(argument: "d/a.NPZ:x_test") == .npz(path: "d/a.NPZ", key: "x_test", labels: nil))
        #expect(DataSource(argument: "a.npz:") == .npz(path: "a.npz", key: nil, labels: nil))
        #expect(DataSource(argument: "a.npz:x").description == "a.npz:x")
    }

    @Test("broken archives are refused with the file, the member and the problem")
    func brokenArchives() throws {
        let stored = try NPZBytes(kerasMembers())
        let deflated = try NPZBytes(kerasMembers(), deflate: true)
        let first = stored.centralEntries[0]
        let cases: [(String, [UInt8], String)] = [
            (
                "truncated", Array(stored.bytes.prefix(stored.bytes.count / 2)),
                "m.npz: not a readable .npz (zip) file: no end-of-directory record"
            ),
            (
                "a .npy file named .npz", kerasMembers()[0].npy,
                "m.npz: not a readable .npz (zip) file: it does not start with a zip signature"
            ),
            (
                "a CRC mismatch", stored.patched(first + 16, 0x1234_5678),
                "m.npz: not a readable .npz (zip) file: x_train.npy: CRC-32 mismatch"
            ),
            (
                "a stored size that disagrees", stored.patched(first + 24, 9),
                "m.npz: not a readable .npz (zip) file: x_train.npy: stored with"
            ),
            (
                "a zip bomb's declared size", deflated.patched(deflated.centralEntries[0] + 24, 0xFFFF_FFF0),
                "m.npz: member x_train.npy: too large: it declares 4294967280 bytes"
            ),
            (
                "a member that inflates past its declared size", deflated.patched(deflated.centralEntries[0] + 24, 50),
                "m.npz: member x_train.npy: too large: it inflates to more than the 50 bytes it declares"
            ),
            (
                "a member shorter than declared", deflated.patched(deflated.centralEntries[0] + 24, 500),
                "x_train.npy: it inflates to 168 bytes but declares 500"
            ),
            (
                "an unknown method", stored.patched(first + 10, 12, width: 2),
                "x_train.npy: compression method 12 is not read here"
            ),
            (
                "an encrypted member", stored.patched(first + 8, 1, width: 2),
                "x_train.npy: the member is encrypted"
            ),
            (
                "data past the end", stored.patched(first + 42, 0x7FFF_FFFF),
                "x_train.npy: its local header is missing"
            ),
            (
                "a directory count that cannot fit", stored.patched(stored.endRecord + 10, 0xFFFE, width: 2),
                "65534 members cannot fit"
            ),
        ]
        for (what, bytes, expected) in cases {
            let text = message(bytes) ?? "accepted"
            #expect(text.contains(expected), "\(what): \(text)")
            #expect(text.hasPrefix("m.npz"), "\(what): \(text)")
        }
    }

    @Test("arrays of the wrong shape, dtype or count are refused naming the array")
    func badArrays() throws {
        func archive(_ members: [(String, [UInt8])]) throws -> [UInt8] { try NPZBytes(members).bytes }
        let cases: [(String, [UInt8], String)] = [
            (
                "shape",
                try archive([
                    ("x_train", npyBytes(descr: "|u1", shape: [2, 6], payload: [UInt8](repeating: 0, count: 12)))
                ]),
                "m.npz:x_train: shape (2, 6): 6 pixels per image is neither 28x28 nor a square"
            ),
            (
                "dtype",
                try archive([
                    ("x_train", npyBytes(descr: "<f2", shape: [1, 2, 2], payload: [UInt8](repeating: 0, count: 8)))
                ]),
                "m.npz:x_train: unsupported dtype '<f2'"
            ),
            (
                "label count",
                try archive([
                    ("x_train", npyBytes(descr: "|u1", shape: [2, 2, 2], payload: [UInt8](repeating: 0, count: 8))),
                    ("y_train", npyBytes(descr: "|u1", shape: [3], payload: [1, 2, 3])),
                ]), "m.npz:y_train: 3 labels, but m.npz:x_train holds 2 images"
            ),
            (
                "test size",
                try archive([
                    ("x_train", npyBytes(descr: "|u1", shape: [1, 2, 2], payload: [0, 0, 0, 0])),
                    ("x_test", npyBytes(descr: "|u1", shape: [1, 3, 3], payload: [UInt8](repeating: 0, count: 9))),
                ]), "m.npz:x_test: images are 3x3, expected 2x2"
            ),
            (
                "no default",
                try archive([
                    ("a", npyBytes(descr: "|u1", shape: [1, 2, 2], payload: [0, 0, 0, 0])),
                    ("b", npyBytes(descr: "|u1", shape: [1, 2, 2], payload: [0, 0, 0, 0])),
                ]), "m.npz: no array named 'x_train'; the file holds 'a', 'b'"
            ),
            (
                "truncated member",
                try archive([
                    ("x_train", Array(npyBytes(descr: "|u1", shape: [1, 2, 2], payload: [0, 0, 0, 0]).dropLast()))
                ]),
                "m.npz:x_train: truncated"
            ),
        ]
        for (what, bytes, expected) in cases {
            #expect(
                message(bytes) == expected || (message(bytes) ?? "").hasPrefix(expected),
                "\(what): \(message(bytes) ?? "accepted")")
        }
    }

    @Test("a file that is not there, or empty, is refused by name")
    func missingFiles() throws {
        #expect(throws: DataError.fileMissing(path: folder.file("none.npz"))) {
            try DataSource(argument: folder.file("none.npz")).load(seed: 1)
        }
        let empty = try folder.write("empty.npz", [])
        #expect(throws: DataError.emptyFile(path: empty)) { try DataSource(argument: empty).load(seed: 1) }
    }
}
