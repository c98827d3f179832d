// TrainCommand: `aelab train`, headless training with one line per epoch and metrics.jsonl.
import ArgumentParser
import AutoencoderKit
import Foundation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train an autoencoder headless, one line per epoch.")

    @OptionGroup var model: ModelOptions
    @Option(help: "Run name (used in messages and metrics).")
    var name: String = "run"
    @Option(help: "Output folder for metrics.jsonl (created if missing).")
    var out: String?

    func run() throws {
        let config = try model.config(name: name)
        let outputFolder = try out.map(prepareOutputFolder)
        BLAS.setThreadCount(model.threads)
        let dataset = try model.dataset()
        let trainer: Trainer
        do {
            trainer = try Trainer(config: config, dataset: dataset)
        } catch {
            throw UsageError(message: "\(error)")
        }
        let unit = config.loss.perPixelUnit
        print("aelab train: \(config.architecture.description) \(config.loss.shortName) \(config.optimizer.kind.rawValue) lr \(config.optimizer.learningRate) batch \(config.batchSize) on \(dataset.name) (\(dataset.train.count) train, \(dataset.validation.count) validation), seed \(config.seed)")
        let log = try outputFolder.map { try MetricsFile(path: $0 + "/metrics.jsonl") }
        for _ in 0..<config.epochs {
            let metrics: EpochMetrics
            do {
                metrics = try trainer.trainEpoch()
            } catch {
                throw RunError(message: "\(error)")
            }
            print(Self.line(metrics, epochs: config.epochs, unit: unit))
            try log?.append(metrics.fields)
        }
        if let outputFolder { print("metrics written to \(outputFolder)/metrics.jsonl") }
    }

    static func line(_ m: EpochMetrics, epochs: Int, unit: String) -> String {
        let imageUnit = m.loss.perImageUnit
        return "epoch \(m.epoch)/\(epochs)  train \(fmt(m.trainLossPerPixel, 4)) \(unit) (\(fmt(m.trainLossPerImage, 2)) \(imageUnit))  val \(fmt(m.validationLossPerPixel, 4)) \(unit) (\(fmt(m.validationLossPerImage, 2)) \(imageUnit))  \(Int(m.samplesPerSecond.rounded())) samples/s  \(fmt(m.seconds, 2)) s"
    }

    private func prepareOutputFolder(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw UsageError(message: "--out: \(path) exists and is not a folder")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw UsageError(message: "--out: cannot create folder \(path): \(error.localizedDescription)")
        }
        return path
    }
}

/// Fixed-point text for a number.
func fmt(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
