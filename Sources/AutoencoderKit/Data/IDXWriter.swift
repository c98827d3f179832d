// IDXWriter: writes image sets as MNIST-format (IDX) files, raw or gzip-compressed.
//
// The inverse of IDXReader: used to write the sample data in samples/ and, in tests, to build
// tiny valid files that are then broken on purpose.

/// Encodes and writes IDX image and label files.
public enum IDXWriter {
    /// The IDX bytes of an images file: magic 0x00000803, N, rows, columns, pixels.
    public static func imageBytes(_ set: ImageSet) -> [UInt8] {
        var bytes = header(magic: IDXReader.imagesMagic, sizes: [set.count, set.rows, set.columns])
        bytes.append(contentsOf: set.pixels)
        return bytes
    }

    /// The IDX bytes of a labels file: magic 0x00000801, N, labels.
    public static func labelBytes(_ labels: [UInt8]) -> [UInt8] {
        var bytes = header(magic: IDXReader.labelsMagic, sizes: [labels.count])
        bytes.append(contentsOf: labels)
        return bytes
    }

    /// Writes `set` as an images file and, if it has labels and `labelsPath` is given, a labels
    /// file. Each file is gzip-compressed when its path ends in `.gz`.
    /// - Throws: `DataError.writeFailed`.
    public static func write(_ set: ImageSet, imagesPath: String, labelsPath: String?) throws {
        try write(imageBytes(set), to: imagesPath)
        if let labelsPath, let labels = set.labels {
            try write(labelBytes(labels), to: labelsPath)
        }
    }

    private static func write(_ bytes: [UInt8], to path: String) throws {
        let data = path.hasSuffix(".gz") ? try Gzip.compress(bytes, path: path) : bytes
        try FileBytes.write(data, to: path)
    }

    private static func header(magic: UInt32, sizes: [Int]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4 + 4 * sizes.count)
        for word in [magic] + sizes.map({ UInt32(truncatingIfNeeded: $0) }) {
            bytes += [
                UInt8(word >> 24), UInt8((word >> 16) & 0xff), UInt8((word >> 8) & 0xff), UInt8(word & 0xff),
            ]
        }
        return bytes
    }
}
