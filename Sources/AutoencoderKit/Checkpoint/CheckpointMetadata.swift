// CheckpointMetadata: the keys of a checkpoint's `__metadata__` and their text encodings.
//
// safetensors metadata is a flat map of strings. Structured values are JSON text; numbers
// that must come back bit for bit are hexadecimal bit patterns:
//   aelab_checkpoint  "1" (format version; its absence marks a foreign file)
//   aelab_version     "0.1.0"
//   config            TrainingConfig as JSON (the full experiment, preset included)
//   optimizer         the OptimizerSettings in force now (the learning rate may have changed)
//   epoch, step, batch_in_epoch, optimizer_step, epoch_samples    decimal integers
//   rng, rng_epoch_start   xoshiro256** state now and when the epoch's order was drawn:
//                          four 16-digit hex words separated by spaces
//   epoch_loss_sum    the running training-loss sum of the unfinished epoch, Double bits in hex
//   epoch_seconds     seconds spent in the unfinished epoch (decimal)
//   history           [EpochMetrics] as JSON
//   dataset, dataset_checksum   the data's name and `Dataset.checksum`
//   data_source       the `--data` argument that loads it again (optional)
import Foundation

enum CheckpointKey {
    static let format = "aelab_checkpoint"
    static let version = "aelab_version"
    static let config = "config"
    static let optimizer = "optimizer"
    static let epoch = "epoch"
    static let step = "step"
    static let batchInEpoch = "batch_in_epoch"
    static let optimizerStep = "optimizer_step"
    static let random = "rng"
    static let epochStartRandom = "rng_epoch_start"
    static let epochLossSum = "epoch_loss_sum"
    static let epochSamples = "epoch_samples"
    static let epochSeconds = "epoch_seconds"
    static let history = "history"
    static let dataset = "dataset"
    static let datasetChecksum = "dataset_checksum"
    static let dataSource = "data_source"
    /// The format version this build writes and reads.
    static let formatVersion = "1"
}

/// Reads typed values out of a metadata map, throwing errors that name the key.
struct MetadataReader {
    let path: String
    let metadata: [String: String]

    func string(_ key: String) throws(CheckpointError) -> String {
        guard let value = metadata[key] else { throw .missingMetadata(path: path, key: key) }
        return value
    }

    func natural(_ key: String) throws(CheckpointError) -> Int {
        let text = try string(key)
        guard let value = Int(text), value >= 0 else {
            throw .badMetadata(path: path, key: key, detail: "is \"\(text.prefix(40))\", expected a whole number ≥ 0")
        }
        return value
    }

    func generator(_ key: String) throws(CheckpointError) -> RandomGenerator {
        let text = try string(key)
        let words = text.split(separator: " ").compactMap { UInt64($0, radix: 16) }
        guard words.count == 4, text.split(separator: " ").count == 4, words.contains(where: { $0 != 0 }) else {
            throw .badMetadata(path: path, key: key, detail: "is not four hexadecimal state words (not all zero)")
        }
        return RandomGenerator(state: words)
    }

    func doubleBits(_ key: String) throws(CheckpointError) -> Double {
        let text = try string(key)
        guard let bits = UInt64(text, radix: 16) else {
            throw .badMetadata(path: path, key: key, detail: "is not a hexadecimal Double bit pattern")
        }
        return Double(bitPattern: bits)
    }

    func json<T: Decodable>(_ key: String, as type: T.Type) throws(CheckpointError) -> T {
        let text = try string(key)
        do {
            return try CheckpointJSON.decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw .badMetadata(path: path, key: key, detail: "cannot be read: \(CheckpointJSON.describe(error))")
        }
    }
}

enum CheckpointJSON {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    static func text<T: Encodable>(_ value: T) -> String {
        // encoding plain structs of numbers, strings and enums cannot fail
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// A short reason for a decoding failure: what was wrong, and where.
    static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func place(_ path: [CodingKey]) -> String {
            path.isEmpty ? "" : " at " + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let c): return "not valid JSON\(place(c.codingPath))"
        case .keyNotFound(let key, let c): return "\"\(key.stringValue)\" is missing\(place(c.codingPath))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return c.debugDescription + place(c.codingPath)
        @unknown default: return "\(error)"
        }
    }

    static func hexWords(_ generator: RandomGenerator) -> String {
        generator.stateWords.map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined(separator: " ")
    }
}
