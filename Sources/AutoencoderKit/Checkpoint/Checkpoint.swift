// Checkpoint: a Trainer's complete state saved as safetensors, and resumed exactly.
//
// The file holds every parameter tensor under its layout name ("encoder.0.weight"), the
// optimizer's state ("optimizer.adam.m.encoder.0.weight"), and in `__metadata__` the config,
// counters, generator states, history, the state of the model kind's rule (running sums of the
// penalties, pretraining, the KL running estimate, PSD's power-iteration vector) and a checksum
// of the data (see CheckpointMetadata).
// Python reads it with `safetensors.numpy.load_file(path)`.
//
// Resume is exact: for a fixed BLAS thread count, N epochs straight and k epochs, save, load,
// N−k epochs give bit-identical parameters and losses, also when saved in mid-epoch (the
// epoch's batch order is rebuilt from the generator state it was drawn with).
//
// Decisions: data whose checksum differs from the checkpoint's is an error for `load` (a resume
// that is silently not exact is worse than a refusal); `read` and `CheckpointContents`
// skip that check for eval and export on other data.

import Formats

/// Saves and loads training checkpoints.
public enum Checkpoint {
    /// The file name `aelab train --out DIR` writes in DIR.
    public static let fileName = "checkpoint.safetensors"

    /// The checkpoint of `trainer` as a safetensors file (nothing is written).
    /// - Parameter dataSource: the `--data` argument that loads the training data again.
    public static func file(of trainer: Trainer, dataSource: String? = nil) -> SafetensorsFile {
        let slots = CheckpointTensors.slots(layout: trainer.model.layout, optimizer: trainer.config.optimizer.kind)
        var tensors: [SafetensorsTensor] = []
        tensors.reserveCapacity(slots.count)
        for slot in slots {
            let buffer: FloatBuffer
            switch slot.source {
            case .parameters: buffer = trainer.model.parameters
            case .firstMoment: buffer = trainer.optimizer.firstMoment
            case .secondMoment: buffer = trainer.optimizer.secondMoment
            }
            let values = Array(UnsafeBufferPointer(start: buffer.pointer + slot.offset, count: slot.count))
            tensors.append(SafetensorsTensor(name: slot.name, shape: slot.shape, values: values))
        }
        var metadata: [String: String] = [
            CheckpointKey.format: CheckpointKey.formatVersion,
            CheckpointKey.version: AelabVersion.current,
            CheckpointKey.config: CheckpointJSON.text(trainer.config),
            CheckpointKey.optimizer: CheckpointJSON.text(trainer.optimizer.settings),
            CheckpointKey.optimizerStep: String(trainer.optimizer.step),
            CheckpointKey.dataset: trainer.dataset.name,
            CheckpointKey.datasetChecksum: trainer.dataset.checksum,
        ]
        metadata.merge(trainer.state.metadata) { _, state in state }
        if let dataSource { metadata[CheckpointKey.dataSource] = dataSource }
        for (penalty, values) in trainer.config.regularization.activePenalties where penalty.keepsState(values) {
            if let key = penalty.stateKey {
                metadata[key] = CheckpointJSON.hexBits(trainer.regularizer.state(of: penalty.name))
            }
        }
        if let psd = trainer.psdRule {
            metadata[CheckpointKey.psdPowerVector] = CheckpointJSON.hexBits(psd.powerVector)
        }
        return SafetensorsFile(tensors: tensors, metadata: metadata)
    }

    /// Writes `trainer`'s checkpoint to `path` atomically (temporary file, fsync, rename): an
    /// interrupted save leaves the previous file intact.
    /// - Parameters:
    ///   - dataSource: the `--data` argument that loads the training data again (lets
    ///     `aelab train --resume` find the data by itself).
    /// - Throws: `CheckpointError.write` naming the path and the system's reason.
    /// - Complexity: O(parameters); call it on the training queue, between batches.
    public static func save(_ trainer: Trainer, to path: String, dataSource: String? = nil) throws(CheckpointError) {
        do throws(FileError) {
            try AtomicFile.write(file(of: trainer, dataSource: dataSource).encoded(), to: path)
        } catch {
            throw .write(error)
        }
    }

    /// Reads and validates a checkpoint without needing its data (for eval and export).
    /// - Throws: `CheckpointError` naming the file and its defect.
    public static func read(path: String) throws(CheckpointError) -> CheckpointContents {
        let file: SafetensorsFile
        do {
            file = try SafetensorsFile.read(path: path)
        } catch {
            throw .file(error)
        }
        return try CheckpointContents(file: file, path: path)
    }

    /// Reads a checkpoint and rebuilds its trainer on `dataset`, ready to continue exactly.
    /// - Parameters:
    ///   - dataset: must be the data the checkpoint was trained on (same checksum).
    ///   - epochs: a new epoch target for the run (`config.epochs`); nil keeps the saved one.
    /// - Throws: `CheckpointError` naming the file and the defect, `.datasetMismatch` for
    ///   other data.
    public static func load(path: String, dataset: Dataset, epochs: Int? = nil) throws(CheckpointError) -> Trainer {
        var contents = try read(path: path)
        let checksum = dataset.checksum
        guard checksum == contents.datasetChecksum else {
            throw .datasetMismatch(
                path: path, expected: "\(contents.datasetName) (\(contents.datasetChecksum))",
                found: "\(dataset.name) (\(checksum))")
        }
        if let epochs { contents.config.epochs = epochs }
        do {
            return try contents.makeTrainer(dataset: dataset)
        } catch let error as CheckpointError {
            throw error
        } catch {
            throw .datasetMismatch(path: path, expected: contents.datasetName, found: "\(dataset.name): \(error)")
        }
    }
}
