// The run-file commands of the real binary: train --out / --resume, export, eval, sweep and
// summarize, on the 500 sample digits with a small model.
import AutoencoderKit
import Formats
import Foundation
import Pictures
import Testing

@Suite("Run files from the command line", .enabled(if: AelabProcess.binary != nil, "the aelab binary is not built"))
struct RunFilesCommandTests {
    static let data = AelabProcess.packageRoot + "/samples/digits-500"
    static let small = ["--data", data, "--layers", "16", "--batch", "64", "--threads", "1"]

    static func lastEpoch(_ folder: String) throws -> JSONObject {
        let text = String(decoding: try AtomicFile.read(folder + "/metrics.jsonl"), as: UTF8.self)
        let records = try CSVExport.records(jsonLines: text, source: folder)
        return try #require(records.last { $0.value(for: "event") == "epoch" })
    }

    @Test("train --out, then --resume to more epochs, equals training straight through")
    func resumeFromTheCommandLine() throws {
        let root = try AelabProcess.scratch("resume")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let straight = try AelabProcess.run(["train"] + Self.small + ["--epochs", "3", "--out", root + "/straight"])
        #expect(straight.status == 0, "\(straight.errors)")
        let first = try AelabProcess.run(["train"] + Self.small + ["--epochs", "2", "--out", root + "/split"])
        #expect(first.status == 0, "\(first.errors)")
        #expect(FileManager.default.fileExists(atPath: root + "/split/checkpoint.safetensors"))
        let resumed = try AelabProcess.run([
            "train", "--resume", root + "/split", "--epochs", "3", "--threads", "1", "--out", root + "/split",
        ])
        #expect(resumed.status == 0, "\(resumed.errors)")
        #expect(resumed.output.contains("resume at epoch 2"))
        let a = try Self.lastEpoch(root + "/straight")
        let b = try Self.lastEpoch(root + "/split")
        #expect(a.value(for: "epoch") == 3 && b.value(for: "epoch") == 3)
        #expect(a.value(for: "val_bce_per_pixel") == b.value(for: "val_bce_per_pixel"))
        #expect(a.value(for: "train_bce_per_pixel") == b.value(for: "train_bce_per_pixel"))
        let checkpoints = try ["straight", "split"].map {
            try Checkpoint.read(path: root + "/\($0)/checkpoint.safetensors")
        }
        #expect(checkpoints[0].tensor(named: "decoder.0.weight") == checkpoints[1].tensor(named: "decoder.0.weight"))

        // a new learning rate on resume is recorded as a setting event
        let more = try AelabProcess.run([
            "train", "--resume", root + "/split", "--epochs", "4", "--lr", "0.0005", "--threads", "1", "--out",
            root + "/split",
        ])
        #expect(more.status == 0, "\(more.errors)")
        let text = String(decoding: try AtomicFile.read(root + "/split/metrics.jsonl"), as: UTF8.self)
        #expect(
            text.contains("{\"event\":\"setting\",\"time\":\"")
                && text.contains("Z\",\"step\":24,\"epoch\":3,\"learning_rate\":0.0005"))

        // a damaged checkpoint is refused naming the file
        try AtomicFile.write([1, 2, 3], to: root + "/bad.safetensors")
        let bad = try AelabProcess.run(["train", "--resume", root + "/bad.safetensors"])
        #expect(bad.status == 2)
        #expect(bad.errors.contains(root + "/bad.safetensors") && bad.errors.contains("not a safetensors file"))

        // export: CSV and three pictures of the expected sizes
        let export = try AelabProcess.run(["export", root + "/split", "--csv", "--png"])
        #expect(export.status == 0, "\(export.errors)")
        let csv = String(decoding: try AtomicFile.read(root + "/split/metrics.csv"), as: UTF8.self)
        #expect(csv.hasPrefix("event,time,epoch,step,train_bce_per_pixel"))
        #expect(csv.split(separator: "\n").count == 6)  // header, 4 epochs, 1 setting
        #expect(AelabProcess.pngSize(root + "/split/loss.png")! == (800, 500))
        let grid = RunPictures.gridSize(count: 16, rows: 28, columns: 28, pairsPerRow: 4, scale: 2)
        #expect(AelabProcess.pngSize(root + "/split/reconstructions.png")! == (grid.width, grid.height))
        let sheet = RunPictures.sheetSize(count: 16, rows: 28, columns: 28, scale: 2)
        #expect(AelabProcess.pngSize(root + "/split/filters.png")! == (sheet.width, sheet.height))

        // eval: both units, sparsity, the PCA reference
        let eval = try AelabProcess.run(["eval", root + "/split", "--threads", "1"])
        #expect(eval.status == 0, "\(eval.errors)")
        for phrase in ["BCE/px", "BCE/img", "MSE/px", "dead units", "PCA reference, 16 components"] {
            #expect(eval.output.contains(phrase), "missing \(phrase) in: \(eval.output)")
        }
    }

    /// Writes `root`/sweep.toml: one epoch on the sample digits, [run] lines `extra`, and `grid`.
    static func writeSweep(grid: String, in root: String, run extra: String = "") throws -> String {
        let file = root + "/sweep.toml"
        let toml = """
            [run]
            epochs = 1
            data = "\(Self.data)"
            batch = 64
            threads = 1
            out = "\(root)/runs"
            \(extra)
            [grid]
            \(grid)
            """
        try AtomicFile.write(Array(toml.utf8), to: file)
        return file
    }

    /// Runs that sweep with two jobs; returns the `summarize` lines (header first) and the
    /// runs' folder.
    static func sweep(grid: String, in root: String, run extra: String = "") throws -> (rows: [Substring], runs: String)
    {
        let ran = try AelabProcess.run(["sweep", try writeSweep(grid: grid, in: root, run: extra), "--jobs", "2"])
        #expect(ran.status == 0, "\(ran.output) \(ran.errors)")
        let summary = try AelabProcess.run(["summarize", root + "/runs"])
        #expect(summary.status == 0, "\(summary.errors)")
        return (summary.output.split(separator: "\n"), root + "/runs")
    }

    @Test("a 2x2 sweep runs as parallel processes and the summary has four rows")
    func sweep() throws {
        let root = try AelabProcess.scratch("sweep")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let grid = "seed = [1, 2]\nlr = [1e-3, 3e-3]"
        let printed = try AelabProcess.run([
            "sweep", try Self.writeSweep(grid: grid, in: root, run: "layers = \"16\""), "--print-commands",
        ])
        #expect(printed.status == 0, "\(printed.errors)")
        let lines = printed.output.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("aelab train --epochs 1 --data ") == true)
        #expect(
            lines.last?.hasSuffix("--seed 2 --lr 0.003 --name seed-2_lr-0.003 --out \(root)/runs/seed-2_lr-0.003")
                == true)

        let (rows, runs) = try Self.sweep(grid: grid, in: root, run: "layers = \"16\"")
        #expect(rows.count == 5, "\(rows)")  // header + four runs
        #expect(rows.dropFirst().allSatisfy { $0.contains("BCE/px") })
        let csv = try AelabProcess.run(["summarize", runs, "--csv"])
        #expect(csv.output.split(separator: "\n").count == 5)
        #expect(csv.output.hasPrefix("run,epochs,loss,train_loss_per_pixel,val_loss_per_pixel"))
    }

    @Test("a 2x2 sweep over presets and seeds trains each preset; the summary has four rows")
    func presetSweep() throws {
        let root = try AelabProcess.scratch("preset-sweep")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (rows, runs) = try Self.sweep(grid: "preset = [\"undercomplete\", \"sparse-l1\"]\nseed = [1, 2]", in: root)
        #expect(rows.count == 5, "\(rows)")  // header + four runs
        for name in [
            "preset-undercomplete_seed-1", "preset-undercomplete_seed-2", "preset-sparse-l1_seed-1",
            "preset-sparse-l1_seed-2",
        ] {
            #expect(rows.contains { $0.contains(name) }, "no row for \(name) in \(rows)")
        }
        // the preset's model and penalty are in force: sparse-l1 is 784-128-784 with an L1 term
        let sparse = try Self.lastEpoch(runs + "/preset-sparse-l1_seed-2")
        #expect(sparse.value(for: "epoch") == 1)
        #expect(sparse.value(for: "train_l1_penalty") != nil)
        #expect(try Self.lastEpoch(runs + "/preset-undercomplete_seed-1").value(for: "train_l1_penalty") == nil)
        let checkpoint = try Checkpoint.read(path: runs + "/preset-sparse-l1_seed-2/checkpoint.safetensors")
        #expect(checkpoint.config.architecture.description == "784-128-784")
        #expect(checkpoint.config.seed == 2 && checkpoint.config.regularization.l1 == 0.0003)
    }
}
