// SweepCommand: `aelab sweep FILE.toml`: a grid of training runs (format in SweepPlan.swift),
// run here as parallel child processes of this binary, or printed one command per line for
// any job runner (xargs -P, GNU parallel, a Slurm array).
import ArgumentParser
import AutoencoderKit
import Foundation

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a grid of experiments from a TOML file.",
        discussion: """
            FILE.toml has a [run] table of flags for every cell (out = "FOLDER" required) and a \
            [grid] table of lists; every combination is one `aelab train` run, e.g.
              [run]
              epochs = 2
              data = "digits"
              out = "runs/sweep"
              [grid]
              seed = [1, 2]
              lr = [1e-3, 3e-3]
            Each cell writes to out/<cell name> (e.g. runs/sweep/seed-1_lr-0.001) and its output \
            to train.log there. Then: aelab summarize runs/sweep
            """)

    @Argument(help: "The sweep file.")
    var file: String
    @Option(help: "Cells to run at once, as child processes.")
    var jobs: Int = 1
    @Flag(name: .customLong("print-commands"), help: "Print one `aelab train ...` line per cell and run nothing.")
    var printCommands = false

    func run() throws {
        if jobs < 1 || jobs > 256 { throw UsageError(message: "--jobs must be between 1 and 256, got \(jobs)") }
        let text: String
        do { text = String(decoding: try AtomicFile.read(file), as: UTF8.self) } catch { throw UsageError(message: "\(error)") }
        let plan: SweepPlan
        do { plan = try SweepPlan.parse(text, file: file) } catch { throw UsageError(message: "\(error)") }
        if printCommands {
            for cell in plan.cells { print(cell.commandLine()) }
            return
        }
        let program = Bundle.main.executablePath ?? CommandLine.arguments[0]
        print("sweep: \(plan.cells.count) runs, \(jobs) at a time, into \(plan.out)/")
        let failures = try SweepRunner(program: program, jobs: jobs).run(plan.cells)
        if !failures.isEmpty {
            throw RunError(message: "\(failures.count) of \(plan.cells.count) runs failed: \(failures.joined(separator: ", ")) (see train.log in their folders)")
        }
        print("all \(plan.cells.count) runs finished; summarize with: aelab summarize \(plan.out)")
    }
}

/// Runs sweep cells as child processes, at most `jobs` at once.
struct SweepRunner {
    let program: String
    let jobs: Int

    /// - Returns: names of the cells whose process failed.
    func run(_ cells: [SweepCell]) throws -> [String] {
        let slots = DispatchSemaphore(value: jobs)
        let group = DispatchGroup()
        let failures = FailureList()
        for cell in cells {
            try FileManager.default.createDirectory(atPath: cell.outputFolder, withIntermediateDirectories: true)
            let logPath = cell.outputFolder + "/train.log"
            guard FileManager.default.createFile(atPath: logPath, contents: nil),
                let log = FileHandle(forWritingAtPath: logPath)
            else { throw RunError(message: "cannot create \(logPath)") }
            slots.wait()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = cell.arguments
            process.standardOutput = log
            process.standardError = log
            group.enter()
            process.terminationHandler = { finished in
                let ok = finished.terminationReason == .exit && finished.terminationStatus == 0
                if !ok { failures.add(cell.name) }
                print("\(ok ? "done" : "FAILED") \(cell.name)")
                try? log.close()
                slots.signal()
                group.leave()
            }
            do {
                try process.run()
            } catch {
                group.leave()
                slots.signal()
                throw RunError(message: "cannot start \(program): \(error.localizedDescription)")
            }
        }
        group.wait()
        return failures.names.sorted()
    }
}

/// Names of failed cells, appended from process termination handlers.
final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []

    func add(_ name: String) {
        lock.lock()
        list.append(name)
        lock.unlock()
    }

    var names: [String] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
}
