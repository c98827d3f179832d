// RunFolderRerunTests: `aelab train --out DIR` run again on its own folder (what a Slurm requeue
// or `parallel --resume-failed` does to a sweep cell): a complete run does nothing, one cut
// short finishes with every epoch recorded once, another run is refused; and the BLAS thread
// count taken from OPENBLAS_NUM_THREADS or the Slurm allocation.
import AutoencoderKit
import Formats
import Foundation
import TestSupport
import Testing

@Suite(
    "Run folders trained again", .serialized, .enabled(if: AelabProcess.binary != nil, "the aelab binary is not built"))
struct RunFolderRerunTests {
    static let small = [
        "train", "--data", AelabProcess.packageRoot + "/samples/digits-500", "--layers", "8", "--batch", "50",
        "--threads", "1",
    ]

    /// The epoch numbers of metrics.jsonl's epoch records, in file order.
    static func epochs(_ folder: String) throws -> [Int] {
        let path = folder + "/" + MetricsLog.fileName
        let records = try CSVExport.records(
            jsonLines: String(decoding: try AtomicFile.read(path), as: UTF8.self), source: path)
        return records.filter { $0.value(for: "event")?.stringValue == "epoch" }.compactMap {
            $0.value(for: "epoch")?.integerValue
        }
    }

    /// A whole cell: metrics has epochs 1...n once each, in order, and the checkpoint is at
    /// the end of epoch n.
    static func expectWhole(_ folder: String, epochs n: Int, _ context: String) throws {
        #expect(try epochs(folder) == Array(1...n), "\(context): \(folder) metrics epochs")
        let checkpoint = try Checkpoint.read(path: folder + "/" + Checkpoint.fileName)
        #expect(
            checkpoint.epoch == n && checkpoint.batchInEpoch == 0,
            "\(context): checkpoint at epoch \(checkpoint.epoch) batch \(checkpoint.batchInEpoch)")
    }

    /// The last epoch record's figures that do not depend on timing.
    static func lastLosses(_ folder: String) throws -> [Double] {
        let path = folder + "/" + MetricsLog.fileName
        let records = try CSVExport.records(
            jsonLines: String(decoding: try AtomicFile.read(path), as: UTF8.self), source: path)
        let last = try #require(records.last)
        return ["train_bce_per_pixel", "val_bce_per_pixel", "mean_code_activation"].compactMap {
            last.value(for: $0)?.doubleValue
        }
    }

    @Test("running train again on a complete folder does nothing, says so and leaves both files as they were")
    func completeFolderIsLeftAlone() throws {
        let root = try AelabProcess.scratch("rerun-complete")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let arguments = Self.small + ["--epochs", "2", "--out", root + "/run"]
        let first = try AelabProcess.run(arguments)
        #expect(first.status == 0, "\(first.errors)")
        let metrics = try AtomicFile.read(root + "/run/" + MetricsLog.fileName)
        let checkpoint = try AtomicFile.read(root + "/run/" + Checkpoint.fileName)
        let again = try AelabProcess.run(arguments)
        #expect(again.status == 0, "\(again.errors)")
        #expect(
            again.output.contains("nothing to do: \(root)/run already holds this run, complete at epoch 2 of 2"),
            "\(again.output)")
        #expect(!again.output.contains("epoch 1/2"))
        #expect(try AtomicFile.read(root + "/run/" + MetricsLog.fileName) == metrics)
        #expect(try AtomicFile.read(root + "/run/" + Checkpoint.fileName) == checkpoint)
    }

    @Test(
        "a folder killed between an epoch's metrics line and its checkpoint finishes with each epoch once, as an uninterrupted run ends"
    )
    func cutShortFolderResumes() throws {
        let root = try AelabProcess.scratch("rerun-cut")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let straight = try AelabProcess.run(Self.small + ["--epochs", "3", "--out", root + "/straight"])
        #expect(straight.status == 0, "\(straight.errors)")
        // The state a kill leaves after epoch 2's metrics line and before its checkpoint:
        // metrics with epochs 1 and 2, the checkpoint of epoch 1.
        let cut = root + "/cut"
        let one = try AelabProcess.run(Self.small + ["--epochs", "1", "--out", cut])
        #expect(one.status == 0, "\(one.errors)")
        let epochOne = try AtomicFile.read(cut + "/" + Checkpoint.fileName)
        let two = try AelabProcess.run(Self.small + ["--epochs", "2", "--out", cut])
        #expect(two.status == 0 && two.output.contains("cut short at epoch 1, batch 0"), "\(two.output)\(two.errors)")
        try AtomicFile.write(epochOne, to: cut + "/" + Checkpoint.fileName)
        #expect(try Self.epochs(cut) == [1, 2])

        let finish = try AelabProcess.run(Self.small + ["--epochs", "3", "--out", cut])
        #expect(finish.status == 0, "\(finish.errors)")
        #expect(
            finish.output.contains(
                "\(cut) holds this run cut short at epoch 1, batch 0: continuing from its checkpoint; 1 line past it dropped from metrics.jsonl"
            ), "\(finish.output)")
        try Self.expectWhole(cut, epochs: 3, "resumed")
        #expect(try Self.lastLosses(cut) == Self.lastLosses(root + "/straight"))
    }

    @Test("a folder holding another run is refused naming the folder and what differs; --overwrite replaces it")
    func otherRunIsRefused() throws {
        let root = try AelabProcess.scratch("rerun-other")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/run"
        let first = try AelabProcess.run(Self.small + ["--epochs", "1", "--seed", "1", "--out", folder])
        #expect(first.status == 0, "\(first.errors)")
        let metrics = try AtomicFile.read(folder + "/" + MetricsLog.fileName)
        let other = try AelabProcess.run(Self.small + ["--epochs", "1", "--seed", "2", "--out", folder])
        #expect(other.status == 2)
        #expect(
            other.errors.contains(
                "--out: \(folder) holds another run: its run differs from this command's in seed. Give another --out, or --overwrite to replace it"
            ), "\(other.errors)")
        #expect(try AtomicFile.read(folder + "/" + MetricsLog.fileName) == metrics)
        let fewer = try AelabProcess.run(Self.small + ["--epochs", "0", "--seed", "1", "--out", folder])
        #expect(
            fewer.status == 2 && fewer.errors.contains("has trained 1 epochs, more than the 0 asked for"),
            "\(fewer.errors)")

        let replaced = try AelabProcess.run(
            Self.small + ["--epochs", "1", "--seed", "2", "--out", folder, "--overwrite"])
        #expect(replaced.status == 0, "\(replaced.errors)")
        #expect(replaced.output.contains("removed \(folder)/metrics.jsonl (--overwrite)"))
        try Self.expectWhole(folder, epochs: 1, "overwritten")
        #expect(try Checkpoint.read(path: folder + "/" + Checkpoint.fileName).config.seed == 2)
    }

    @Test(
        "BLAS threads follow OPENBLAS_NUM_THREADS, then SLURM_CPUS_PER_TASK, then 2; --threads overrides",
        arguments: [
            (["OPENBLAS_NUM_THREADS=1", "SLURM_CPUS_PER_TASK=2"], [String](), "1 BLAS thread\n"),
            (["SLURM_CPUS_PER_TASK=1"], [], "1 BLAS thread\n"),
            ([], [], "2 BLAS threads\n"),
            (["OPENBLAS_NUM_THREADS=1"], ["--threads", "2"], "2 BLAS threads\n"),
        ])
    func threadsFromEnvironment(environment: [String], flags: [String], expected: String) throws {
        let binary = try #require(AelabProcess.binary)
        let command =
            ["-u", "OPENBLAS_NUM_THREADS", "-u", "SLURM_CPUS_PER_TASK"] + environment
            + [binary, "train", "--epochs", "0", "--data", AelabProcess.packageRoot + "/samples/digits-500"] + flags
        let result = try ChildProcess.run("/usr/bin/env", command)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains(expected), "\(environment) \(flags): \(result.output)")
    }

    @Test("a thread count in the environment that is not 1 to 256 is refused naming the variable")
    func badThreadVariable() throws {
        let binary = try #require(AelabProcess.binary)
        let result = try ChildProcess.run(
            "/usr/bin/env",
            ["-u", "OPENBLAS_NUM_THREADS", "SLURM_CPUS_PER_TASK=zero", binary, "train", "--epochs", "0"])
        #expect(result.status == 2)
        #expect(
            result.errors.contains(
                "SLURM_CPUS_PER_TASK=zero is not a thread count between 1 and 256; unset it or give --threads"),
            "\(result.errors)")
    }
}
