// HeadlessDiskFullTests: `aelab train --out` when its files cannot grow: under a file-size limit
// (ulimit -f, EFBIG) every epoch's save fails, the run goes on to the end, the previous
// checkpoint stays, and a metrics line cut by the limit is removed so the file ends whole.
import AutoencoderKit
import Formats
import Foundation
import TestSupport
import Testing

@Suite("Headless training on a full disk", .enabled(if: AelabProcess.binary != nil, "the aelab binary is not built"))
struct HeadlessDiskFullTests {
    /// Runs `aelab arguments...` under `ulimit -f blocks` (/bin/sh counts 512-byte blocks).
    static func run(limit blocks: Int, _ arguments: [String]) throws -> ChildProcess.Result {
        let binary = try #require(AelabProcess.binary)
        let quoted = ([binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try ChildProcess.run("/bin/sh", ["-c", "ulimit -f \(blocks); exec \(quoted)"])
    }

    @Test("a failed save is reported each epoch, training goes on, the previous checkpoint stays; exit 1")
    func checkpointCannotGrow() throws {
        let root = try AelabProcess.scratch("efbig")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/run"
        let data = ["--data", HeadlessSignalTests.data, "--threads", "1"]
        let first = try AelabProcess.run(["train"] + data + ["--epochs", "1", "--out", folder])
        #expect(first.status == 0, "\(first.errors)")
        let before = try AtomicFile.read(folder + "/checkpoint.safetensors")

        // 300 KiB: the metrics lines fit, a 616 KB checkpoint does not
        let limited = try Self.run(
            limit: 300, ["train", "--resume", folder, "--epochs", "3", "--threads", "1", "--out", folder])
        #expect(limited.status == 1, "\(limited.output)\(limited.errors)")
        #expect(
            limited.output.contains("epoch 2/3") && limited.output.contains("epoch 3/3"),
            "training did not go on:\n\(limited.output)")
        for epoch in [2, 3] {
            #expect(
                limited.errors.contains(
                    "aelab: epoch \(epoch) not saved, training goes on (the previous checkpoint is kept): cannot save checkpoint: cannot write \(folder)/checkpoint.safetensors: File too large (EFBIG)"
                ), "\(limited.errors)")
        }
        #expect(limited.errors.contains("training finished, but the last epoch was not saved"))
        #expect(try AtomicFile.read(folder + "/checkpoint.safetensors") == before, "the previous checkpoint changed")
        #expect(HeadlessSignalTests.temporaries(folder).isEmpty, "a failed write left its temporary file")
        let lines = String(decoding: try AtomicFile.read(folder + "/metrics.jsonl"), as: UTF8.self).split(
            separator: "\n")
        #expect(lines.count == 3, "metrics lines of epochs 1-3 expected:\n\(lines.joined(separator: "\n"))")
    }

    @Test("a metrics line cut by the limit is removed: the file ends on its last complete line")
    func metricsLineCutBack() throws {
        let root = try AelabProcess.scratch("efbig-metrics")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/run"
        // 1 KiB (two 512-byte blocks) holds one or two metrics lines (480-590 bytes each, the
        // numbers' digits vary); the next is cut part-way
        let limited = try Self.run(
            limit: 2, ["train", "--data", HeadlessSignalTests.data, "--threads", "1", "--epochs", "4", "--out", folder])
        #expect(limited.status == 1)
        #expect(
            limited.errors.contains("cannot write \(folder)/metrics.jsonl: File too large (EFBIG)"), "\(limited.errors)"
        )
        let text = String(decoding: try AtomicFile.read(folder + "/metrics.jsonl"), as: UTF8.self)
        #expect(text.hasSuffix("\n"), "metrics.jsonl ends mid-line: \(text.suffix(80))")
        // without the cut the file would fill the limit exactly: 1024 bytes, the last line torn
        #expect(text.utf8.count < 1024, "\(text.utf8.count) bytes")
        let records = try CSVExport.records(jsonLines: text, source: folder)
        #expect(!records.isEmpty && records.count == text.split(separator: "\n").count, "\(text)")
        // epoch 1 always fits; a later line cut off leaves room for a shorter one after it, so
        // epochs may skip but never repeat or go back
        let epochs = records.compactMap { record -> Int? in
            if case .integer(let epoch)? = record.value(for: "epoch") { return epoch }
            return nil
        }
        #expect(epochs.first == 1 && epochs.count == records.count, "\(text)")
        #expect(zip(epochs, epochs.dropFirst()).allSatisfy { $0 < $1 }, "\(text)")
    }
}
