// EvalCommand: `aelab eval CHECKPOINT --data fashion`: test-set loss in both units, sparsity
// figures of the code, reconstruction error as an anomaly score (EvalCommand+Anomaly), and the
// PCA reference with as many components as code units.
import ArgumentParser
import AutoencoderKit
import Foundation

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate a checkpoint on a test set against the PCA reference.")

    @Argument(help: "A checkpoint file, or a run folder holding checkpoint.safetensors.")
    var checkpoint: String
    @Option(help: "Data: fashion, digits, or a folder (default: the checkpoint's).")
    var data: String?
    @Option(help: "BLAS threads. Default: OPENBLAS_NUM_THREADS, else SLURM_CPUS_PER_TASK, else 2.")
    var threads: Int?

    func run() throws {
        BLAS.setThreadCount(try ThreadCount.resolve(threads))
        let contents = try RunFolder.readCheckpoint(TrainCommand.checkpointPath(checkpoint))
        let dataset = try RunFolder.dataset(for: contents, argument: data)
        let trainer: Trainer
        do { trainer = try contents.makeTrainer(dataset: dataset) } catch {
            throw UsageError(message: "--data: \(error)")
        }
        let config = contents.config
        let test = dataset.test ?? dataset.validation
        print(
            "checkpoint: \(contents.path), \(config.name), \(config.architecture.description), epoch \(contents.epoch), step \(contents.step)"
        )
        print(
            "data: \(test.name), \(test.count) images"
                + (dataset.test == nil ? " (no test set: using the validation split)" : ""))
        let loss = trainer.inspector.evaluate(test)
        let l = config.loss
        print(
            "test loss: \(fmt(loss.perPixel, 5)) \(l.perPixelUnit) (mean over pixels), \(fmt(loss.perImage, 3)) \(l.perImageUnit) (sum over an image)"
        )
        let squared = trainer.inspector.squaredError(of: test)
        if l != .mse {
            print("squared error: \(fmt(squared, 5)) MSE/px, \(fmt(squared * Double(test.pixelsPerImage), 3)) MSE/img")
        }
        let stats = trainer.inspector.codeStatistics(of: test, limit: test.count)
        let h = config.architecture.codeSize
        print(
            "code (\(h) units): mean activation \(fmt(Double(stats.meanActivation), 4)), near zero (|h| < \(CodeStatistics.nearZeroThreshold)) \(fmt(Double(stats.nearZeroShare) * 100, 1))%, dead units \(stats.deadUnits)/\(h)"
        )
        Self.printAnomalies(trainer, on: test)
        guard h < test.pixelsPerImage else {
            print("PCA reference: not applicable (\(h) code units ≥ \(test.pixelsPerImage) pixels)")
            return
        }
        do {
            let pca = try PCAReference(dataset.train, components: h)
            let error = pca.reconstructionError(test)
            let ratio = error > 0 ? squared / error : .nan
            print(
                "PCA reference, \(h) components fit on \(dataset.train.name): \(fmt(error, 5)) MSE/px, \(fmt(error * Double(test.pixelsPerImage), 3)) MSE/img; the model's squared error is \(fmt(ratio, 3))x PCA's"
            )
        } catch {
            print("PCA reference: \(error)")
        }
    }
}
