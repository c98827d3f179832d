// Helpers for the file-format tests: a scratch folder and a way to run python3.

import Foundation
import TestSupport

/// A fresh folder under the system temporary folder, removed by `remove()`.
struct ScratchFolder {
    let path: String

    init(_ label: String = "io") throws {
        let base = NSTemporaryDirectory() + "aelab-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }

    func file(_ name: String) -> String { path + "/" + name }

    func contents() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs python3 when available; nil when python3 or a needed module is missing.
enum Python {
    /// Whether `python3 -c "import <modules>"` succeeds.
    static func has(_ modules: String) -> Bool {
        run(["-c", "import \(modules)"])?.status == 0
    }

    /// Runs python3 with the arguments; nil when python3 cannot be started.
    static func run(_ arguments: [String]) -> (status: Int32, output: String, errors: String)? {
        guard let result = try? ChildProcess.run("/usr/bin/env", ["python3"] + arguments) else { return nil }
        return (result.status, result.output, result.errors)
    }
}
