// Report pictures decode as PNG (with the independent TestPNG reader) at the expected sizes,
// and the metrics log writes the records they are drawn from.
import Foundation
import TestSupport
import Testing

@testable import AutoencoderKit
@testable import Formats
@testable import Pictures

@Suite("Run pictures and metrics log")
struct RunPicturesTests {
    @Test("the loss chart of metrics records decodes at its size and shows both curves")
    func lossChart() throws {
        let trainer = try Trainer(config: CheckpointTests.config(), dataset: CheckpointTests.data)
        var records: [JSONObject] = []
        for _ in 0..<3 { records.append(MetricsLog.record(try trainer.trainEpoch())) }
        records.insert(SettingChange(trainer: trainer, name: "learning_rate", value: 1e-4).record, at: 2)
        let chart = try #require(RunPictures.lossChart(records: records, title: "ckpt", width: 640, height: 400))
        let png = try TestPNG(chart.pngBytes())
        #expect(png.width == 640 && png.height == 400 && png.colourType == 2)
        let colours = Set(
            stride(from: 0, to: png.pixels.count, by: 3).map {
                RGB(png.pixels[$0], png.pixels[$0 + 1], png.pixels[$0 + 2])
            })
        #expect(colours.contains(RunPictures.trainColor) && colours.contains(RunPictures.validationColor))
        #expect(RunPictures.lossChart(records: [["event": "setting"]], title: "x") == nil)
    }

    @Test("the reconstruction grid holds input | reconstruction pairs at the expected size")
    func grid() throws {
        let inputs = (0..<6).map { n in [UInt8](repeating: UInt8(40 * n), count: 784) }
        let outputs = inputs.map { $0.map { 255 - $0 } }
        let canvas = RunPictures.reconstructionGrid(
            inputs: inputs, reconstructions: outputs, rows: 28, columns: 28, pairsPerRow: 4, scale: 2)
        let png = try TestPNG(canvas.pngBytes())
        // 2 margins + 4 cells of (2·56 + 2) + 3 gaps; 2 margins + caption + 2 rows of 56 + 1 gap
        #expect(png.width == 16 + 4 * 114 + 30 && png.height == 16 + 13 + 112 + 10)
        let top = 8 + 13
        #expect(canvas.color(x: 8 + 114 + 10, y: top) == RGB(40, 40, 40))  // input of pair 2
        #expect(canvas.color(x: 8 + 114 + 10 + 58, y: top) == RGB(215, 215, 215))  // its reconstruction
    }

    @Test("filters are normalized per tile, UFLDL style, on a sheet of the expected size")
    func filters() throws {
        let filter: [Float] = (0..<784).map { $0 == 0 ? 10 : ($0 == 1 ? -10 : 0) }
        let canvas = RunPictures.filterSheet(
            filters: Array(repeating: filter, count: 10), rows: 28, columns: 28, scale: 1)
        let png = try TestPNG(canvas.pngBytes())
        #expect(png.width == 4 * 28 + 5 && png.height == 3 * 28 + 4)  // 4 across, 3 down, 1-px borders
        #expect(canvas.color(x: 1, y: 1) == .white && canvas.color(x: 2, y: 1) == .black)
        #expect(canvas.color(x: 5, y: 5) == RGB(128, 128, 128))  // the mean maps to mid-grey
        #expect(canvas.color(x: 0, y: 0) == .black)  // border
    }

    @Test("decoder filters are the output layer's columns, and the encoder's rows when tied", arguments: [false, true])
    func decoderFilters(tied: Bool) throws {
        let trainer = try Trainer(config: CheckpointTests.config(tied: tied), dataset: CheckpointTests.data)
        let filters = RunPictures.decoderFilters(trainer.model)
        #expect(filters.count == 16 && filters.allSatisfy { $0.count == 784 })
        let name = tied ? "encoder.0.weight" : "decoder.0.weight"
        let tensor = try #require(trainer.model.layout.tensors.first { $0.name == name })
        let w = trainer.model.parameters.array
        let expected: Float = tied ? w[tensor.offset + 3 * 784 + 100] : w[tensor.offset + 100 * 16 + 3]
        #expect(filters[3][100] == expected)
    }

    @Test("the metrics log appends epoch and setting records as JSON lines with units")
    func metricsLog() throws {
        let folder = try ScratchFolder("mlog")
        defer { folder.remove() }
        let trainer = try Trainer(config: CheckpointTests.config(), dataset: CheckpointTests.data)
        let log = try MetricsLog(path: folder.file(MetricsLog.fileName))
        let metrics = try trainer.trainEpoch()
        try log.append(metrics)
        try log.append(trainer.changeLearningRate(to: 5e-4))
        let text = String(decoding: try AtomicFile.read(log.path), as: UTF8.self)
        let records = try CSVExport.records(jsonLines: text, source: log.path)
        #expect(records.count == 2)
        #expect(records[0].keys.prefix(5) == ["event", "time", "epoch", "step", "train_bce_per_pixel"])
        let time = records[0].value(for: "time")?.stringValue ?? ""
        #expect(time.count == 24 && time.hasSuffix("Z"), "ISO 8601 UTC with milliseconds: \(time)")
        #expect(records[0].value(for: "dead_units")?.integerValue == metrics.deadUnits)
        #expect(Set(records[0].keys).count == records[0].keys.count)
        #expect(records[1].keys == ["event", "time", "step", "epoch", "learning_rate"])
        #expect(
            records[1].value(for: "learning_rate") == .number(Double(Float(5e-4))) && records[1].value(for: "step") == 4
        )
        #expect(trainer.optimizer.settings.learningRate == 5e-4)
    }

    @Test("code statistics count near-zero activations and dead units")
    func codeStatistics() {
        let stats = CodeStatistics(codes: [[0, 1, 0.001], [0, 3, 0.5]])
        #expect(stats.unitMeans == [0, 2, 0.2505])
        #expect(stats.deadUnits == 1)
        #expect(stats.nearZeroShare == 0.5)
        #expect(abs(stats.meanActivation - 4.501 / 6) < 1e-6)
    }

    @Test("the trainer's code statistics over a set equal those of the set's probed codes")
    func codeStatisticsOfSet() throws {
        let trainer = try Trainer(config: CheckpointTests.config(), dataset: CheckpointTests.data)
        try trainer.trainEpoch()
        let set = trainer.dataset.validation
        let probed = CodeStatistics(codes: trainer.inspector.probe(set, indices: Array(0..<set.count)).codes)
        #expect(trainer.inspector.codeStatistics(of: set) == probed)
        #expect(trainer.history.last?.deadUnits == probed.deadUnits)
        #expect(
            trainer.inspector.codeStatistics(of: set, limit: 5)
                == CodeStatistics(codes: trainer.inspector.probe(set, indices: Array(0..<5)).codes))
    }

    @Test(
        "decoding probed codes gives the probed reconstructions, for a VAE's mean code too", arguments: [false, true])
    func decodeCodes(vae: Bool) throws {
        var config = CheckpointTests.config()
        if vae { config.kind = .vae }
        let trainer = try Trainer(config: config, dataset: CheckpointTests.data)
        try trainer.trainEpoch()
        let probe = trainer.inspector.probe(trainer.dataset.validation, indices: Array(0..<10))
        #expect(probe.codes.allSatisfy { $0.count == 16 })
        let decoded = trainer.inspector.decode(codes: probe.codes)
        #expect(decoded.count == 10)
        for (a, b) in zip(decoded, probe.reconstructions) {
            #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-6 })
        }
    }
}
