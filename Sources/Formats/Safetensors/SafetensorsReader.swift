// SafetensorsReader: reads and validates a safetensors file of F32 tensors.
//
// Nothing in the file is trusted before it is checked: the header length is bounded by the file
// size and a 100 MB limit before any allocation, every entry is checked for its fields, and the
// tensors must tile the data section exactly (no gaps, overlaps or trailing bytes).

extension SafetensorsFile {
    /// Largest header accepted, as in the reference implementation.
    public static let maximumHeaderLength: UInt64 = 100_000_000

    /// Reads and validates the file at `path`.
    /// - Throws: `SafetensorsError` naming the file and its defect (`.io` when unreadable).
    public static func read(path: String) throws(SafetensorsError) -> SafetensorsFile {
        let bytes: [UInt8]
        do {
            bytes = try AtomicFile.read(path)
        } catch {
            throw .io(error)
        }
        return try SafetensorsFile(bytes: bytes, source: path)
    }

    /// Decodes and validates safetensors bytes.
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - source: a name for messages, usually the path.
    /// - Throws: `SafetensorsError` naming `source` and the defect.
    public init(bytes: [UInt8], source: String) throws(SafetensorsError) {
        guard bytes.count >= 8 else { throw .tooShort(source: source, byteCount: bytes.count) }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard headerLength <= Self.maximumHeaderLength else {
            throw .headerTooLarge(source: source, headerLength: headerLength)
        }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw .headerLengthPastEnd(source: source, headerLength: headerLength, fileSize: bytes.count)
        }
        let dataStart = 8 + Int(headerLength)
        let header: JSONValue
        do {
            header = try JSONParser.parse(bytes[8..<dataStart])
        } catch {
            throw .headerNotJSON(source: source, detail: error.description)
        }
        guard case .object(let fields) = header else {
            throw .headerNotObject(source: source, found: header.kindDescription)
        }
        let dataSize = bytes.count - dataStart
        var metadata: [String: String] = [:]
        var entries: [Entry] = []
        for (name, value) in fields.fields {
            if name == "__metadata__" {
                metadata = try Self.metadata(value, source: source)
            } else {
                entries.append(try Entry(name: name, value: value, source: source, dataSize: dataSize))
            }
        }
        try Self.checkTiling(entries, dataSize: dataSize, source: source)
        self.metadata = metadata
        self.tensors = entries.map { entry in
            var values = [Float](repeating: 0, count: (entry.end - entry.begin) / 4)
            var p = dataStart + entry.begin
            for i in values.indices {
                let bits =
                    UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16
                    | UInt32(bytes[p + 3]) << 24
                values[i] = Float(bitPattern: bits)
                p += 4
            }
            return SafetensorsTensor(name: entry.name, shape: entry.shape, values: values)
        }
    }

    private static func metadata(_ value: JSONValue, source: String) throws(SafetensorsError) -> [String: String] {
        guard case .object(let object) = value else {
            throw .badMetadata(source: source, detail: "is \(value.kindDescription), expected an object of strings")
        }
        var result: [String: String] = [:]
        for (key, item) in object.fields {
            guard case .string(let text) = item else {
                throw .badMetadata(
                    source: source, detail: "value of \"\(key)\" is \(item.kindDescription), expected a string")
            }
            result[key] = text
        }
        return result
    }

    /// Tensors sorted by offset must follow each other exactly from 0 to the end of the data.
    private static func checkTiling(_ entries: [Entry], dataSize: Int, source: String) throws(SafetensorsError) {
        var cursor = 0
        var previous = ""
        for entry in entries.sorted(by: { ($0.begin, $0.end) < ($1.begin, $1.end) }) {
            if entry.begin < cursor {
                throw .overlap(source: source, tensor: entry.name, other: previous)
            }
            if entry.begin > cursor {
                throw .uncoveredData(source: source, begin: cursor, end: entry.begin)
            }
            cursor = entry.end
            previous = entry.name
        }
        if cursor < dataSize { throw .uncoveredData(source: source, begin: cursor, end: dataSize) }
    }
}

/// One validated header entry.
private struct Entry {
    let name: String
    let shape: [Int]
    let begin: Int
    let end: Int

    init(name: String, value: JSONValue, source: String, dataSize: Int) throws(SafetensorsError) {
        guard case .object(let object) = value else {
            throw .entryNotObject(source: source, tensor: name)
        }
        func field(_ key: String) throws(SafetensorsError) -> JSONValue {
            guard let v = object.value(for: key) else {
                throw .missingField(source: source, tensor: name, field: key)
            }
            return v
        }
        let dtypeValue = try field("dtype")
        let shapeValue = try field("shape")
        let offsetsValue = try field("data_offsets")
        guard case .string(let dtype) = dtypeValue else {
            throw .badField(
                source: source, tensor: name, field: "dtype",
                detail: "is \(dtypeValue.kindDescription), expected a string")
        }
        guard dtype == "F32" else { throw .unsupportedDType(source: source, tensor: name, dtype: dtype) }
        guard let shape = Self.naturals(shapeValue) else {
            throw .badField(source: source, tensor: name, field: "shape", detail: "must be an array of integers ≥ 0")
        }
        guard let offsets = Self.naturals(offsetsValue), offsets.count == 2 else {
            throw .badField(source: source, tensor: name, field: "data_offsets", detail: "must be two integers ≥ 0")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin <= end, end <= dataSize else {
            throw .offsetsOutOfRange(source: source, tensor: name, begin: begin, end: end, dataSize: dataSize)
        }
        // Bytes the shape needs, multiplied in order. An overflow stays Int.max even when a later
        // dimension is 0 ([2^62, 2^62, 0]): such a shape cannot be held (its element count
        // overflows as soon as anything multiplies it out), so it is refused, as the reference does.
        var expected = 4
        for dimension in shape {
            let (product, overflow) = expected.multipliedReportingOverflow(by: dimension)
            if overflow {
                expected = Int.max
                break
            }
            expected = product
        }
        guard expected == end - begin else {
            throw .sizeMismatch(
                source: source, tensor: name, shape: shape, expectedBytes: expected, actualBytes: end - begin)
        }
        self.name = name
        self.shape = shape
        self.begin = begin
        self.end = end
    }

    /// The value as non-negative integers, or nil.
    static func naturals(_ value: JSONValue) -> [Int]? {
        guard case .array(let items) = value else { return nil }
        var result: [Int] = []
        for item in items {
            guard case .integer(let i) = item, i >= 0 else { return nil }
            result.append(i)
        }
        return result
    }
}
