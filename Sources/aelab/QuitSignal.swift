// QuitSignal: SIGINT, SIGTERM and SIGHUP for the headless commands. The first one asks for an
// orderly stop, which the training loop polls between batches; a second one kills at once
// (see termguard.h). Either way the files on disk are whole: they are written atomically.
import CTermGuard
import Foundation

enum QuitSignal {
    /// Installs the flag-only handlers.
    static func install() { termguard_install_quit_handlers() }

    /// The first quit signal received, or nil.
    static var received: Int32? {
        let number = termguard_quit_signal()
        return number == 0 ? nil : number
    }

    /// "SIGINT", "SIGTERM", "SIGHUP" or "signal N".
    static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        default: return "signal \(number)"
        }
    }
}

/// Thrown when a command stops early for a signal; the process exits with 128 + the signal's
/// number, as a shell reports a process killed by it.
struct Interrupted: Error {
    let signal: Int32
}
