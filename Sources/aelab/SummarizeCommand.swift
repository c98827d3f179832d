// SummarizeCommand: `aelab summarize DIR`: the final results of every run below DIR.
import ArgumentParser
import AutoencoderKit
import Foundation

struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Print a table (or CSV) of the final results of every run's metrics.jsonl below a folder.")

    @Argument(help: "A folder of runs, e.g. a sweep's out folder.")
    var folder: String
    @Flag(help: "Print CSV instead of a table.")
    var csv = false

    func run() throws {
        guard RunFolder.exists(folder) else { throw UsageError(message: "\(folder) does not exist") }
        let runs: [RunSummary]
        do { runs = try RunSummary.collect(in: folder) } catch { throw RunError(message: "\(error)") }
        guard !runs.isEmpty || csv else {
            throw RunError(message: "no \(MetricsLog.fileName) below \(folder)")
        }
        print(csv ? RunSummary.csv(runs) : RunSummary.table(runs), terminator: "")
    }
}
