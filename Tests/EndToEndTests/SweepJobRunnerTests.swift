// SweepJobRunnerTests: sweeps run by real job runners. GNU parallel runs the line
// `aelab sweep --emit parallel` prints, a failed cell is retried by running it again; a private
// single-node Slurm (scripts/slurm-local.sh: its own munged, slurmctld and slurmd on loopback,
// started and stopped here) runs the `--emit slurm` array script, one task is killed mid-run
// and requeued. Every cell must end whole: one metrics line per epoch, checkpoint at the last.
import AutoencoderKit
import Formats
import Foundation
import TestSupport
import Testing

@Suite(
    "Sweeps through job runners", .serialized, .enabled(if: AelabProcess.binary != nil, "the aelab binary is not built")
)
struct SweepJobRunnerTests {
    /// A two-cell sweep file in `root`, writing to root/runs.
    static func writeSweep(in root: String, epochs: Int) throws -> String {
        let text = """
            [run]
            epochs = \(epochs)
            data = "\(AelabProcess.packageRoot)/samples/digits-500"
            layers = "8"
            batch = 50
            out = "runs"
            [grid]
            seed = [1, 2]

            """
        let path = root + "/sweep.toml"
        try AtomicFile.write(Array(text.utf8), to: path)
        return path
    }

    /// The programs of `programs` found in none of the usual folders.
    static func missing(_ programs: [String]) -> [String] {
        programs.filter { name in
            !["/usr/bin/", "/usr/sbin/", "/bin/"].contains { FileManager.default.isExecutableFile(atPath: $0 + name) }
        }
    }

    /// `aelab summarize runs` lists both cells with all their epochs.
    static func expectSummary(in root: String, epochs: Int) throws {
        let summary = try AelabProcess.run(["summarize", "runs"], in: root)
        #expect(summary.status == 0, "\(summary.errors)")
        let rows = summary.output.split(separator: "\n").dropFirst().map {
            $0.split(separator: " ").prefix(2).joined(separator: " ")
        }
        #expect(rows == ["seed-1 \(epochs)", "seed-2 \(epochs)"], "\(summary.output)")
    }

    /// Polls `condition` every 0.1 s for up to `seconds`.
    static func eventually(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(100_000)
        }
        return try condition()
    }

    @Test("a sweep through GNU parallel: a failed cell is retried by the same line, the finished one is not run again")
    func parallelSweep() throws {
        let missing = Self.missing(["parallel"])
        try #require(missing.isEmpty, "GNU parallel is not installed (make deps installs it)")
        let root = try AelabProcess.scratch("sweep-parallel")
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try Self.writeSweep(in: root, epochs: 2)
        let emitted = try AelabProcess.run(["sweep", "sweep.toml", "--emit", "parallel", "--jobs", "2"], in: root)
        #expect(emitted.status == 0, "\(emitted.errors)")
        let line = emitted.output.trimmingCharacters(in: .newlines)
        #expect(line.contains("parallel --jobs 2 --joblog runs/parallel.joblog --resume-failed"), "\(line)")
        #expect(line.hasSuffix("sweep \(root)/sweep.toml --cell {} ::: 1 2"), "\(line)")

        // Cell 2 fails the first time: its folder's place is taken by a file.
        try AtomicFile.write([], to: root + "/runs/seed-2")
        let first = try ChildProcess.run("/bin/sh", ["-c", line])
        #expect(first.status == 1, "parallel exits with the number of failed jobs:\n\(first.output)\(first.errors)")
        #expect(first.errors.contains("runs/seed-2 exists and is not a folder"), "\(first.errors)")
        try RunFolderRerunTests.expectWhole(root + "/runs/seed-1", epochs: 2, "first pass")

        try FileManager.default.removeItem(atPath: root + "/runs/seed-2")
        let retry = try ChildProcess.run("/bin/sh", ["-c", line])
        #expect(retry.status == 0, "\(retry.output)\(retry.errors)")
        #expect(retry.output.contains("2\tepoch 2/2"), "\(retry.output)")
        #expect(!retry.output.contains("1\tsweep"), "cell 1 ran again:\n\(retry.output)")
        for cell in ["seed-1", "seed-2"] {
            try RunFolderRerunTests.expectWhole(root + "/runs/" + cell, epochs: 2, "after the retry")
        }
        let joblog = String(decoding: try AtomicFile.read(root + "/runs/parallel.joblog"), as: UTF8.self)
        let exits = joblog.split(separator: "\n").dropFirst().map { $0.split(separator: "\t") }.map {
            "cell \($0[0]) exit \($0[6])"
        }
        #expect(exits.sorted() == ["cell 1 exit 0", "cell 2 exit 0", "cell 2 exit 2"], "\(joblog)")

        let again = try AelabProcess.run(["sweep", "sweep.toml", "--cell", "1"], in: root)
        #expect(
            again.status == 0 && again.output.contains("nothing to do: runs/seed-1 already holds this run"),
            "\(again.output)\(again.errors)")
        try Self.expectSummary(in: root, epochs: 2)
    }

    @Test(
        "a sweep through a single-node Slurm: one task killed mid-run and requeued, every cell ends whole",
        .enabled(if: getuid() == 0, "starting slurmd (it runs jobs as their user) needs root"))
    func slurmSweep() throws {
        let missing = Self.missing(["munged", "slurmctld", "slurmd", "sbatch", "scontrol"])
        try #require(
            missing.isEmpty,
            "not installed: \(missing.joined(separator: ", ")) (make deps installs slurm-wlm and munge)")
        let root = try AelabProcess.scratch("sweep-slurm")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cluster = root + "/slurm"
        let script = AelabProcess.packageRoot + "/scripts/slurm-local.sh"
        let started = try ChildProcess.run("/bin/bash", [script, "start", cluster])
        defer { _ = try? ChildProcess.run("/bin/bash", [script, "stop", cluster]) }
        try #require(started.status == 0, "Slurm did not start:\n\(started.output)\(started.errors)")
        func slurm(_ command: [String]) throws -> ChildProcess.Result {
            try ChildProcess.run(
                "/usr/bin/env", ["-u", "OPENBLAS_NUM_THREADS", "SLURM_CONF=\(cluster)/slurm.conf"] + command)
        }

        // A cell long enough to be killed mid-run: 784-8-784 on digits-500 takes 0.05 s an epoch
        // with its checkpoint in a release build (150 epochs: 7.3 s) and 2-3 s in a debug build
        // (measured on 2 busy cores).
        let epochs = (AelabProcess.binary ?? "").contains("/debug/") ? 6 : 100
        _ = try Self.writeSweep(in: root, epochs: epochs)
        let emitted = try AelabProcess.run(
            ["sweep", "sweep.toml", "--emit", "slurm", "--cpus-per-task", "1"], in: root)
        #expect(emitted.status == 0, "\(emitted.errors)")
        for directive in [
            "#SBATCH --array=1-2", "#SBATCH --cpus-per-task=1", "#SBATCH --requeue", "#SBATCH --chdir=\(root)",
        ] {
            #expect(emitted.output.contains(directive + "\n"), "\(directive) missing:\n\(emitted.output)")
        }
        try AtomicFile.write(Array(emitted.output.utf8), to: root + "/sweep.sbatch")
        let submitted = try slurm(["sbatch", "--parsable", root + "/sweep.sbatch"])
        try #require(submitted.status == 0, "sbatch: \(submitted.errors)")
        let job = submitted.output.trimmingCharacters(in: .whitespacesAndNewlines)
        func states() throws -> [String: String] {
            let listing = try slurm(["squeue", "-h", "-r", "-t", "all", "-j", job, "-o", "%K %T"]).output
            return Dictionary(
                listing.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter {
                    $0.count == 2
                }.map { ($0[0], $0[1]) }, uniquingKeysWith: { $1 })
        }

        // Kill task 1's aelab (the batch step execs it) once it has a checkpoint, then requeue it.
        let firstCell = root + "/runs/seed-1/" + MetricsLog.fileName
        // (the checkpoint is written after the epoch's metrics line: waiting for the line alone
        // let a loaded machine kill the task between the two, and the run rightly started over)
        let checkpoint = root + "/runs/seed-1/" + Checkpoint.fileName
        let trained = Self.eventually(seconds: 60) {
            ((try? RunFolderRerunTests.epochs(root + "/runs/seed-1")) ?? []).count >= 1
                && FileManager.default.fileExists(atPath: checkpoint)
        }
        let whileTraining = try states()
        try #require(trained, "task 1 wrote no epoch in 60 s: \(whileTraining); \(firstCell)")
        let killed = try slurm(["scancel", "--batch", "--signal=KILL", "\(job)_1"])
        #expect(killed.status == 0, "scancel: \(killed.errors)")
        let ended = try Self.eventually(seconds: 30) {
            ["FAILED", "CANCELLED", "COMPLETED"].contains(try states()["1"] ?? "")
        }
        let afterKill = try states()
        #expect(ended && afterKill["1"] == "FAILED", "task 1 after SIGKILL: \(afterKill)")
        let requeued = try slurm(["scontrol", "requeue", "\(job)_1"])
        #expect(requeued.status == 0, "scontrol requeue: \(requeued.errors)")

        let finished = try Self.eventually(seconds: 120) { try states().values.sorted() == ["COMPLETED", "COMPLETED"] }
        let atEnd = try states()
        #expect(finished, "tasks: \(atEnd)")
        let log = String(decoding: (try? AtomicFile.read(root + "/runs/slurm-\(job)_1.out")) ?? [], as: UTF8.self)
        #expect(log.contains("runs/seed-1 holds this run cut short at epoch"), "task 1 did not resume:\n\(log)")
        #expect(log.contains("1 BLAS thread\n"), "threads are not the allocation's:\n\(log)")
        for cell in ["seed-1", "seed-2"] {
            try RunFolderRerunTests.expectWhole(root + "/runs/" + cell, epochs: epochs, "after the requeue")
        }
        try Self.expectSummary(in: root, epochs: epochs)
    }
}
