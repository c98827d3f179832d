// AelabProcess: runs the built `aelab` binary as a child process and captures its output.
import Foundation
import TestSupport

enum AelabProcess {
    /// The package's root folder (two levels above this file's folder).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The aelab binary beside the test bundle (same build configuration), or nil.
    static let binary: String? = {
        var candidates: [String] = []
        for start in [Bundle.main.executablePath, CommandLine.arguments.first].compactMap({ $0 }) {
            var url = URL(fileURLWithPath: start)
            for _ in 0..<4 {
                url.deleteLastPathComponent()
                candidates.append(url.appendingPathComponent("aelab").path)
            }
        }
        candidates += ["release", "debug"].map { packageRoot + "/.build/\($0)/aelab" }
        return candidates.first { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.isExecutableFile(atPath: path)
                && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }()

    /// Runs `aelab arguments...` in `folder`; returns the exit status, stdout and stderr.
    static func run(_ arguments: [String], in folder: String? = nil) throws -> (
        status: Int32, output: String, errors: String
    ) {
        guard let binary else { throw Missing() }
        let result = try ChildProcess.run(binary, arguments, directory: folder)
        return (result.status, result.output, result.errors)
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "the aelab binary was not found; build it first (swift build -c release)" }
    }

    /// A fresh scratch folder.
    static func scratch(_ label: String) throws -> String {
        let path = NSTemporaryDirectory() + "aelab-e2e-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Width and height from a PNG's IHDR chunk, or nil when the signature or chunk is wrong.
    static func pngSize(_ path: String) -> (width: Int, height: Int)? {
        guard let data = FileManager.default.contents(atPath: path), data.count > 24 else { return nil }
        let bytes = [UInt8](data)
        guard bytes[0..<8] == [137, 80, 78, 71, 13, 10, 26, 10],
            String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR"
        else {
            return nil
        }
        func u32(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (u32(16), u32(20))
    }
}
