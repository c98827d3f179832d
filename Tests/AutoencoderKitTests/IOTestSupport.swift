// Helpers for the file-format tests: a way to run python3 (ScratchFolder is in TestSupport).

import Foundation
import TestSupport

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
