// SafetensorsFile: F32 tensors plus string metadata in the safetensors format, and its writer.
//
// Layout: 8-byte little-endian UInt64 N, N bytes of JSON header, then the raw little-endian
// tensor bytes. The header is `{"__metadata__":{...},"name":{"dtype":"F32","shape":[..],
// "data_offsets":[begin,end]},...}` with offsets relative to the data section. As the reference
// implementation (huggingface/safetensors) does, tensors are stored in byte order of their names,
// contiguous, and the header is padded with spaces to a multiple of 8 bytes; so for a file with at
// most one metadata key the bytes equal Python's `safetensors.numpy.save_file` output.

/// One named F32 tensor.
public struct SafetensorsTensor: Sendable, Equatable {
    /// Unique name within the file, e.g. "encoder.0.weight".
    public var name: String
    /// Dimensions, outermost first (row-major). `[]` is a scalar.
    public var shape: [Int]
    /// shape.product values, row-major.
    public var values: [Float]

    /// - Precondition: every dimension ≥ 0 and `values.count` equals the product of `shape`.
    public init(name: String, shape: [Int], values: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        precondition(
            values.count == shape.reduce(1, *),
            "tensor \(name): \(values.count) values for shape \(shape)")
        self.name = name
        self.shape = shape
        self.values = values
    }
}

/// A set of tensors and string metadata, as stored in a `.safetensors` file.
public struct SafetensorsFile: Sendable, Equatable {
    /// Tensors; `encoded()` writes them ordered by name, and `read` returns them in that order.
    public var tensors: [SafetensorsTensor]
    /// The header's `__metadata__`: free-form string pairs (preset, epoch, optimizer state, ...).
    public var metadata: [String: String]

    public init(tensors: [SafetensorsTensor], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor named `name`, or nil.
    public func tensor(named name: String) -> SafetensorsTensor? {
        tensors.first { $0.name == name }
    }

    /// Tensors in storage order: by the UTF-8 bytes of their names, as the reference sorts.
    var storageOrder: [SafetensorsTensor] {
        tensors.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// The header JSON without padding. Metadata keys are sorted so the bytes are stable.
    func headerJSON() -> String {
        var header = JSONObject()
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                .map { (key: $0, value: JSONValue.string(metadata[$0] ?? "")) }
            header.append("__metadata__", .object(JSONObject(pairs)))
        }
        var offset = 0
        for tensor in storageOrder {
            let size = tensor.values.count * 4
            let entry: JSONObject = [
                "dtype": "F32",
                "shape": .array(tensor.shape.map { .integer($0) }),
                "data_offsets": [.integer(offset), .integer(offset + size)],
            ]
            header.append(tensor.name, .object(entry))
            offset += size
        }
        return header.jsonText
    }

    /// The complete file as bytes.
    /// - Precondition: tensor names are unique and none is "__metadata__".
    /// - Complexity: O(total values).
    public func encoded() -> [UInt8] {
        let names = tensors.map(\.name)
        precondition(Set(names).count == names.count, "duplicate tensor names in \(names)")
        precondition(!names.contains("__metadata__"), "a tensor may not be named __metadata__")
        var header = Array(headerJSON().utf8)
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))
        let dataSize = tensors.reduce(0) { $0 + $1.values.count * 4 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + dataSize)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        for tensor in storageOrder {
            for value in tensor.values {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
        }
        return bytes
    }

    /// Writes the file to `path` atomically (temporary file, fsync, rename).
    /// - Throws: `FileError` when the folder is not writable or the disk is full; the previous
    ///   file stays intact.
    public func write(to path: String) throws {
        try AtomicFile.write(encoded(), to: path)
    }
}
