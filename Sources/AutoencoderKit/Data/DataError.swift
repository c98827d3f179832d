// DataError: every way a data file or data source can be wrong, as one typed error.
//
// Each message names the file (or folder) and the defect, in words a user can act on:
// "train-images-idx3-ubyte.gz: truncated: expected 47040016 bytes, found 47040000".

/// A problem with a data file, folder or built-in dataset.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not exist.
    case fileMissing(path: String)
    /// The file exists but could not be opened or read (permissions, a folder, I/O error).
    case unreadable(path: String, reason: String)
    /// The file has zero bytes.
    case emptyFile(path: String)
    /// The file (after decompression) is shorter than its header says.
    case truncated(path: String, expected: Int, found: Int)
    /// The file (after decompression) is longer than its header says.
    case trailingBytes(path: String, expected: Int, found: Int)
    /// The first four bytes are not the expected IDX magic number.
    case wrongMagic(path: String, found: UInt32, expected: UInt32, kind: String)
    /// A dimension is zero, too large, or the wrong number of dimensions is present.
    case badDimensions(path: String, detail: String)
    /// The images and labels files hold different numbers of items.
    case labelCountMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    /// Two files that must agree on the image size do not (train vs test).
    case imageSizeMismatch(path: String, rows: Int, columns: Int, expectedRows: Int, expectedColumns: Int)
    /// The file does not start with the gzip magic bytes 1f 8b.
    case notGzip(path: String)
    /// The gzip stream is damaged or ends early.
    case corruptGzip(path: String, detail: String)
    /// A NumPy array has an element type this reader does not handle.
    case unsupportedDType(path: String, dtype: String, supported: String)
    /// A NumPy header that is not a valid `{'descr': ..., 'fortran_order': ..., 'shape': ...}`.
    case badNPYHeader(path: String, detail: String)
    /// A NumPy array in Fortran (column-major) order.
    case fortranOrder(path: String)
    /// An array whose shape cannot be read as images (or labels).
    case badShape(path: String, shape: [Int], detail: String)
    /// Pixel values outside the accepted range ([0, 1] or [0, 255] for floats, 0-255 for labels).
    case valueOutOfRange(path: String, detail: String)
    /// The file, or what its header claims, exceeds a safety limit.
    case tooLarge(path: String, detail: String)
    /// A folder given as a data source without the MNIST-named IDX files.
    case noMNISTFiles(directory: String, lookedFor: [String])
    /// The Fashion-MNIST package is not installed.
    case fashionNotInstalled(directory: String)
    /// A file could not be written.
    case writeFailed(path: String, reason: String)
    /// A .npz (zip) container that is damaged, truncated or uses a feature not read here.
    case corruptZip(path: String, detail: String)
    /// A .npz file without the array asked for.
    case missingArray(path: String, name: String, available: [String])

    public var description: String {
        switch self {
        case .fileMissing(let path):
            return "\(path): file not found"
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .emptyFile(let path):
            return "\(path): file is empty (0 bytes)"
        case .truncated(let path, let expected, let found):
            return "\(path): truncated: expected \(expected) bytes, found \(found)"
        case .trailingBytes(let path, let expected, let found):
            return "\(path): \(found - expected) unexpected trailing bytes: expected \(expected) bytes,"
                + " found \(found)"
        case .wrongMagic(let path, let found, let expected, let kind):
            var message =
                "\(path): wrong magic number: found \(hex(found)), expected \(hex(expected))"
                + " for \(kind)"
            if found == IDXReader.labelsMagic && expected == IDXReader.imagesMagic {
                message += " (this is a labels file; pass the images file)"
            } else if found == IDXReader.imagesMagic && expected == IDXReader.labelsMagic {
                message += " (this is an images file; pass the labels file)"
            } else if path.hasSuffix(".gz") {
                message += " (the name ends in .gz, but the file is not gzip-compressed)"
            }
            return message
        case .badDimensions(let path, let detail):
            return "\(path): bad dimensions: \(detail)"
        case .labelCountMismatch(let images, let imageCount, let labels, let labelCount):
            return "\(labels): \(labelCount) labels, but \(images) holds \(imageCount) images"
        case .imageSizeMismatch(let path, let rows, let columns, let expectedRows, let expectedColumns):
            return "\(path): images are \(rows)x\(columns), expected \(expectedRows)x\(expectedColumns)"
                + " like the training images"
        case .notGzip(let path):
            return "\(path): not a gzip file (it does not start with the bytes 1f 8b)"
        case .corruptGzip(let path, let detail):
            return "\(path): corrupt gzip data: \(detail)"
        case .unsupportedDType(let path, let dtype, let supported):
            return "\(path): unsupported dtype '\(dtype)'; supported: \(supported)"
        case .badNPYHeader(let path, let detail):
            return "\(path): bad .npy header: \(detail)"
        case .fortranOrder(let path):
            return "\(path): array is in Fortran order; save it in C order"
                + " (numpy.ascontiguousarray) and try again"
        case .badShape(let path, let shape, let detail):
            let text =
                "(" + shape.map(String.init).joined(separator: ", ")
                + (shape.count == 1 ? ",)" : ")")
            return "\(path): shape \(text): \(detail)"
        case .valueOutOfRange(let path, let detail):
            return "\(path): values out of range: \(detail)"
        case .tooLarge(let path, let detail):
            return "\(path): too large: \(detail)"
        case .noMNISTFiles(let directory, let lookedFor):
            return "\(directory): no MNIST files in this folder; looked for "
                + lookedFor.joined(separator: ", ")
        case .fashionNotInstalled(let directory):
            return "Fashion-MNIST is not installed (no files in \(directory)); install it with:"
                + "  sudo apt-get install dataset-fashion-mnist"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write: \(reason)"
        case .corruptZip(let path, let detail):
            return "\(path): not a readable .npz (zip) file: \(detail)"
        case .missingArray(let path, let name, let available):
            return "\(path): no array named '\(name)'; the file holds "
                + (available.isEmpty ? "no arrays" : available.map { "'\($0)'" }.joined(separator: ", "))
        }
    }
}

/// 0x00000803 style: eight hex digits.
private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
