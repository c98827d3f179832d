// NPZReader: NumPy .npz archives (np.savez, np.savez_compressed) read into image sets.
//
// An .npz is a zip of .npy members, one per array, named as the array plus ".npy". Each member
// goes through NPYReader, so the element types, shapes and value checks are the .npy ones; the
// messages name the array as `file.npz:x_train`.
//
// Which arrays are used, when the argument names none (`--data mnist.npz`):
//   x_train (Keras's mnist.npz and fashion_mnist layouts), else arr_0 (np.savez's name for an
//   unnamed array, as in KMNIST's kmnist-train-imgs.npz), else the only array.
// Named (`--data file.npz:images`), that array. Labels are the array named with x_ replaced by
// y_ (y_train) when present. When the images are x_train and the file holds x_test, x_test
// (with y_test) is the test set.

/// Reads NumPy .npz archives.
public enum NPZReader {
    /// The images (and labels, and a test set) of an .npz file.
    public struct Contents: Sendable {
        public let train: ImageSet
        public let test: ImageSet?
    }

    /// Reads the images array `key` (or the default one) with its labels and test set.
    /// - Parameters:
    ///   - path: the .npz file.
    ///   - key: the images array's name, or nil for x_train / arr_0 / the only array.
    ///   - name: the set's name for messages.
    /// - Throws: `DataError` naming the file (and array) and the defect.
    /// - Complexity: O(file size + inflated size).
    public static func load(path: String, key: String?, name: String) throws -> Contents {
        try parse(FileBytes.read(path), path: path, key: key, name: name)
    }

    /// Parses the bytes of an .npz file (see `load`).
    /// - Throws: `DataError` naming `path` (and the array) and the defect.
    package static func parse(_ bytes: [UInt8], path: String, key: String?, name: String) throws -> Contents {
        let archive = try ZipArchive(bytes: bytes, path: path)
        let arrays = arrayNames(archive)
        let imagesKey = try key ?? defaultKey(arrays, path: path)
        let images = try NPYReader.parseImages(
            member(archive, imagesKey, arrays: arrays), path: "\(path):\(imagesKey)", name: name)
        let train = try withLabels(images, archive: archive, arrays: arrays, imagesKey: imagesKey)
        var test: ImageSet?
        if imagesKey == "x_train" && arrays.contains("x_test") {
            let set = try NPYReader.parseImages(
                member(archive, "x_test", arrays: arrays), path: "\(path):x_test", name: "\(name) test")
            if set.rows != train.rows || set.columns != train.columns {
                throw DataError.imageSizeMismatch(
                    path: "\(path):x_test", rows: set.rows, columns: set.columns, expectedRows: train.rows,
                    expectedColumns: train.columns)
            }
            test = try withLabels(set, archive: archive, arrays: arrays, imagesKey: "x_test")
        }
        return Contents(train: train, test: test)
    }

    /// Reads a labels array from an .npz file: `key`, or y_train / arr_0 / the only array.
    /// - Throws: `DataError` naming the file and array and the defect.
    public static func loadLabels(path: String, key: String? = nil) throws -> [UInt8] {
        try parseLabels(FileBytes.read(path), path: path, key: key)
    }

    /// Parses the labels of an .npz file's bytes (see `loadLabels`).
    package static func parseLabels(_ bytes: [UInt8], path: String, key: String?) throws -> [UInt8] {
        let archive = try ZipArchive(bytes: bytes, path: path)
        let arrays = arrayNames(archive)
        let labelsKey =
            try key ?? (arrays.contains("y_train") ? "y_train" : defaultKey(arrays, path: path))
        return try NPYReader.parseLabels(
            member(archive, labelsKey, arrays: arrays), path: "\(path):\(labelsKey)")
    }

    // MARK: - Helpers

    /// Array names: the members ending in .npy, without that ending.
    private static func arrayNames(_ archive: ZipArchive) -> [String] {
        archive.entries.compactMap { $0.name.hasSuffix(".npy") ? String($0.name.dropLast(4)) : nil }
    }

    private static func defaultKey(_ arrays: [String], path: String) throws -> String {
        if arrays.contains("x_train") { return "x_train" }
        if arrays.contains("arr_0") { return "arr_0" }
        if arrays.count == 1 { return arrays[0] }
        throw DataError.missingArray(path: path, name: "x_train", available: arrays)
    }

    private static func member(_ archive: ZipArchive, _ key: String, arrays: [String]) throws -> [UInt8] {
        guard let entry = archive.entries.first(where: { $0.name == key + ".npy" }) else {
            throw DataError.missingArray(path: archive.path, name: key, available: arrays)
        }
        return try archive.contents(of: entry)
    }

    /// `set` with the labels named after its key (x_train -> y_train), when the file has them.
    private static func withLabels(
        _ set: ImageSet, archive: ZipArchive, arrays: [String], imagesKey: String
    ) throws -> ImageSet {
        guard imagesKey.hasPrefix("x_") || imagesKey.hasPrefix("X_") else { return set }
        let labelsKey = "y_" + imagesKey.dropFirst(2)
        guard arrays.contains(labelsKey) else { return set }
        let path = "\(archive.path):\(labelsKey)"
        let labels = try NPYReader.parseLabels(member(archive, labelsKey, arrays: arrays), path: path)
        if labels.count != set.count {
            throw DataError.labelCountMismatch(
                images: "\(archive.path):\(imagesKey)", imageCount: set.count, labels: path,
                labelCount: labels.count)
        }
        return ImageSet(name: set.name, rows: set.rows, columns: set.columns, pixels: set.pixels, labels: labels)
    }
}
