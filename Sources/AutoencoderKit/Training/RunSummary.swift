// RunSummary: the final figures of every run below a folder, from each run's metrics.jsonl.
//
// A run is a folder holding metrics.jsonl; its last "epoch" record gives the final losses
// (with the unit named in the keys: train_bce_per_pixel → "BCE/px") and throughput.
import Formats
import Foundation

/// The final results of one run.
public struct RunSummary: Sendable, Equatable {
    /// The run's folder relative to the summarized folder ("." for the folder itself).
    public var run: String
    /// Completed epochs (0 when none finished).
    public var epochs: Int
    /// "BCE" or "MSE" (from the metric names), "" when unknown.
    public var loss: String
    public var trainPerPixel: Double?
    public var validationPerPixel: Double?
    public var trainPerImage: Double?
    public var validationPerImage: Double?
    public var samplesPerSecond: Double?
    /// Where the run forked from, for a branch (its metrics' "fork" line).
    public var lineage: RunLineage?

    /// The summary of one run's metrics records.
    public init(run: String, records: [JSONObject]) {
        self.run = run
        let last = records.last {
            ($0.value(for: "event")?.stringValue ?? "epoch") == "epoch" && $0.value(for: "epoch") != nil
        }
        epochs = last?.value(for: "epoch")?.integerValue ?? 0
        let key = last?.keys.first { $0.hasPrefix("train_") && $0.hasSuffix("_per_pixel") }
        let stem = key.map { String($0.dropFirst("train_".count).dropLast("_per_pixel".count)) } ?? ""
        loss = stem.uppercased()
        func value(_ name: String) -> Double? { last?.value(for: name)?.doubleValue }
        trainPerPixel = value("train_\(stem)_per_pixel")
        validationPerPixel = value("val_\(stem)_per_pixel")
        trainPerImage = value("train_\(stem)_per_image")
        validationPerImage = value("val_\(stem)_per_image")
        samplesPerSecond = value("samples_per_second")
        lineage = RunLineage(records: records)
    }

    /// Every run below `folder` (at any depth), sorted by path.
    /// - Throws: `CSVExportError` for a metrics file with a line that is not a JSON object,
    ///   `FileError` when one cannot be read.
    public static func collect(in folder: String) throws -> [RunSummary] {
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        var paths: [String] = []
        if FileManager.default.fileExists(atPath: base + "/" + MetricsLog.fileName) { paths.append(".") }
        if let walker = FileManager.default.enumerator(atPath: base) {
            for case let relative as String in walker where relative.hasSuffix("/" + MetricsLog.fileName) {
                paths.append(String(relative.dropLast(MetricsLog.fileName.count + 1)))
            }
        }
        return try paths.sorted().map { run in
            let path = base + "/" + (run == "." ? "" : run + "/") + MetricsLog.fileName
            let text = String(decoding: try AtomicFile.read(path), as: UTF8.self)
            return RunSummary(run: run, records: try CSVExport.records(jsonLines: text, source: path))
        }
    }

    /// A text table: run, epochs, final train and validation loss with units, samples/s; when
    /// a run is a branch, also its parent, the epoch/step it forked at and what changed.
    public static func table(_ runs: [RunSummary]) -> String {
        let branches = runs.contains { $0.lineage != nil }
        let header =
            ["run", "epochs", "train loss", "val loss", "samples/s"]
            + (branches ? ["parent", "fork at", "change"] : [])
        let rows = runs.map { r -> [String] in
            let unit = r.loss.isEmpty ? "" : " \(r.loss)/px"
            func cell(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) + unit } ?? "-" }
            let fork = r.lineage.map { [$0.parent, "e\($0.forkEpoch)/s\($0.forkStep)", $0.change] } ?? ["-", "-", "-"]
            return [
                r.run, String(r.epochs), cell(r.trainPerPixel), cell(r.validationPerPixel),
                r.samplesPerSecond.map { String(Int($0.rounded())) } ?? "-",
            ] + (branches ? fork : [])
        }
        let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 || i >= 5 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).map { String($0.reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n") + "\n"
    }

    /// The summaries as CSV, one row per run; loss columns name their unit.
    public static func csv(_ runs: [RunSummary]) -> String {
        let branches = runs.contains { $0.lineage != nil }
        let records: [JSONObject] = runs.map { r in
            func number(_ v: Double?) -> JSONValue { v.map { .number($0) } ?? .null }
            var record: JSONObject = [
                "run": .string(r.run), "epochs": .integer(r.epochs), "loss": .string(r.loss),
                "train_loss_per_pixel": number(r.trainPerPixel), "val_loss_per_pixel": number(r.validationPerPixel),
                "train_loss_per_image": number(r.trainPerImage), "val_loss_per_image": number(r.validationPerImage),
                "samples_per_second": number(r.samplesPerSecond),
            ]
            if branches {
                record.append("parent", r.lineage.map { .string($0.parent) } ?? .null)
                record.append("fork_epoch", r.lineage.map { .integer($0.forkEpoch) } ?? .null)
                record.append("fork_step", r.lineage.map { .integer($0.forkStep) } ?? .null)
                record.append("change", r.lineage.map { .string($0.change) } ?? .null)
            }
            return record
        }
        if records.isEmpty {
            return
                "run,epochs,loss,train_loss_per_pixel,val_loss_per_pixel,train_loss_per_image,val_loss_per_image,samples_per_second\n"
        }
        return CSVExport.csv(records: records)
    }
}
