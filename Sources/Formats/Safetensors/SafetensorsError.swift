// SafetensorsError: every way a safetensors file can be unreadable, naming the file and defect.

/// Why a safetensors file could not be read. Each message starts with the file's name.
public enum SafetensorsError: Error, Equatable, CustomStringConvertible {
    /// The file has fewer than the 8 bytes of the header length.
    case tooShort(source: String, byteCount: Int)
    /// The header length points past the end of the file.
    case headerLengthPastEnd(source: String, headerLength: UInt64, fileSize: Int)
    /// The header length is larger than the 100 MB limit the reference reader also applies.
    case headerTooLarge(source: String, headerLength: UInt64)
    /// The header is not UTF-8 JSON.
    case headerNotJSON(source: String, detail: String)
    /// The header is JSON but not an object.
    case headerNotObject(source: String, found: String)
    /// `__metadata__` is not an object of string values.
    case badMetadata(source: String, detail: String)
    /// A tensor's entry is not an object.
    case entryNotObject(source: String, tensor: String)
    /// A tensor's entry lacks `dtype`, `shape` or `data_offsets`.
    case missingField(source: String, tensor: String, field: String)
    /// A field is present but of the wrong form.
    case badField(source: String, tensor: String, field: String, detail: String)
    /// A dtype other than F32.
    case unsupportedDType(source: String, tensor: String, dtype: String)
    /// Offsets outside the data section or with end before begin.
    case offsetsOutOfRange(source: String, tensor: String, begin: Int, end: Int, dataSize: Int)
    /// The byte count does not equal shape × 4.
    case sizeMismatch(source: String, tensor: String, shape: [Int], expectedBytes: Int, actualBytes: Int)
    /// Two tensors share bytes.
    case overlap(source: String, tensor: String, other: String)
    /// Bytes of the data section belong to no tensor.
    case uncoveredData(source: String, begin: Int, end: Int)
    /// The file could not be read at all.
    case io(FileError)

    public var description: String {
        switch self {
        case .tooShort(let s, let n):
            return "\(s): not a safetensors file: \(n) bytes, shorter than the 8-byte header length"
        case .headerLengthPastEnd(let s, let h, let size):
            return "\(s): header length \(h) runs past the end of the \(size)-byte file (truncated or not safetensors)"
        case .headerTooLarge(let s, let h):
            return "\(s): header length \(h) exceeds the 100 MB limit (corrupt or not safetensors)"
        case .headerNotJSON(let s, let d):
            return "\(s): header is not valid UTF-8 JSON: \(d)"
        case .headerNotObject(let s, let found):
            return "\(s): header is \(found), expected a JSON object"
        case .badMetadata(let s, let d):
            return "\(s): __metadata__ \(d)"
        case .entryNotObject(let s, let t):
            return "\(s): tensor \"\(t)\": entry is not an object"
        case .missingField(let s, let t, let f):
            return "\(s): tensor \"\(t)\": missing \"\(f)\""
        case .badField(let s, let t, let f, let d):
            return "\(s): tensor \"\(t)\": \"\(f)\" \(d)"
        case .unsupportedDType(let s, let t, let d):
            return "\(s): tensor \"\(t)\": dtype \(d) not supported: aelab reads F32 tensors"
        case .offsetsOutOfRange(let s, let t, let b, let e, let size):
            return "\(s): tensor \"\(t)\": data_offsets [\(b), \(e)] outside the \(size)-byte data section"
        case .sizeMismatch(let s, let t, let shape, let expected, let actual):
            return "\(s): tensor \"\(t)\": shape \(shape) needs \(expected) bytes as F32, data_offsets span \(actual)"
        case .overlap(let s, let t, let o):
            return "\(s): tensors \"\(o)\" and \"\(t)\" overlap in the data section"
        case .uncoveredData(let s, let b, let e):
            return "\(s): data bytes \(b)..<\(e) belong to no tensor"
        case .io(let error):
            return error.description
        }
    }
}
