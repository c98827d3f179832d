// NPYReader: NumPy .npy image arrays (and label vectors) read into an ImageSet.
//
// Images: dtype uint8 (`|u1`), little-endian float32 (`<f4`) or float64 (`<f8`), C order, shaped
// (N, R, C), (N, R, C, 1), (N, 1, R, C) or (N, R·C). A flat (N, D) array takes the rows × columns
// hint (28 × 28 by default) when D = rows·columns, otherwise a square side when D is a square.
// Float pixels: the scale is decided from the values. If every value is in [0, 1] the array is
// read as intensities in [0, 1] and scaled by 255; if the largest value is above 1 (and at most
// 255) it is read as [0, 255]. Values are rounded to the nearest byte. NaN, infinity, values below
// 0 (beyond -0.001, which rounds to 0) and values above 255 are errors.
// Labels: a 1-D array of `|u1`, `|i1`, `<i4` or `<i8` with values 0-255.
// A file may also be gzip-compressed (.npy.gz); it is recognised by its first two bytes.

/// Reads NumPy .npy files of images and labels.
public enum NPYReader {
    /// Element types accepted for images.
    public static let imageTypes = "|u1 (uint8), <f4 (float32), <f8 (float64)"
    /// Element types accepted for labels.
    public static let labelTypes = "|u1 (uint8), |i1 (int8), <i4 (int32), <i8 (int64)"

    /// Reads an images array and, optionally, a labels array.
    /// - Parameters:
    ///   - images: path of the images .npy file.
    ///   - labels: path of the labels .npy file, or nil.
    ///   - name: the set's name for messages.
    ///   - rows: image height for flat (N, D) arrays.
    ///   - columns: image width for flat (N, D) arrays.
    /// - Throws: `DataError` naming the file and the defect, or `.labelCountMismatch`.
    /// - Complexity: O(file size).
    public static func load(
        images: String, labels: String?, name: String, rows: Int = 28, columns: Int = 28
    ) throws -> ImageSet {
        let set = try parseImages(read(images), path: images, name: name, rows: rows, columns: columns)
        guard let labels else { return set }
        let values = try parseLabels(read(labels), path: labels)
        if values.count != set.count {
            throw DataError.labelCountMismatch(
                images: images, imageCount: set.count, labels: labels, labelCount: values.count)
        }
        return ImageSet(name: name, rows: set.rows, columns: set.columns, pixels: set.pixels, labels: values)
    }

    /// Parses the bytes of an images .npy file.
    /// - Throws: `DataError` naming `path` and the defect.
    package static func parseImages(
        _ bytes: [UInt8], path: String, name: String, rows: Int = 28, columns: Int = 28
    ) throws -> ImageSet {
        let header = try NPYHeader(parsing: bytes, path: path)
        if header.fortranOrder { throw DataError.fortranOrder(path: path) }
        let size: Int
        switch header.descr {
        case "|u1", "<u1", ">u1", "u1": size = 1
        case "<f4": size = 4
        case "<f8": size = 8
        default: throw DataError.unsupportedDType(path: path, dtype: header.descr, supported: imageTypes)
        }
        let (count, r, c) = try imageShape(header.shape, path: path, rows: rows, columns: columns)
        let elements = count * r * c
        try checkLength(bytes.count, expected: header.dataOffset + elements * size, path: path)
        let start = header.dataOffset
        let pixels: [UInt8]
        switch size {
        case 1: pixels = Array(bytes[start...])
        case 4: pixels = try floatPixels(bytes, start: start, count: elements, path: path, value: float32)
        default: pixels = try floatPixels(bytes, start: start, count: elements, path: path, value: float64)
        }
        return ImageSet(name: name, rows: r, columns: c, pixels: pixels, labels: nil)
    }

    /// Parses the bytes of a labels .npy file: a 1-D integer array with values 0-255.
    /// - Throws: `DataError` naming `path` and the defect.
    package static func parseLabels(_ bytes: [UInt8], path: String) throws -> [UInt8] {
        let header = try NPYHeader(parsing: bytes, path: path)
        if header.fortranOrder && header.shape.count > 1 { throw DataError.fortranOrder(path: path) }
        let size: Int
        let signed: Bool
        switch header.descr {
        case "|u1", "<u1", "u1": (size, signed) = (1, false)
        case "|i1", "<i1", "i1": (size, signed) = (1, true)
        case "<i4": (size, signed) = (4, true)
        case "<i8": (size, signed) = (8, true)
        default: throw DataError.unsupportedDType(path: path, dtype: header.descr, supported: labelTypes)
        }
        guard header.shape.count == 1 || (header.shape.count == 2 && header.shape[1] == 1) else {
            throw DataError.badShape(
                path: path, shape: header.shape, detail: "labels must be a 1-D array (N,)")
        }
        let count = header.shape[0]
        guard count > 0 else {
            throw DataError.badShape(path: path, shape: header.shape, detail: "no labels")
        }
        guard count <= FileBytes.defaultLimit / size else {
            throw DataError.tooLarge(path: path, detail: "the header claims \(count) labels")
        }
        try checkLength(bytes.count, expected: header.dataOffset + count * size, path: path)
        var labels = [UInt8](repeating: 0, count: count)
        var bad: (index: Int, value: Int64)?
        bytes.withUnsafeBytes { whole in
            let raw = UnsafeRawBufferPointer(rebasing: whole[header.dataOffset...])
            for i in 0..<count {
                let value: Int64
                switch (size, signed) {
                case (1, false): value = Int64(raw[i])
                case (1, true): value = Int64(Int8(bitPattern: raw[i]))
                case (4, _):
                    value = Int64(
                        Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
                default: value = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))
                }
                guard value >= 0 && value <= 255 else {
                    bad = (i, value)
                    return
                }
                labels[i] = UInt8(value)
            }
        }
        if let bad {
            throw DataError.valueOutOfRange(
                path: path, detail: "label \(bad.index) is \(bad.value); labels must be 0-255")
        }
        return labels
    }

    // MARK: - Helpers

    private static func read(_ path: String) throws -> [UInt8] {
        try decoded(FileBytes.read(path), path: path)
    }

    /// A file's bytes, gunzipped when they start with 1f 8b (a `.npy.gz`).
    /// - Throws: `DataError.corruptGzip` or `.tooLarge` for a damaged or oversized stream.
    package static func decoded(_ bytes: [UInt8], path: String) throws -> [UInt8] {
        Gzip.isGzip(bytes) ? try Gzip.decompress(bytes, path: path) : bytes
    }

    /// (N, rows, columns) from an array shape; sizes checked before anything is allocated.
    private static func imageShape(
        _ shape: [Int], path: String, rows: Int, columns: Int
    ) throws -> (Int, Int, Int) {
        if shape.contains(0) {
            throw DataError.badShape(path: path, shape: shape, detail: "a dimension is zero")
        }
        var result: (Int, Int, Int)
        switch shape.count {
        case 3:
            result = (shape[0], shape[1], shape[2])
        case 4 where shape[3] == 1:
            result = (shape[0], shape[1], shape[2])
        case 4 where shape[1] == 1:
            result = (shape[0], shape[2], shape[3])
        case 2:
            let d = shape[1]
            if d == rows * columns {
                result = (shape[0], rows, columns)
            } else if let side = exactSquareRoot(d) {
                result = (shape[0], side, side)
            } else {
                throw DataError.badShape(
                    path: path, shape: shape,
                    detail: "\(d) pixels per image is neither \(rows)x\(columns) nor a square")
            }
        default:
            throw DataError.badShape(
                path: path, shape: shape,
                detail: "expected images shaped (N, rows, columns) or (N, rows*columns)")
        }
        if result.1 > IDXReader.maximumSide || result.2 > IDXReader.maximumSide {
            throw DataError.tooLarge(path: path, detail: "images of \(result.1)x\(result.2) pixels")
        }
        let (area, o1) = result.1.multipliedReportingOverflow(by: result.2)
        let (total, o2) = area.multipliedReportingOverflow(by: result.0)
        if o1 || o2 || total > FileBytes.defaultLimit {
            throw DataError.tooLarge(
                path: path, detail: "the header claims \(result.0) images of \(result.1)x\(result.2) pixels")
        }
        return result
    }

    /// The integer square root of `n` when `n` is a perfect square. The square is checked for
    /// overflow: near Int.max the rounded root squared exceeds Int.max.
    private static func exactSquareRoot(_ n: Int) -> Int? {
        let root = Int(Double(n).squareRoot().rounded())
        let (square, overflow) = root.multipliedReportingOverflow(by: root)
        return !overflow && square == n ? root : nil
    }

    private static func checkLength(_ found: Int, expected: Int, path: String) throws {
        if found < expected { throw DataError.truncated(path: path, expected: expected, found: found) }
        if found > expected { throw DataError.trailingBytes(path: path, expected: expected, found: found) }
    }

    /// Element `i` of a little-endian float32 array.
    private static func float32(_ raw: UnsafeRawBufferPointer, _ i: Int) -> Double {
        Double(
            Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
        )
    }

    /// Element `i` of a little-endian float64 array.
    private static func float64(_ raw: UnsafeRawBufferPointer, _ i: Int) -> Double {
        Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
    }

    /// Converts float pixels to bytes, choosing the [0, 1] or [0, 255] scale from the values.
    private static func floatPixels(
        _ bytes: [UInt8], start: Int, count: Int, path: String,
        value: (UnsafeRawBufferPointer, Int) -> Double
    ) throws -> [UInt8] {
        try bytes.withUnsafeBytes { whole in
            let raw = UnsafeRawBufferPointer(rebasing: whole[start...])
            var low = Double.infinity
            var high = -Double.infinity
            for i in 0..<count {
                let v = value(raw, i)
                guard v.isFinite else {
                    throw DataError.valueOutOfRange(path: path, detail: "element \(i) is \(v)")
                }
                low = min(low, v)
                high = max(high, v)
            }
            if low < -0.001 {
                throw DataError.valueOutOfRange(
                    path: path, detail: "smallest value \(low); pixels must be in [0, 1] or [0, 255]")
            }
            if high > 255.001 {
                throw DataError.valueOutOfRange(
                    path: path, detail: "largest value \(high); pixels must be in [0, 1] or [0, 255]")
            }
            let scale = high <= 1.0 ? 255.0 : 1.0
            return [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
                for i in 0..<count {
                    out[i] = UInt8(min(max((value(raw, i) * scale).rounded(), 0), 255))
                }
                initialized = count
            }
        }
    }
}
