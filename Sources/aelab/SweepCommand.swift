// SweepCommand: `aelab sweep FILE.toml`: a grid of training runs (format in SweepPlan.swift),
// run here as parallel child processes of this binary, one cell by number (--cell N, what a
// Slurm array task or a GNU parallel job runs), or handed to a job runner (--emit slurm or
// parallel, SweepScripts.swift; --print-commands for any other).
import ArgumentParser
import AutoencoderKit
import Formats
import Foundation
import Synchronization

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
            On a cluster: aelab sweep FILE --emit slurm > sweep.sbatch; sbatch sweep.sbatch. With \
            GNU parallel: eval "$(aelab sweep FILE --emit parallel)". Each job runs --cell N; a \
            cell run again finishes what is missing (complete: nothing; cut short: resumed).
            """)

    @Argument(help: "The sweep file.")
    var file: String
    @Option(help: "Cells to run at once, as child processes here (or by GNU parallel, with --emit parallel).")
    var jobs: Int = 1
    @Flag(name: .customLong("print-commands"), help: "Print one `aelab train ...` line per cell and run nothing.")
    var printCommands = false
    @Option(help: "Run only cell N (1 to the number of cells, in --print-commands order), output to this terminal.")
    var cell: Int?
    @Option(
        help:
            "Print a script for a job runner and run nothing: slurm (an sbatch array script) or parallel (a GNU parallel line with a --joblog)."
    )
    var emit: SweepEmitTarget?
    @Option(name: .customLong("cpus-per-task"), help: "With --emit slurm: CPUs per array task (aelab's threads).")
    var cpusPerTask: Int = 2

    func run() throws {
        if jobs < 1 || jobs > 256 { throw UsageError(message: "--jobs must be between 1 and 256, got \(jobs)") }
        let text: String
        do { text = String(decoding: try AtomicFile.read(file), as: UTF8.self) } catch {
            throw UsageError(message: "\(error)")
        }
        let plan: SweepPlan
        do { plan = try SweepPlan.parse(text, file: file) } catch { throw UsageError(message: "\(error)") }
        if cell != nil && (emit != nil || printCommands) {
            throw UsageError(message: "--cell runs one cell; give it without --emit and --print-commands")
        }
        if printCommands {
            for cell in plan.cells { print(cell.commandLine()) }
            return
        }
        if let cell { try runCell(cell, of: plan) }
        if let emit {
            try emitScript(emit, for: plan)
            return
        }
        let program = Bundle.main.executablePath ?? CommandLine.arguments[0]
        print("sweep: \(plan.cells.count) runs, \(jobs) at a time, into \(plan.out)/")
        let failures = try SweepRunner(program: program, jobs: jobs).run(plan.cells)
        if !failures.isEmpty {
            throw RunError(
                message:
                    "\(failures.count) of \(plan.cells.count) runs failed: \(failures.joined(separator: ", ")) (see train.log in their folders)"
            )
        }
        print("all \(plan.cells.count) runs finished; summarize with: aelab summarize \(plan.out)")
    }
}

extension SweepCommand {
    /// Replaces this process with cell `number`'s `aelab train`, so signals (Slurm's SIGTERM
    /// on requeue or cancel) reach the training directly and its exit status is the job's.
    func runCell(_ number: Int, of plan: SweepPlan) throws -> Never {
        guard (1...plan.cells.count).contains(number) else {
            throw UsageError(message: "--cell \(number): \(file) has cells 1 to \(plan.cells.count)")
        }
        let cell = plan.cells[number - 1]
        print("sweep \(file) cell \(number) of \(plan.cells.count): \(cell.name) in \(cell.outputFolder)")
        fflush(nil)  // every output stream (Swift 6 refuses libc's global stdout)
        let program = Bundle.main.executablePath ?? CommandLine.arguments[0]
        var arguments = ([program] + cell.arguments).map { strdup($0) }
        arguments.append(nil)
        execv(program, &arguments)
        throw RunError(message: "cannot start \(program): \(String(cString: strerror(errno)))")
    }

    /// Prints the job runner's script, after creating the sweep's out folder (where Slurm's
    /// output files and parallel's joblog go).
    func emitScript(_ target: SweepEmitTarget, for plan: SweepPlan) throws {
        if cpusPerTask < 1 || cpusPerTask > 256 {
            throw UsageError(message: "--cpus-per-task must be between 1 and 256, got \(cpusPerTask)")
        }
        let here = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : here + "/" + path }
        do {
            try FileManager.default.createDirectory(atPath: plan.out, withIntermediateDirectories: true)
        } catch {
            throw RunError(message: "cannot create \(plan.out): \(error.localizedDescription)")
        }
        let setting = SweepJobSetting(
            program: absolute(Bundle.main.executablePath ?? CommandLine.arguments[0]), sweepFile: absolute(file),
            workingDirectory: here, cpusPerTask: cpusPerTask, jobs: jobs)
        switch target {
        case .slurm: print(SweepScripts.slurm(plan, setting), terminator: "")
        case .parallel: print(SweepScripts.parallel(plan, setting), terminator: "")
        }
    }
}

/// The job runners `aelab sweep --emit` writes for.
enum SweepEmitTarget: String, ExpressibleByArgument, CaseIterable {
    case slurm, parallel
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
            // appended: a cell run again (complete, or resumed) keeps its earlier output
            guard RunFolder.exists(logPath) || FileManager.default.createFile(atPath: logPath, contents: nil),
                let log = FileHandle(forWritingAtPath: logPath)
            else { throw RunError(message: "cannot create \(logPath)") }
            log.seekToEndOfFile()
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
final class FailureList: Sendable {
    private let list = Mutex<[String]>([])

    func add(_ name: String) { list.withLock { $0.append(name) } }

    var names: [String] { list.withLock { $0 } }
}
