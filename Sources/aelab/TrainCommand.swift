// TrainCommand: `aelab train`, headless training with one line per epoch; with --out, a run
// folder holding config.json, metrics.jsonl, TensorBoard event files and checkpoint.safetensors (rewritten atomically every epoch,
// and at the step where SIGINT, SIGTERM or SIGHUP stops the run); with --resume,
// continuing a checkpoint exactly up to --epochs. Run again on the same --out, it finishes
// what is missing and nothing more (ExistingRun.swift).
import ArgumentParser
import AutoencoderKit
import CTermGuard
import Formats
import Foundation
import Pictures

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train an autoencoder headless, one line per epoch.")

    @OptionGroup var model: ModelOptions
    @Option(help: "Run name (used in messages and metrics; default: the preset's name, or run).")
    var name: String?
    @Option(help: "Output folder for metrics.jsonl and checkpoint.safetensors (created if missing).")
    var out: String?
    @Option(
        help: ArgumentHelp(
            "Continue from a checkpoint file, or a run folder holding checkpoint.safetensors.",
            discussion:
                "Trains the remaining epochs up to --epochs (default: the checkpoint's). The model, optimizer, seed and data come from the checkpoint; --data and --lr may be given (a new learning rate is recorded in metrics.jsonl)."
        ))
    var resume: String?
    @Flag(
        help:
            "With --out: replace a run the folder already holds (its metrics.jsonl and checkpoint) instead of refusing or finishing it."
    )
    var overwrite = false

    func run() throws {
        termguard_line_buffer_stdout()  // one line per epoch, also when stdout is a file or pipe
        // the folder is made after the data loaded (bad data writes nothing); a run already in it
        // is looked at first (complete: nothing to do; cut short: resume)
        guard let started = try resume.map(resumedTrainer) ?? freshOrExistingTrainer(outputFolder: out) else { return }
        let (trainer, dataArgument) = started
        let outputFolder = try out.map(Self.prepareOutputFolder)
        let config = trainer.config
        let dataset = trainer.dataset
        let unit = config.loss.perPixelUnit
        let verb = resume == nil ? "train" : "resume at epoch \(trainer.epoch), step \(trainer.step)"
        print(
            "aelab \(verb): \(config.name): \(config.kind.rawValue) \(config.architecture.description) \(config.loss.shortName)\(Self.regularizerSummary(config)) \(config.optimizer.kind.rawValue) lr \(trainer.optimizer.settings.learningRate) batch \(config.batchSize) on \(dataset.name) (\(dataset.train.count) train, \(dataset.validation.count) validation), seed \(config.seed), \(BLAS.threadCount) BLAS thread\(BLAS.threadCount == 1 ? "" : "s")"
        )
        let log = try outputFolder.map { folder in
            do { return try MetricsLog(path: folder + "/" + MetricsLog.fileName) } catch {
                throw RunError(message: "\(error)")
            }
        }
        let events = outputFolder.flatMap { folder in Self.startRunFiles(trainer, folder: folder) }
        if resume != nil, let lr = model.lr, trainer.optimizer.settings.learningRate != lr {
            let change = trainer.changeLearningRate(to: lr)
            print("learning rate set to \(lr) from step \(trainer.step)")
            do { try log?.append(change) } catch { throw RunError(message: "\(error)") }
        }
        if trainer.epoch >= config.epochs {
            print("nothing to do: the run has \(trainer.epoch) of \(config.epochs) epochs")
        }
        QuitSignal.install()
        var unsaved: String?  // why the last epoch's files could not be written, if they could not
        while trainer.epoch < config.epochs {
            let batch: BatchResult
            do {
                batch = try trainer.trainBatch()
            } catch {
                throw RunError(message: "\(error)")
            }
            if batch.endedEpoch, let metrics = trainer.history.last {
                print(Self.line(metrics, epochs: config.epochs, unit: unit))
                if let outputFolder {
                    unsaved = Self.write(
                        metrics, of: trainer, log: log, events: events, folder: outputFolder, dataSource: dataArgument)
                }
            }
            if let signal = QuitSignal.received {
                try Self.stop(trainer, for: signal, outputFolder: outputFolder, dataSource: dataArgument)
            }
        }
        if let unsaved { throw RunError(message: "training finished, but the last epoch was not saved: \(unsaved)") }
        if let outputFolder { print("metrics and checkpoint written to \(outputFolder)/") }
    }

    /// Appends the epoch's metrics line and rewrites the checkpoint. A failure (a full disk, a
    /// folder made read-only) is reported on stderr and training goes on: the previous
    /// checkpoint stays whole, metrics.jsonl keeps its complete lines, and the next epoch tries
    /// again. - Returns: the failure's text, or nil when both were written.
    static func write(
        _ metrics: EpochMetrics, of trainer: Trainer, log: MetricsLog?, events: EventFileWriter? = nil, folder: String,
        dataSource: String
    ) -> String? {
        var failures: [String] = []
        let now = WallClock.now()
        do { try log?.append(metrics, time: now) } catch { failures.append("\(error)") }
        do {
            let picture = events == nil ? nil : RunEvents.reconstructionPicture(trainer)
            for event in RunEvents.epochEvents(metrics, picture: picture, wallTime: now) { try events?.append(event) }
        } catch {
            failures.append("\(error)")
        }
        do {
            try trainer.saveCheckpoint(to: folder + "/" + Checkpoint.fileName, dataSource: dataSource)
        } catch {
            failures.append("\(error)")
        }
        guard !failures.isEmpty else { return nil }
        let text = failures.joined(separator: "; ")
        FileHandle.standardError.write(
            Data(
                "aelab: epoch \(metrics.epoch) not saved, training goes on (the previous checkpoint is kept): \(text)\n"
                    .utf8))
        return text
    }

    /// Writes config.json and starts this process's TensorBoard event file in the run folder.
    /// A failure (a full disk) is reported on stderr and training goes on without them, as it
    /// does when an epoch's files cannot be written. - Returns: the event file, or nil.
    static func startRunFiles(_ trainer: Trainer, folder: String) -> EventFileWriter? {
        do {
            try RunConfigFile.write(trainer.config, folder: folder)
        } catch {
            FileHandle.standardError.write(Data("aelab: \(error); training goes on\n".utf8))
        }
        do {
            return try EventFileWriter(folder: folder, wallTime: WallClock.now())
        } catch {
            FileHandle.standardError.write(Data("aelab: no TensorBoard events: \(error); training goes on\n".utf8))
            return nil
        }
    }

    /// The orderly stop for a quit signal: the batch in progress is finished; with --out the
    /// checkpoint is written at this step (metrics.jsonl already ends with the last whole epoch),
    /// so `--resume` continues exactly from here.
    static func stop(_ trainer: Trainer, for signal: Int32, outputFolder: String?, dataSource: String) throws -> Never {
        let place =
            "epoch \(trainer.epoch + 1), batch \(trainer.batchInEpoch) of \(trainer.batchesPerEpoch) (step \(trainer.step))"
        guard let outputFolder else {
            print("interrupted by \(QuitSignal.name(signal)) in \(place); nothing saved (no --out)")
            throw Interrupted(signal: signal)
        }
        let path = outputFolder + "/" + Checkpoint.fileName
        do {
            try trainer.saveCheckpoint(to: path, dataSource: dataSource)
        } catch {
            throw RunError(message: "interrupted by \(QuitSignal.name(signal)) in \(place); \(error)")
        }
        print(
            "interrupted by \(QuitSignal.name(signal)) in \(place); checkpoint saved to \(path); continue with: aelab train --resume \(outputFolder)"
        )
        throw Interrupted(signal: signal)
    }

    /// A new run from the preset and the model flags; with --out, the run the folder already
    /// holds, resumed when it was cut short. - Returns: nil when that run is complete.
    private func freshOrExistingTrainer(outputFolder: String?) throws -> (Trainer, String)? {
        let config = try model.config(name: name)
        BLAS.setThreadCount(try model.threadCount())
        let dataset = try model.dataset(seed: config.seed)
        if let outputFolder {
            let folder = RunFolder(path: outputFolder)
            switch ExistingRun.inspect(folder, config: config, dataset: dataset) {
            case .none:
                break
            case .complete(let epochs) where !overwrite:
                print(
                    "nothing to do: \(outputFolder) already holds this run, complete at epoch \(epochs) of \(epochs) (--overwrite trains it again)"
                )
                return nil
            case .unfinished(let contents) where !overwrite:
                return (
                    try Self.resumeUnfinished(contents, in: folder, dataset: dataset, epochs: config.epochs), model.data
                )
            case .different(let reason) where !overwrite:
                throw UsageError(
                    message:
                        "--out: \(outputFolder) holds another run: \(reason). Give another --out, or --overwrite to replace it"
                )
            case .metricsWithoutCheckpoint, .complete, .unfinished, .different:
                try Self.removeRunFiles(
                    folder, because: overwrite ? "--overwrite" : "it has no checkpoint, so the run starts over")
            }
        }
        do {
            return (try Trainer(config: config, dataset: dataset), model.data)
        } catch {
            throw UsageError(message: "\(error)")
        }
    }

    /// The folder's unfinished run, continued from its checkpoint, with metrics.jsonl cut back
    /// to the checkpoint's epoch so no epoch is recorded twice.
    static func resumeUnfinished(_ contents: CheckpointContents, in folder: RunFolder, dataset: Dataset, epochs: Int)
        throws -> Trainer
    {
        let trainer: Trainer
        do { trainer = try Checkpoint.load(path: folder.checkpoint, dataset: dataset, epochs: epochs) } catch {
            throw UsageError(message: "--out: \(error)")
        }
        let dropped: Int
        do { dropped = try MetricsLog.trim(path: folder.metrics, toEpoch: contents.epoch, step: contents.step) } catch {
            throw RunError(message: "\(error)")
        }
        let trimmed =
            dropped == 0
            ? "" : "; \(dropped) line\(dropped == 1 ? "" : "s") past it dropped from \(MetricsLog.fileName)"
        print(
            "\(folder.path) holds this run cut short at epoch \(contents.epoch), batch \(contents.batchInEpoch): continuing from its checkpoint\(trimmed)"
        )
        return trainer
    }

    /// Removes a run's metrics.jsonl and checkpoint, saying so.
    static func removeRunFiles(_ folder: RunFolder, because reason: String) throws {
        for path in [folder.metrics, folder.checkpoint] where RunFolder.exists(path) {
            do { try FileManager.default.removeItem(atPath: path) } catch {
                throw RunError(message: "cannot remove \(path): \(error.localizedDescription)")
            }
            print("removed \(path) (\(reason))")
        }
    }

    /// The checkpoint's run, on the checkpoint's data unless --data is given.
    private func resumedTrainer(_ argument: String) throws -> (Trainer, String) {
        BLAS.setThreadCount(try model.threadCount())
        let path = Self.checkpointPath(argument)
        let contents: CheckpointContents
        do { contents = try Checkpoint.read(path: path) } catch { throw UsageError(message: "--resume: \(error)") }
        let ignored = model.givenModelFlags
        if !ignored.isEmpty {
            print("note: --\(ignored.joined(separator: ", --")) ignored: the checkpoint fixes the model and optimizer")
        }
        guard let dataArgument = CommandLineFlags.given("data") ? model.data : contents.dataSource else {
            throw UsageError(message: "--resume: \(path) does not record its data; give --data")
        }
        let dataset: Dataset
        do {
            dataset = try DataSource(argument: dataArgument).load(seed: contents.config.seed)
        } catch {
            throw UsageError(message: "--data: \(error)")
        }
        let epochs = model.epochs
        let trainer: Trainer
        do {
            trainer = try Checkpoint.load(path: path, dataset: dataset, epochs: epochs)
        } catch {
            throw UsageError(message: "--resume: \(error)")
        }
        if let out, RunFolder(path: out).checkpoint == path {  // resuming in place: drop lines past the checkpoint
            do {
                try MetricsLog.trim(path: RunFolder(path: out).metrics, toEpoch: contents.epoch, step: contents.step)
            } catch { throw RunError(message: "\(error)") }
        }
        return (trainer, dataArgument)
    }

    /// A checkpoint file, or checkpoint.safetensors inside a run folder.
    static func checkpointPath(_ argument: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
            return argument + "/" + Checkpoint.fileName
        }
        return argument
    }

    static func line(_ m: EpochMetrics, epochs: Int, unit: String) -> String {
        let imageUnit = m.loss.perImageUnit
        var text =
            "epoch \(m.epoch)/\(epochs)  train \(fmt(m.trainLossPerPixel, 4)) \(unit) (\(fmt(m.trainLossPerImage, 2)) \(imageUnit))"
        for penalty in m.penalties { text += " + \(penalty.name) \(fmt(penalty.value, 4))" }
        if !m.penalties.isEmpty { text += " = total \(fmt(m.trainTotal, 4))" }
        text += "  val \(fmt(m.validationLossPerPixel, 4)) \(unit) (\(fmt(m.validationLossPerImage, 2)) \(imageUnit))"
        if let corrupted = m.validationCorruptedLossPerPixel { text += "  val corrupted \(fmt(corrupted, 4)) \(unit)" }
        text += "  code mean \(fmt(m.meanCodeActivation, 3))"
        if let j = m.meanJacobianFrobenius { text += "  ‖J‖F \(fmt(j, 3))" }
        text += "  \(Int(m.samplesPerSecond.rounded())) samples/s  \(fmt(m.seconds, 2)) s"
        return text
    }

    /// ", L1 λ 0.0003, k-sparse k 25" and the like; empty without regularizers.
    static func regularizerSummary(_ c: TrainingConfig) -> String {
        let r = c.regularization
        var parts = r.activePenalties.map { CodePenalties.describe($0.penalty, $0.values) }
        if let k = r.kSparse { parts.append("k-sparse k \(k)") }
        if let d = r.denoising { parts.append("denoising \(d.description)") }
        if c.pretrainEpochsPerLayer > 0 { parts.append("greedy pretraining \(c.pretrainEpochsPerLayer) epochs/layer") }
        return parts.isEmpty ? "" : ", " + parts.joined(separator: ", ")
    }

    static func prepareOutputFolder(_ path: String) throws -> String {
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
