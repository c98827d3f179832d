// AelabCommand: the root command and its subcommands; usage errors exit with code 2, failures
// with 1; after an orderly stop for a signal the process dies of that signal (a shell reports
// 128 + its number, and a script running aelab stops too).
import ArgumentParser
import AutoencoderKit
import Foundation

struct AelabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aelab",
        abstract: "A terminal workbench for autoencoder experiments.",
        version: AelabVersion.current,
        subcommands: [
            WorkbenchCommand.self, TrainCommand.self, PresetsCommand.self, BenchCommand.self, EvalCommand.self,
            ExportCommand.self, SweepCommand.self, SummarizeCommand.self, ViewCommand.self,
            DigitsCommand.self,
            ImportCommand.self,
            DoctorCommand.self,
        ],
        defaultSubcommand: WorkbenchCommand.self)

    /// Parses, runs, and exits: 0 on success, 2 for a bad argument, 1 for a failure at run time.
    static func runAndExit() {
        do {
            var command = try parseAsRoot()
            try command.run()
            Foundation.exit(0)
        } catch let error as CleanExit {
            AelabCommand.exit(withError: error)
        } catch let error as UsageError {
            FileHandle.standardError.write(Data("aelab: \(error.message)\n".utf8))
            Foundation.exit(2)
        } catch let interrupted as Interrupted {
            // die of the signal, so a calling shell or script sees it and stops too
            fflush(nil)  // every output stream (Swift 6 refuses libc's global stdout)
            signal(interrupted.signal, SIG_DFL)
            raise(interrupted.signal)
            Foundation.exit(128 + interrupted.signal)
        } catch let error as RunError {
            FileHandle.standardError.write(Data("aelab: \(error.message)\n".utf8))
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success { AelabCommand.exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            // argument-parser's usage errors (EX_USAGE) become 2, like most Unix tools
            Foundation.exit(code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

/// A bad argument found after parsing (a missing data file, an impossible setting).
struct UsageError: Error {
    let message: String
}

/// A failure while running (divergence, a write that failed).
struct RunError: Error {
    let message: String
}
