// CheckpointContents: a checkpoint read and validated, before it becomes a Trainer again.
//
// Reading checks everything that can be checked without the data: the file is safetensors,
// the metadata is aelab's and parses, the config is valid, and exactly the tensors the config
// implies are present with the right shapes, all finite. The data check (checksum) belongs to
// `Checkpoint.load`, which resumes training; `eval` and `export` read a model without it.

import Formats

/// Everything a checkpoint holds, validated.
public struct CheckpointContents: Sendable {
    /// Where it was read from.
    public let path: String
    /// The aelab version that wrote it.
    public let version: String
    /// The run's full configuration.
    public internal(set) var config: TrainingConfig
    /// The optimizer settings in force when it was saved (the learning rate may differ from
    /// `config.optimizer` after a change during the run).
    public let optimizerSettings: OptimizerSettings
    /// The optimizer's update count (Adam's t).
    public let optimizerStep: Int
    /// The run's counters, generators, running sums, history, pretraining and lineage.
    public internal(set) var state: TrainerState
    /// Completed epochs, batches since the start, batches done in the unfinished epoch.
    public var epoch: Int { state.epoch }
    public var step: Int { state.step }
    public var batchInEpoch: Int { state.batchInEpoch }
    /// The state of each penalty that keeps one, by name (the KL penalty's running ρ̂ per code
    /// unit; empty before the first step).
    let penaltyStates: [String: [Float]]
    /// PSD's power-iteration vector (PSD only).
    let psdPowerVector: [Float]?
    /// Metrics of the finished epochs the trainer kept (every one, or a long run's thinned
    /// record; see EpochRecord).
    public var history: [EpochMetrics] { state.record.entries }
    /// The training data's name and `Dataset.checksum`.
    public let datasetName: String
    public let datasetChecksum: String
    /// The `--data` argument that loads the data again, when the writer knew it.
    public let dataSource: String?
    /// Where the run forked from, for a branch (see Trainer+Fork).
    public var lineage: RunLineage? { state.lineage }
    /// Tensor values by name.
    let tensors: [String: [Float]]

    /// The values of tensor `name` ("encoder.0.weight"), or nil.
    public func tensor(named name: String) -> [Float]? { tensors[name] }

    /// A trainer in exactly the saved state, training on `dataset`.
    ///
    /// The data is not compared with the checkpoint's (see `Checkpoint.load` for that); with
    /// other data the run continues but is not the one that was saved, and an unfinished epoch
    /// that does not fit the new data starts over.
    /// - Throws: `TrainingError.dataMismatch` when the images do not fit the model;
    ///   `CheckpointError.badMetadata` when the penalty sums do not fit the config.
    public func makeTrainer(dataset: Dataset) throws -> Trainer {
        let trainer = try Trainer(config: config, dataset: dataset)
        guard state.epochPenaltySums.count == trainer.penaltyNames.count else {
            throw CheckpointError.badMetadata(
                path: path, key: CheckpointKey.epochPenaltySums,
                detail:
                    "has \(state.epochPenaltySums.count) values, but the config has \(trainer.penaltyNames.count) penalties"
            )
        }
        trainer.restore(from: self)
        return trainer
    }

    func copy(_ slot: CheckpointSlot, into buffer: FloatBuffer) {
        guard let values = tensors[slot.name], values.count == slot.count,
            slot.offset + slot.count <= buffer.count
        else { return }
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { (buffer.pointer + slot.offset).update(from: base, count: slot.count) }
        }
    }
}

extension CheckpointContents {
    /// Validates a decoded safetensors file as an aelab checkpoint.
    init(file: SafetensorsFile, path: String) throws(CheckpointError) {
        let meta = MetadataReader(path: path, metadata: file.metadata)
        let format = try meta.string(CheckpointKey.format)
        guard format == CheckpointKey.formatVersion else {
            throw .badMetadata(
                path: path, key: CheckpointKey.format,
                detail:
                    "is \"\(format.prefix(20))\"; this aelab reads format \(CheckpointKey.formatVersion) (a newer aelab wrote it?)"
            )
        }
        let config = try meta.json(CheckpointKey.config, as: TrainingConfig.self)
        let problems = config.validationErrors()
        guard problems.isEmpty else {
            throw .badMetadata(
                path: path, key: CheckpointKey.config,
                detail: "is not a usable configuration: " + problems.joined(separator: "; "))
        }
        let settings = try meta.json(CheckpointKey.optimizer, as: OptimizerSettings.self)
        guard settings.kind == config.optimizer.kind, settings.validationErrors().isEmpty else {
            throw .badMetadata(
                path: path, key: CheckpointKey.optimizer,
                detail:
                    "does not fit the config (\(settings.kind.rawValue) vs \(config.optimizer.kind.rawValue), or invalid values)"
            )
        }
        self.path = path
        version = try meta.string(CheckpointKey.version)
        self.config = config
        optimizerSettings = settings
        optimizerStep = try meta.natural(CheckpointKey.optimizerStep)
        state = try TrainerState(metadata: meta)
        // a checkpoint from before the model kinds (no "pretrained" key) had no pretraining
        if file.metadata[CheckpointKey.pretrained] == nil && config.pretrainEpochsPerLayer == 0 {
            state.pretrained = true
        }
        let h = config.architecture.codeSize
        var states: [String: [Float]] = [:]
        for (penalty, values) in config.regularization.activePenalties where penalty.keepsState(values) {
            guard let key = penalty.stateKey else { continue }
            let list = try meta.floatBitsList(key)
            guard list.isEmpty || list.count == h else {
                throw .badMetadata(path: path, key: key, detail: "has \(list.count) values for \(h) code units")
            }
            states[penalty.name] = list
        }
        penaltyStates = states
        if config.kind == .psd {
            let vector = try meta.floatBitsList(CheckpointKey.psdPowerVector)
            guard vector.count == h else {
                throw .badMetadata(
                    path: path, key: CheckpointKey.psdPowerVector,
                    detail: "has \(vector.count) values for \(h) code units")
            }
            psdPowerVector = vector
        } else {
            psdPowerVector = nil
        }
        datasetName = try meta.string(CheckpointKey.dataset)
        datasetChecksum = try meta.string(CheckpointKey.datasetChecksum)
        dataSource = file.metadata[CheckpointKey.dataSource]
        tensors = try Self.checkedTensors(file, config: config, path: path)
    }

    /// Exactly the tensors the config implies, with their shapes, all finite.
    static func checkedTensors(_ file: SafetensorsFile, config: TrainingConfig, path: String) throws(CheckpointError)
        -> [String: [Float]]
    {
        let layout = ParameterLayout(architecture: config.architecture)
        let slots = CheckpointTensors.slots(layout: layout, optimizer: config.optimizer.kind)
        let expected = Set(slots.map(\.name))
        for tensor in file.tensors where !expected.contains(tensor.name) {
            throw .unexpectedTensor(path: path, name: tensor.name)
        }
        var result: [String: [Float]] = [:]
        for slot in slots {
            guard let tensor = file.tensor(named: slot.name) else { throw .missingTensor(path: path, name: slot.name) }
            guard tensor.shape == slot.shape else {
                throw .shapeMismatch(path: path, name: slot.name, expected: slot.shape, found: tensor.shape)
            }
            guard tensor.values.allSatisfy(\.isFinite) else { throw .nonFinite(path: path, name: slot.name) }
            result[slot.name] = tensor.values
        }
        return result
    }
}
