// CheckpointError: every way a checkpoint can be unusable, naming the file and the defect.

import Formats

/// Why a checkpoint could not be written, read or resumed. Each message starts with the path.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    /// The file is not valid safetensors (truncated, bad header length, header not JSON,
    /// a dtype other than F32, ...), or could not be read at all.
    case file(SafetensorsError)
    /// Writing failed (folder missing, not writable, disk full); any previous file is intact.
    case write(FileError)
    /// A metadata key aelab needs is absent: the file is not an aelab checkpoint (or is damaged).
    case missingMetadata(path: String, key: String)
    /// A metadata value is present but cannot be read.
    case badMetadata(path: String, key: String, detail: String)
    /// A tensor the configuration needs is absent.
    case missingTensor(path: String, name: String)
    /// A tensor the configuration does not use is present.
    case unexpectedTensor(path: String, name: String)
    /// A tensor's shape differs from what the configuration in the metadata implies.
    case shapeMismatch(path: String, name: String, expected: [Int], found: [Int])
    /// A tensor holds NaN or Inf.
    case nonFinite(path: String, name: String)
    /// The dataset given for resuming is not the one the checkpoint was trained on.
    case datasetMismatch(path: String, expected: String, found: String)

    public var description: String {
        switch self {
        case .file(let error):
            return error.description
        case .write(let error):
            return "cannot save checkpoint: \(error.description)"
        case .missingMetadata(let path, let key):
            return "\(path): not an aelab checkpoint: __metadata__ has no \"\(key)\""
        case .badMetadata(let path, let key, let detail):
            return "\(path): __metadata__ \"\(key)\" \(detail)"
        case .missingTensor(let path, let name):
            return "\(path): tensor \"\(name)\" is missing (the checkpoint's config needs it)"
        case .unexpectedTensor(let path, let name):
            return "\(path): tensor \"\(name)\" is not part of the checkpoint's config"
        case .shapeMismatch(let path, let name, let expected, let found):
            return "\(path): tensor \"\(name)\" has shape \(found), but the config needs \(expected)"
        case .nonFinite(let path, let name):
            return "\(path): tensor \"\(name)\" holds NaN or Inf values"
        case .datasetMismatch(let path, let expected, let found):
            return
                "\(path): trained on data \(expected), but the data given is \(found); resume with the same --data (results would not be exact otherwise)"
        }
    }
}
