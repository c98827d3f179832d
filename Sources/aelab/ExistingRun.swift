// ExistingRun: what `aelab train --out DIR` finds in DIR before it trains, so that running the
// same command again (a sweep cell retried by Slurm's requeue or `parallel --resume-failed`)
// never records a run twice.
//
// "This run" means the checkpoint's config equals the command's in everything but the epoch
// count, and it was trained on the same data (checksum). Then:
//   complete   checkpoint at the configured epoch, at an epoch's end: nothing to do
//   unfinished checkpoint before it (cut short by a signal, a kill or a requeue): resume
//              from the checkpoint; metrics.jsonl is trimmed to the checkpoint's epoch
// A folder holding another run (or an unreadable checkpoint) is refused unless --overwrite.
import AutoencoderKit
import Formats
import Foundation

enum ExistingRun {
    /// No checkpoint and no metrics: a fresh run.
    case none
    /// metrics.jsonl without a checkpoint: a run killed before its first checkpoint; it
    /// starts over.
    case metricsWithoutCheckpoint
    case complete(epochs: Int)
    case unfinished(CheckpointContents)
    /// Another run, or a checkpoint that cannot be read; the text says how.
    case different(String)

    /// Looks at `folder`'s checkpoint and metrics for a run of `config` on `dataset`.
    static func inspect(_ folder: RunFolder, config: TrainingConfig, dataset: Dataset) -> ExistingRun {
        guard RunFolder.exists(folder.checkpoint) else {
            return RunFolder.exists(folder.metrics) ? .metricsWithoutCheckpoint : .none
        }
        let contents: CheckpointContents
        do { contents = try Checkpoint.read(path: folder.checkpoint) } catch {
            return .different("its checkpoint cannot be read: \(error)")
        }
        var differences = differingFields(contents.config, config)
        if contents.datasetChecksum != dataset.checksum {  // a new seed alone also splits the data anew
            if contents.datasetName != dataset.name {
                differences.append("data (\(contents.datasetName), not \(dataset.name))")
            } else if differences.isEmpty {
                differences.append("data (\(dataset.name) with other images)")
            }
        }
        if !differences.isEmpty {
            return .different("its run differs from this command's in \(differences.joined(separator: ", "))")
        }
        if contents.epoch > config.epochs {
            return .different("its run has trained \(contents.epoch) epochs, more than the \(config.epochs) asked for")
        }
        if contents.epoch == config.epochs && contents.batchInEpoch == 0 { return .complete(epochs: contents.epoch) }
        return .unfinished(contents)
    }

    /// The top-level config fields (as named in the checkpoint's JSON) that differ, epochs aside.
    static func differingFields(_ saved: TrainingConfig, _ wanted: TrainingConfig) -> [String] {
        var saved = saved
        saved.epochs = wanted.epochs
        guard saved != wanted else { return [] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let a = try? encoder.encode(saved), let b = try? encoder.encode(wanted),
            case .object(let left)? = try? JSONParser.parse(Array(a)),
            case .object(let right)? = try? JSONParser.parse(Array(b))
        else { return ["its configuration"] }
        let fields = Set(left.keys).union(right.keys).sorted().filter { left.value(for: $0) != right.value(for: $0) }
        return fields.isEmpty ? ["its configuration"] : fields
    }
}
