// DataSource: what `--data` names (built-in digits, Fashion-MNIST, a folder or a file) and how
// to load it into a Dataset with train, validation and test sets.
//
// Validation is always the last images of the training file (never shuffled out), so it is the
// same split every run: 1,000 of the 10,000 built-in digits; 5,000 of Fashion-MNIST's 60,000;
// for other folders and files one twelfth of the training images, at most 5,000 (MNIST's 60,000
// give 5,000). A folder without t10k files, or a single file, has no test set.

/// Where a dataset comes from.
public enum DataSource: Equatable, Sendable, CustomStringConvertible {
    /// The built-in procedurally drawn digits (DigitsGenerator).
    case digits
    /// Fashion-MNIST as installed by the `dataset-fashion-mnist` package.
    case fashion
    /// A folder with MNIST-named IDX files (train-images-idx3-ubyte[.gz], ...).
    case directory(String)
    /// A NumPy images array and, optionally, a labels array.
    case npy(images: String, labels: String?)
    /// A single IDX images file and, optionally, its labels file.
    case idx(images: String, labels: String?)
    /// A NumPy .npz archive, the images array's name (nil for the default, see NPZReader) and,
    /// optionally, a labels .npz beside it (KMNIST's kmnist-train-labels.npz).
    case npz(path: String, key: String?, labels: String?)

    /// Where the `dataset-fashion-mnist` package puts its files.
    public static let fashionDirectory = "/usr/share/datasets/fashion-mnist"
    /// Validation images held out of Fashion-MNIST's 60,000 training images.
    public static let fashionValidationCount = 5_000

    /// Reads a `--data` argument.
    ///
    /// `digits` and `fashion` name the built-in sources. Anything else is a path: a folder is read
    /// for MNIST-named IDX files; `images.npy,labels.npy` names two NumPy files; a file ending in
    /// `.npy` (or `.npy.gz`) is a NumPy images array; `file.npz` or `file.npz:ARRAY` is a NumPy
    /// archive and the array in it (see NPZReader); any other file is an IDX images file. For a
    /// single file, a labels file beside it is used when its name is the images file's name with
    /// `images`/`idx3` replaced by `labels`/`idx1` (or a leading `x_`/`X_` by `y_` for NumPy).
    public init(argument: String) {
        switch argument.lowercased() {
        case "digits": self = .digits
        case "fashion", "fashion-mnist": self = .fashion
        default:
            let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if let (path, key) = DataSource.npzParts(argument) {
                self = .npz(path: path, key: key, labels: DataSource.npzSiblingLabels(of: path))
            } else if parts.count == 2, parts.allSatisfy({ DataSource.isNPYName($0) }) {
                self = .npy(images: parts[0], labels: parts[1])
            } else if DataSource.isNPYName(argument) {
                self = .npy(images: argument, labels: DataSource.siblingLabels(of: argument, npy: true))
            } else if FileBytes.kind(of: argument) == .file {
                self = .idx(images: argument, labels: DataSource.siblingLabels(of: argument, npy: false))
            } else {
                self = .directory(argument)
            }
        }
    }

    public var description: String {
        switch self {
        case .digits: return "digits"
        case .fashion: return "fashion"
        case .directory(let path): return path
        case .npy(let images, let labels), .idx(let images, let labels):
            return labels.map { "\(images) + \($0)" } ?? images
        case .npz(let path, let key, let labels):
            let images = key.map { "\(path):\($0)" } ?? path
            return labels.map { "\(images) + \($0)" } ?? images
        }
    }

    /// Loads the dataset.
    /// - Parameters:
    ///   - validationCount: images held out of training as validation; nil picks the source's
    ///     default (see the top of this file).
    ///   - seed: fixes the built-in digits; files are read in order and ignore it.
    /// - Returns: train, validation and (when the source has one) test sets.
    /// - Throws: `DataError` naming the file or folder and the defect.
    public func load(validationCount: Int? = nil, seed: UInt64) throws -> Dataset {
        switch self {
        case .digits:
            return DigitsGenerator.dataset(
                seed: seed, validationCount: validationCount ?? DigitsGenerator.defaultValidationCount)
        case .fashion:
            let directory = DataSource.fashionDirectory
            guard FileBytes.kind(of: directory) == .directory,
                MNISTFolder.file(in: directory, "train-images") != nil
            else { throw DataError.fashionNotInstalled(directory: directory) }
            var dataset = try MNISTFolder.load(
                directory, name: "fashion",
                validationCount: validationCount ?? DataSource.fashionValidationCount)
            dataset.source = MNISTFolder.file(in: directory, "train-images") ?? directory
            return dataset
        case .directory(let path):
            switch FileBytes.kind(of: path) {
            case .missing: throw DataError.fileMissing(path: path)
            case .directory: break
            default:
                throw DataError.unreadable(path: path, reason: "not a folder, an IDX file or a .npy file")
            }
            var dataset = try MNISTFolder.load(path, name: lastComponent(path), validationCount: validationCount)
            dataset.source = MNISTFolder.file(in: path, "train-images") ?? path
            return dataset
        case .npy(let images, let labels):
            let set = try NPYReader.load(images: images, labels: labels, name: baseName(images))
            var dataset = Dataset(
                name: set.name, all: set, validationCount: validationCount ?? defaultValidation(set.count),
                test: nil)
            dataset.source = images
            return dataset
        case .npz(let path, let key, let labels):
            let contents = try NPZReader.load(path: path, key: key, name: baseName(path))
            let train = try DataSource.withNPZLabels(contents.train, images: path, labels: labels)
            var test = contents.test
            // KMNIST: kmnist-test-imgs.npz (and -labels) beside kmnist-train-imgs.npz
            if test == nil, key == nil, let testPath = DataSource.npzSibling(of: path, "-train-", "-test-") {
                let set = try NPZReader.load(path: testPath, key: nil, name: baseName(testPath)).train
                if set.rows != train.rows || set.columns != train.columns {
                    throw DataError.imageSizeMismatch(
                        path: testPath, rows: set.rows, columns: set.columns, expectedRows: train.rows,
                        expectedColumns: train.columns)
                }
                test = try DataSource.withNPZLabels(
                    set, images: testPath, labels: DataSource.npzSiblingLabels(of: testPath))
            }
            var dataset = Dataset(
                name: train.name, all: train,
                validationCount: validationCount ?? defaultValidation(train.count), test: test)
            dataset.source = path
            return dataset
        case .idx(let images, let labels):
            let set = try IDXReader.load(images: images, labels: labels, name: baseName(images))
            var dataset = Dataset(
                name: set.name, all: set, validationCount: validationCount ?? defaultValidation(set.count),
                test: nil)
            dataset.source = images
            return dataset
        }
    }

    // MARK: - Names

    /// The path and array name of `file.npz` or `file.npz:ARRAY`, or nil for other arguments.
    private static func npzParts(_ argument: String) -> (String, String?)? {
        if argument.lowercased().hasSuffix(".npz") { return (argument, nil) }
        let characters = Array(argument)
        guard characters.count > 5 else { return nil }
        for start in stride(from: characters.count - 5, through: 1, by: -1)
        where String(characters[start..<(start + 5)]).lowercased() == ".npz:" {
            let key = String(characters[(start + 5)...])
            return (String(characters[..<(start + 4)]), key.isEmpty ? nil : key)
        }
        return nil
    }

    /// KMNIST's labels archive beside its images: `-imgs` replaced by `-labels`, when it exists.
    private static func npzSiblingLabels(of images: String) -> String? {
        npzSibling(of: images, "-imgs", "-labels")
    }

    /// The file named as `path` with `target` replaced by `replacement` in its name, if it exists.
    private static func npzSibling(of path: String, _ target: String, _ replacement: String) -> String? {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = String(path[slash...])
        let candidate = name.replacingFirst(target, with: replacement)
        guard candidate != name else { return nil }
        let sibling = String(path[..<slash]) + candidate
        return FileBytes.kind(of: sibling) == .file ? sibling : nil
    }

    /// `set` with the labels of a separate labels archive, when there is one.
    private static func withNPZLabels(_ set: ImageSet, images: String, labels: String?) throws -> ImageSet {
        guard let labels else { return set }
        let values = try NPZReader.loadLabels(path: labels)
        if values.count != set.count {
            throw DataError.labelCountMismatch(
                images: images, imageCount: set.count, labels: labels, labelCount: values.count)
        }
        return ImageSet(name: set.name, rows: set.rows, columns: set.columns, pixels: set.pixels, labels: values)
    }

    private static func isNPYName(_ path: String) -> Bool {
        path.lowercased().hasSuffix(".npy") || path.lowercased().hasSuffix(".npy.gz")
    }

    /// The labels file beside an images file, if one exists under the conventional name.
    private static func siblingLabels(of images: String, npy: Bool) -> String? {
        let slash = images.lastIndex(of: "/").map { images.index(after: $0) } ?? images.startIndex
        let folder = String(images[..<slash])
        let name = String(images[slash...])
        var candidates = [
            name.replacingFirst("images-idx3", with: "labels-idx1"),
            name.replacingFirst("images.idx3", with: "labels.idx1"),
            name.replacingFirst("images", with: "labels").replacingFirst("idx3", with: "idx1"),
        ]
        if npy {
            for prefix in ["x_", "X_"] where name.hasPrefix(prefix) {
                candidates.append("y_" + name.dropFirst(2))
            }
        }
        return candidates.first { $0 != name && FileBytes.kind(of: folder + $0) == .file }.map { folder + $0 }
    }
}

/// Default validation split for folders and files: one twelfth, at most 5,000.
func defaultValidation(_ trainCount: Int) -> Int { min(5_000, max(1, trainCount / 12)) }

/// The part of a path after its last slash (trailing slashes ignored).
func lastComponent(_ path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    return String(trimmed.split(separator: "/").last ?? trimmed)
}

/// A file's name without its folder and its extensions (".npy", ".gz", "-idx3-ubyte").
func baseName(_ path: String) -> String {
    var name = lastComponent(path)
    for suffix in [".gz", ".npy", ".npz", "-idx3-ubyte", ".idx3-ubyte", ".idx"] where name.hasSuffix(suffix) {
        name = String(name.dropLast(suffix.count))
    }
    return name
}

extension String {
    /// The string with the first occurrence of `target` replaced (unchanged if absent).
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        replacing(target, with: replacement, maxReplacements: 1)
    }
}
