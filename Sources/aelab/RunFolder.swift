// RunFolder: the files of a run folder (`aelab train --out DIR`) and loading a checkpoint's data.
import AutoencoderKit
import Foundation

struct RunFolder {
    let path: String

    var metrics: String { path + "/" + MetricsLog.fileName }
    var checkpoint: String { path + "/" + Checkpoint.fileName }
    func file(_ name: String) -> String { path + "/" + name }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// The data a checkpoint was trained on (`--data` overrides), loaded with its seed.
    /// - Throws: `UsageError` naming the flag when the data is unknown or unreadable.
    static func dataset(for contents: CheckpointContents, argument: String?) throws -> Dataset {
        guard let source = argument ?? contents.dataSource else {
            throw UsageError(message: "\(contents.path) does not record its data; give --data")
        }
        do {
            return try DataSource(argument: source).load(seed: contents.config.seed)
        } catch {
            throw UsageError(message: "--data \(source): \(error)")
        }
    }

    static func readCheckpoint(_ path: String) throws -> CheckpointContents {
        do { return try Checkpoint.read(path: path) } catch { throw RunError(message: "\(error)") }
    }
}
