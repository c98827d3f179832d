// IDXReader: MNIST-format (IDX) image and label files, raw or gzip-compressed.
//
// Format (LeCun et al., "THE MNIST DATABASE of handwritten digits", file formats section): a
// big-endian magic number 0x0000TTDD (TT = element type, 0x08 for unsigned bytes; DD = number of
// dimensions), DD big-endian UInt32 sizes, then the elements in row-major order.
//   images: magic 0x00000803, sizes N, rows, columns, then N·rows·columns bytes
//   labels: magic 0x00000801, size N, then N bytes
// The header is checked (magic, sizes, limits) before the body is allocated, and the body must be
// exactly as long as the header says: a truncated file and trailing bytes are both errors.

/// Reads IDX image and label files (MNIST, Fashion-MNIST, KMNIST, EMNIST).
public enum IDXReader {
    /// Magic number of an image file: unsigned bytes, three dimensions.
    public static let imagesMagic: UInt32 = 0x0000_0803
    /// Magic number of a label file: unsigned bytes, one dimension.
    public static let labelsMagic: UInt32 = 0x0000_0801
    /// Largest image side accepted, in pixels.
    public static let maximumSide = 4096
    /// Largest body accepted (pixels of all images), in bytes: 2 GiB.
    public static let maximumBytes = FileBytes.defaultLimit

    /// Reads an images file and, optionally, its labels file.
    /// - Parameters:
    ///   - images: path of an `idx3-ubyte` file, raw or `.gz`.
    ///   - labels: path of the matching `idx1-ubyte` file, or nil.
    ///   - name: the set's name for messages ("mnist train").
    /// - Returns: the images with their labels.
    /// - Throws: `DataError` naming the file and the defect, or `.labelCountMismatch`.
    /// - Complexity: O(file size), with bulk copies.
    /// EMNIST's files (named emnist-*) are stored transposed and come back upright.
    public static func load(images: String, labels: String?, name: String) throws -> ImageSet {
        var set = try parseImagesFile(FileBytes.read(images), path: images, name: name)
        if ImageSet.isTransposedByName(images) { set = set.transposed() }
        guard let labels else { return set }
        let values = try loadLabels(labels)
        if values.count != set.count {
            throw DataError.labelCountMismatch(
                images: images, imageCount: set.count, labels: labels, labelCount: values.count)
        }
        return ImageSet(name: name, rows: set.rows, columns: set.columns, pixels: set.pixels, labels: values)
    }

    /// Reads a labels file.
    /// - Throws: `DataError` naming the file and the defect.
    public static func loadLabels(_ path: String) throws -> [UInt8] {
        try parseLabelsFile(FileBytes.read(path), path: path)
    }

    /// Parses an images file's bytes as they are on disk, raw or gzip-compressed.
    /// - Throws: `DataError` naming `path` and the defect.
    package static func parseImagesFile(_ raw: [UInt8], path: String, name: String) throws -> ImageSet {
        try parseImages(body(raw, path: path, magic: imagesMagic, kind: "images"), path: path, name: name)
    }

    /// Parses a labels file's bytes as they are on disk, raw or gzip-compressed.
    /// - Throws: `DataError` naming `path` and the defect.
    package static func parseLabelsFile(_ raw: [UInt8], path: String) throws -> [UInt8] {
        try parseLabels(body(raw, path: path, magic: labelsMagic, kind: "labels"), path: path)
    }

    /// Parses the bytes of an (uncompressed) images file.
    /// - Throws: `DataError` naming `path` and the defect.
    package static func parseImages(_ bytes: [UInt8], path: String, name: String) throws -> ImageSet {
        let header = try imageHeader(bytes, path: path)
        try checkLength(bytes.count, expected: 16 + header.count * header.rows * header.columns, path: path)
        return ImageSet(
            name: name, rows: header.rows, columns: header.columns, pixels: Array(bytes[16...]),
            labels: nil)
    }

    /// Parses the bytes of an (uncompressed) labels file.
    /// - Throws: `DataError` naming `path` and the defect.
    package static func parseLabels(_ bytes: [UInt8], path: String) throws -> [UInt8] {
        let sizes = try header(bytes, path: path, magic: labelsMagic, kind: "labels")
        try checkLength(bytes.count, expected: 8 + sizes[0], path: path)
        return Array(bytes[8...])
    }

    /// The total file length (header and body) that a header prefix describes, checked against
    /// the limits; used to read no more than that from a compressed file.
    package static func expectedLength(header bytes: [UInt8], path: String, magic: UInt32, kind: String)
        throws -> Int
    {
        let sizes = try header(bytes, path: path, magic: magic, kind: kind)
        return 4 + 4 * sizes.count + sizes.reduce(1, *)
    }

    // MARK: - Header checks

    private static func imageHeader(_ bytes: [UInt8], path: String) throws -> (
        count: Int, rows: Int, columns: Int
    ) {
        let sizes = try header(bytes, path: path, magic: imagesMagic, kind: "images")
        return (sizes[0], sizes[1], sizes[2])
    }

    /// Validates magic and sizes of an IDX header at the start of `bytes`; returns the sizes.
    private static func header(_ bytes: [UInt8], path: String, magic: UInt32, kind: String) throws -> [Int] {
        let dimensions = Int(magic & 0xff)
        let headerLength = 4 + 4 * dimensions
        if bytes.isEmpty { throw DataError.emptyFile(path: path) }
        if bytes.count < 4 {
            throw DataError.truncated(path: path, expected: headerLength, found: bytes.count)
        }
        let found = bigEndianWord(bytes, at: 0)
        if found != magic {
            throw DataError.wrongMagic(path: path, found: found, expected: magic, kind: kind)
        }
        if bytes.count < headerLength {
            throw DataError.truncated(path: path, expected: headerLength, found: bytes.count)
        }
        let sizes = (0..<dimensions).map { Int(bigEndianWord(bytes, at: 4 + 4 * $0)) }
        if let zero = sizes.firstIndex(of: 0) {
            throw DataError.badDimensions(
                path: path, detail: "dimension \(zero + 1) of \(dimensions) is zero (sizes \(sizes))")
        }
        if dimensions == 3 && (sizes[1] > maximumSide || sizes[2] > maximumSide) {
            throw DataError.tooLarge(
                path: path,
                detail: "images of \(sizes[1])x\(sizes[2]) pixels; the limit is \(maximumSide) a side")
        }
        var total = 1
        for size in sizes {
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            if overflow || product > maximumBytes {
                throw DataError.tooLarge(
                    path: path,
                    detail: "the header claims \(sizes.map(String.init).joined(separator: " x ")) bytes"
                        + " of data; the limit is \(maximumBytes)")
            }
            total = product
        }
        return sizes
    }

    private static func checkLength(_ found: Int, expected: Int, path: String) throws {
        if found < expected { throw DataError.truncated(path: path, expected: expected, found: found) }
        if found > expected { throw DataError.trailingBytes(path: path, expected: expected, found: found) }
    }

    @inline(__always)
    private static func bigEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    // MARK: - Files

    /// A file's bytes, gunzipped when they start with 1f 8b. For gzip the header is read first
    /// and the output capped at the length it describes (plus a little, to report trailing
    /// bytes exactly), so a forged header or a gzip bomb cannot make it allocate more.
    private static func body(_ raw: [UInt8], path: String, magic: UInt32, kind: String) throws -> [UInt8] {
        guard Gzip.isGzip(raw) else { return raw }
        let headerLength = 4 + 4 * Int(magic & 0xff)
        let prefix = try Gzip.decompressPrefix(raw, path: path, count: headerLength)
        let expected = try expectedLength(header: prefix, path: path, magic: magic, kind: kind)
        let slack = 4096
        do {
            return try Gzip.decompress(raw, path: path, limit: expected + slack)
        } catch DataError.tooLarge {
            throw DataError.tooLarge(
                path: path,
                detail: "decompresses to more than \(expected + slack) bytes, but its header"
                    + " describes \(expected) bytes")
        }
    }
}
