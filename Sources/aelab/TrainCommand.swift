// TrainCommand: `aelab train`, headless training with one line per epoch and metrics.jsonl.
import ArgumentParser
import AutoencoderKit
import Foundation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train an autoencoder headless, one line per epoch.")

    @OptionGroup var model: ModelOptions
    @Option(help: "Run name (used in messages and metrics; default: the preset's name, or run).")
    var name: String?
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
        print("aelab train: \(config.name): \(config.kind.rawValue) \(config.architecture.description) \(config.loss.shortName)\(Self.regularizerSummary(config)) \(config.optimizer.kind.rawValue) lr \(config.optimizer.learningRate) batch \(config.batchSize) on \(dataset.name) (\(dataset.train.count) train, \(dataset.validation.count) validation), seed \(config.seed)")
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
        var text = "epoch \(m.epoch)/\(epochs)  train \(fmt(m.trainLossPerPixel, 4)) \(unit) (\(fmt(m.trainLossPerImage, 2)) \(imageUnit))"
        for penalty in m.penalties { text += " + \(penalty.name) \(fmt(penalty.value, 4))" }
        if !m.penalties.isEmpty { text += " = total \(fmt(m.trainTotal, 4))" }
        text += "  val \(fmt(m.validationLossPerPixel, 4)) \(unit) (\(fmt(m.validationLossPerImage, 2)) \(imageUnit))"
        if let corrupted = m.validationCorruptedLossPerPixel { text += "  val corrupted \(fmt(corrupted, 4)) \(unit)" }
        text += "  code mean \(fmt(m.meanCodeActivation, 3))"
        if let j = m.meanJacobianFrobenius { text += "  ‖J‖F \(fmt(j, 3))" }
        text += "  \(Int(m.samplesPerSecond.rounded())) samples/s  \(fmt(m.seconds, 2)) s"
        return text
    }

    /// ", L1 λ 0.0003 (per example, batch mean)" and the like; empty without regularizers.
    static func regularizerSummary(_ c: TrainingConfig) -> String {
        var parts: [String] = []
        let r = c.regularization
        if let l1 = r.l1 { parts.append("L1 λ \(l1) (λ·Σ|h| per example, batch mean)") }
        if let kl = r.kl { parts.append("KL β \(kl.beta) ρ \(kl.rho)") }
        if let k = r.kSparse { parts.append("k-sparse k \(k)") }
        if let d = r.denoising { parts.append("denoising \(d.description)") }
        if let l = r.contractive { parts.append("contractive λ \(l)") }
        if c.pretrainEpochsPerLayer > 0 { parts.append("greedy pretraining \(c.pretrainEpochsPerLayer) epochs/layer") }
        return parts.isEmpty ? "" : ", " + parts.joined(separator: ", ")
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
