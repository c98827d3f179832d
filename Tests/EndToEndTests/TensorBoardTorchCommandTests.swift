// The real binary's run folder read by other tools: TensorBoard's own event reader
// (EventAccumulator) finds every epoch's scalars with the values metrics.jsonl holds and the
// probe reconstructions as images; `aelab export --torch` then `aelab import` rebuild a
// checkpoint with the same weights, and a bad state dict is refused with nothing written.
// Needs python3 with tensorboard (`make deps` installs it).
import AutoencoderKit
import Formats
import Foundation
import TestSupport
import Testing

@Suite(
    "TensorBoard and PyTorch files from the command line",
    .enabled(if: AelabProcess.binary != nil, "the aelab binary is not built"))
struct TensorBoardTorchCommandTests {
    static let hasTensorBoard =
        (try? ChildProcess.run("/usr/bin/env", ["python3", "-c", "import tensorboard"]))?.status == 0

    @Test(
        "TensorBoard's event reader finds each epoch's scalars, with metrics.jsonl's values, and the reconstructions",
        .enabled(if: hasTensorBoard, "python3 cannot import tensorboard (make deps installs it with pip)"))
    func eventsReadByTensorBoard() throws {
        let root = try AelabProcess.scratch("tb")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = root + "/run"
        let train = try AelabProcess.run(
            ["train"] + RunFilesCommandTests.small + ["--epochs", "2", "--l1", "0.001", "--out", run])
        #expect(train.status == 0, "\(train.errors)")
        #expect(FileManager.default.fileExists(atPath: run + "/config.json"))
        let config = try JSONDecoder().decode(
            TrainingConfig.self, from: Data(try AtomicFile.read(run + "/config.json")))
        #expect(config.regularization.l1 == 0.001 && config.architecture.encoderSizes == [16])
        let text = String(decoding: try AtomicFile.read(run + "/metrics.jsonl"), as: UTF8.self)
        let records = try CSVExport.records(jsonLines: text, source: run).filter { $0.value(for: "event") == "epoch" }
        #expect(records.count == 2)
        for record in records {
            let time = record.value(for: "time")?.stringValue ?? ""
            #expect(time.count == 24 && time.hasSuffix("Z") && time.dropFirst(10).hasPrefix("T"), "time \(time)")
        }
        let script = """
            import json, sys
            from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
            ea = EventAccumulator(sys.argv[1], size_guidance={"scalars": 0, "images": 0})
            ea.Reload()
            tags = ea.Tags()
            print(json.dumps({
                "scalars": {t: [[e.step, e.value] for e in ea.Scalars(t)] for t in tags["scalars"]},
                "images": [[e.step, e.width, e.height, e.encoded_image_string[:8].hex()] for e in ea.Images("reconstructions/probe")],
            }))
            """
        let read = try ChildProcess.run("/usr/bin/env", ["python3", "-c", script, run])
        #expect(read.status == 0, "python failed: \(read.errors)")
        let json = try #require(try JSONParser.parse(Array(read.output.utf8)).objectValue)
        let scalars = try #require(json.value(for: "scalars")?.objectValue)
        for tag in [
            "train/bce_per_pixel", "train/l1_penalty", "train/total", "val/bce_per_image", "code/mean_code_activation",
        ] {
            let key = tag.hasPrefix("code/") ? String(tag.dropFirst(5)) : tag.replacingOccurrences(of: "/", with: "_")
            let points = (scalars.value(for: tag)?.arrayValue ?? []).compactMap {
                $0.arrayValue?.compactMap(\.doubleValue)
            }
            #expect(points.map { $0.first ?? 0 } == [1, 2], "\(tag) steps")
            for (point, record) in zip(points, records) {
                let expected = try #require(record.value(for: key)?.doubleValue, "\(key) in metrics.jsonl")
                #expect(Float(point[1]) == Float(expected), "\(tag) at epoch \(point[0])")
            }
        }
        let images = (json.value(for: "images")?.arrayValue ?? []).map { $0.arrayValue ?? [] }
        #expect(images.count == 2)
        let picture = try #require(
            AelabProcess.run(["export", run, "--png"]).status == 0
                ? AelabProcess.pngSize(run + "/reconstructions.png") : nil)
        for image in images {
            #expect(image[1].doubleValue == Double(picture.width) && image[2].doubleValue == Double(picture.height))
            #expect(image[3].stringValue == "89504e470d0a1a0a", "a PNG")
        }
    }

    @Test("export --torch then import gives a checkpoint with the same weights; a bad state dict writes nothing")
    func exportImport() throws {
        let root = try AelabProcess.scratch("torch")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = root + "/run"
        let train = try AelabProcess.run(
            ["train"] + RunFilesCommandTests.small + ["--epochs", "1", "--layers", "12,4", "--tied", "--out", run])
        #expect(train.status == 0, "\(train.errors)")
        let export = try AelabProcess.run(["export", run, "--torch"])
        #expect(export.status == 0, "\(export.errors)")
        let stateDict = run + "/" + TorchStateDict.fileName
        let imported = try AelabProcess.run([
            "import", stateDict, "--out", root + "/imported", "--data", RunFilesCommandTests.data,
        ])
        #expect(imported.status == 0, "\(imported.errors)")
        let a = try Checkpoint.read(path: run + "/" + Checkpoint.fileName)
        let b = try Checkpoint.read(path: root + "/imported/" + Checkpoint.fileName)
        #expect(b.config.architecture == a.config.architecture && b.config.architecture.tiedWeights)
        for name in ["encoder.0.weight", "encoder.1.bias", "decoder.0.bias", "decoder.1.bias"] {
            #expect(a.tensor(named: name) != nil && a.tensor(named: name) == b.tensor(named: name), "\(name)")
        }
        #expect(b.epoch == 0)
        let again = try AelabProcess.run([
            "import", stateDict, "--out", root + "/imported", "--data", RunFilesCommandTests.data,
        ])
        #expect(again.status == 2 && again.errors.contains("exists"))

        try AtomicFile.write(Array(try AtomicFile.read(stateDict).dropLast(7)), to: root + "/cut.safetensors")
        let cut = try AelabProcess.run([
            "import", root + "/cut.safetensors", "--out", root + "/never", "--data", RunFilesCommandTests.data,
        ])
        #expect(cut.status == 1 && cut.errors.contains(root + "/cut.safetensors"), "\(cut.errors)")
        #expect(!FileManager.default.fileExists(atPath: root + "/never"))

        let sparse = try AelabProcess.run(
            ["train"] + RunFilesCommandTests.small + ["--epochs", "1", "--k-sparse", "4", "--out", root + "/sparse"])
        #expect(sparse.status == 0, "\(sparse.errors)")
        let refused = try AelabProcess.run(["export", root + "/sparse", "--torch"])
        #expect(refused.status == 1 && refused.errors.contains("k-sparse"), "\(refused.errors)")
        #expect(!FileManager.default.fileExists(atPath: root + "/sparse/" + TorchStateDict.fileName))
    }
}
