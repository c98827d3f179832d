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
//   epoch_penalty_sums  the unfinished epoch's running sum of each penalty (in
//                     `Trainer.penaltyNames` order), Double bits in hex separated by spaces
//   history           [EpochMetrics] as JSON
//   pretrained        "true" once greedy pretraining has run (or when it is off), else "false";
//                     its absence marks a checkpoint from before the model kinds, read with
//                     no penalty sums and no pretraining
//   pretraining_losses  [Double] as JSON: each layer's last pretraining loss
//   <penalty state>   a code penalty's state under its CodePenalty.stateKey, Float bits in hex
//                     separated by spaces: kl_running_estimate, the KL penalty's running ρ̂
//                     per code unit (empty before the first step; only with a running estimate)
//   psd_power_vector  PSD's warm-started power-iteration vector, Float bits in hex (PSD only)
//   dataset, dataset_checksum   the data's name and `Dataset.checksum`
//   data_source       the `--data` argument that loads it again (optional)
//   fork              RunLineage as JSON: parent name, fork epoch and step, change (forks only)
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
    static let epochPenaltySums = "epoch_penalty_sums"
    static let history = "history"
    static let pretrained = "pretrained"
    static let pretrainingLosses = "pretraining_losses"
    static let psdPowerVector = "psd_power_vector"
    static let dataset = "dataset"
    static let datasetChecksum = "dataset_checksum"
    static let dataSource = "data_source"
    static let fork = "fork"
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

    /// Space-separated hexadecimal Double bit patterns ("" is the empty list).
    func doubleBitsList(_ key: String) throws(CheckpointError) -> [Double] {
        try bitsList(key, digits: 16).map { Double(bitPattern: $0) }
    }

    /// Space-separated hexadecimal Float bit patterns ("" is the empty list).
    func floatBitsList(_ key: String) throws(CheckpointError) -> [Float] {
        try bitsList(key, digits: 8).map { Float(bitPattern: UInt32($0)) }
    }

    private func bitsList(_ key: String, digits: Int) throws(CheckpointError) -> [UInt64] {
        var words: [UInt64] = []
        for part in try string(key).split(separator: " ") {
            guard part.count <= digits, let word = UInt64(part, radix: 16) else {
                throw .badMetadata(
                    path: path, key: key,
                    detail: "is not a list of hexadecimal \(digits * 4)-bit patterns (\"\(part.prefix(20))\")")
            }
            words.append(word)
        }
        return words
    }

    func bool(_ key: String) throws(CheckpointError) -> Bool {
        switch try string(key) {
        case "true": return true
        case "false": return false
        case let text:
            throw .badMetadata(path: path, key: key, detail: "is \"\(text.prefix(20))\", expected true or false")
        }
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
            path.isEmpty
                ? "" : " at " + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let c): return "not valid JSON\(place(c.codingPath))"
        case .keyNotFound(let key, let c): return "\"\(key.stringValue)\" is missing\(place(c.codingPath))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return c.debugDescription + place(c.codingPath)
        @unknown default: return "\(error)"
        }
    }

    static func hexWords(_ generator: RandomGenerator) -> String {
        hexList(generator.stateWords, digits: 16)
    }

    /// Doubles as space-separated 16-digit bit patterns, exact.
    static func hexBits(_ values: [Double]) -> String {
        hexList(values.map(\.bitPattern), digits: 16)
    }

    /// Floats as space-separated 8-digit bit patterns, exact.
    static func hexBits(_ values: [Float]) -> String {
        hexList(values.map { UInt64($0.bitPattern) }, digits: 8)
    }

    private static func hexList(_ words: [UInt64], digits: Int) -> String {
        words.map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: max(digits - hex.count, 0)) + hex
        }.joined(separator: " ")
    }
}
