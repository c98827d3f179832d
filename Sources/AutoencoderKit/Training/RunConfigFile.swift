// RunConfigFile: config.json in a run folder, the run's full configuration (the same JSON the
// checkpoint's metadata holds, indented for people), written atomically.
import Formats
import Foundation

/// A run folder's config.json.
public enum RunConfigFile {
    /// The file name in a run folder.
    public static let fileName = "config.json"

    /// The configuration as indented JSON with sorted keys.
    public static func text(_ config: TrainingConfig) -> String {
        let encoder = CheckpointJSON.encoder
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return ((try? encoder.encode(config)).map { String(decoding: $0, as: UTF8.self) } ?? "null") + "\n"
    }

    /// Writes `folder/config.json` atomically.
    /// - Throws: `FileError` naming the path.
    public static func write(_ config: TrainingConfig, folder: String) throws(FileError) {
        try AtomicFile.write(Array(text(config).utf8), to: folder + "/" + fileName)
    }
}
