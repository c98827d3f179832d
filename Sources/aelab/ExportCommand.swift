// ExportCommand: `aelab export RUN --csv --png --torch`: metrics.csv beside metrics.jsonl, report
// pictures: loss.png (curves), reconstructions.png (input | reconstruction), filters.png, and
// torch_model.safetensors, the weights as python/aelab_torch.py's PyTorch model's state dict.
import ArgumentParser
import AutoencoderKit
import Formats
import Foundation
import Pictures

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a run folder's metrics as CSV and its curves, reconstructions and filters as PNG.")

    @Argument(help: "A run folder written by `aelab train --out`.")
    var folder: String
    @Flag(help: "Write metrics.csv beside metrics.jsonl.")
    var csv = false
    @Flag(help: "Write loss.png, reconstructions.png and filters.png.")
    var png = false
    @Flag(help: "Write torch_model.safetensors: the weights as a PyTorch state dict (load with python/aelab_torch.py).")
    var torch = false
    @Option(help: "Data for the reconstructions (default: the checkpoint's).")
    var data: String?
    @Option(help: "Probe images in reconstructions.png.")
    var probes: Int = 16

    func run() throws {
        let folder = RunFolder(path: self.folder)
        guard RunFolder.exists(folder.metrics) || RunFolder.exists(folder.checkpoint) else {
            throw UsageError(
                message:
                    "\(self.folder): no \(MetricsLog.fileName) or \(Checkpoint.fileName) here; give a folder written by aelab train --out"
            )
        }
        if probes < 1 || probes > 256 { throw UsageError(message: "--probes must be between 1 and 256, got \(probes)") }
        let both = !csv && !png && !torch
        var written: [String] = []
        do {
            if torch { written.append(try exportTorch(folder)) }
            if csv || both { written += try exportCSV(folder) }
            if png || both { written += try exportPictures(folder) }
        } catch let error as UsageError {
            throw error
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError(message: "\(error)")
        }
        for path in written { print("wrote \(path)") }
    }

    /// The checkpoint's weights as a PyTorch state dict (no data needed).
    private func exportTorch(_ folder: RunFolder) throws -> String {
        guard RunFolder.exists(folder.checkpoint) else {
            throw UsageError(
                message: "--torch: \(folder.checkpoint) does not exist; the weights come from the checkpoint")
        }
        let contents = try RunFolder.readCheckpoint(folder.checkpoint)
        if let reason = TorchStateDict.refusal(for: contents.config) {
            throw RunError(message: "--torch: \(folder.checkpoint): cannot export as a PyTorch model: \(reason)")
        }
        guard
            let file = TorchStateDict.export(
                architecture: contents.config.architecture, config: contents.config,
                engineTensor: contents.tensor(named:))
        else {
            throw RunError(message: "--torch: \(folder.checkpoint): a weight tensor is missing")
        }
        let path = folder.file(TorchStateDict.fileName)
        try AtomicFile.write(file.encoded(), to: path)
        return path
    }

    private func records(_ folder: RunFolder) throws -> [JSONObject]? {
        guard RunFolder.exists(folder.metrics) else { return nil }
        let text = String(decoding: try AtomicFile.read(folder.metrics), as: UTF8.self)
        return try CSVExport.records(jsonLines: text, source: folder.metrics)
    }

    private func exportCSV(_ folder: RunFolder) throws -> [String] {
        guard let records = try records(folder) else {
            throw UsageError(message: "--csv: \(folder.metrics) does not exist")
        }
        let path = folder.file("metrics.csv")
        try AtomicFile.write(Array(CSVExport.csv(records: records).utf8), to: path)
        return [path]
    }

    private func exportPictures(_ folder: RunFolder) throws -> [String] {
        var written: [String] = []
        let name = URL(fileURLWithPath: self.folder).standardizedFileURL.lastPathComponent
        if let records = try records(folder),
            let chart = RunPictures.lossChart(records: records, title: "\(name): loss per epoch")
        {
            try chart.writePNG(to: folder.file("loss.png"))
            written.append(folder.file("loss.png"))
        }
        guard RunFolder.exists(folder.checkpoint) else {
            print("note: no \(folder.checkpoint); reconstructions and filters need a checkpoint")
            return written
        }
        let contents = try RunFolder.readCheckpoint(folder.checkpoint)
        let dataset = try RunFolder.dataset(for: contents, argument: data)
        let trainer = try contents.makeTrainer(dataset: dataset)
        let set = dataset.validation
        let indices = Array(0..<min(probes, set.count))
        let reconstructions = trainer.inspector.probe(set, indices: indices).reconstructions.map(GreyPixels.bytes)
        let grid = RunPictures.reconstructionGrid(
            inputs: indices.map { Array(set.image($0)) }, reconstructions: reconstructions, rows: set.rows,
            columns: set.columns)
        try grid.writePNG(to: folder.file("reconstructions.png"))
        written.append(folder.file("reconstructions.png"))
        let filters = RunPictures.decoderFilters(trainer.model)
        if !filters.isEmpty {
            try RunPictures.filterSheet(filters: filters, rows: set.rows, columns: set.columns).writePNG(
                to: folder.file("filters.png"))
            written.append(folder.file("filters.png"))
        }
        return written
    }
}
