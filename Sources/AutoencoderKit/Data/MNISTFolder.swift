// MNISTFolder: a folder of MNIST-named IDX files (MNIST, Fashion-MNIST, KMNIST all ship so).
//
//   train-images-idx3-ubyte[.gz]   required
//   train-labels-idx1-ubyte[.gz]   optional (an autoencoder needs no labels)
//   t10k-images-idx3-ubyte[.gz]    optional: without it there is no test set
//   t10k-labels-idx1-ubyte[.gz]    optional
// The variants with a dot (train-images.idx3-ubyte, as some mirrors name them) are accepted.

/// Finds and loads the MNIST-named IDX files of a folder.
enum MNISTFolder {
    /// The names looked for, for the "no MNIST files" message.
    static let expectedNames = [
        "train-images-idx3-ubyte[.gz]", "train-labels-idx1-ubyte[.gz]",
        "t10k-images-idx3-ubyte[.gz]", "t10k-labels-idx1-ubyte[.gz]",
    ]

    /// The path of `stem` ("train-images", "t10k-labels", ...) in `directory`, if present.
    static func file(in directory: String, _ stem: String) -> String? {
        let kind = stem.hasSuffix("images") ? "idx3-ubyte" : "idx1-ubyte"
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        for separator in ["-", "."] {
            for suffix in ["", ".gz"] {
                let path = folder + stem + separator + kind + suffix
                if FileBytes.kind(of: path) == .file { return path }
            }
        }
        return nil
    }

    /// Loads train (split into train and validation) and, if present, test.
    /// - Parameter validationCount: held-out images; nil for one twelfth, at most 5,000.
    /// - Throws: `DataError.noMNISTFiles` without a training images file, or any reader error.
    static func load(_ directory: String, name: String, validationCount: Int?) throws -> Dataset {
        guard let trainImages = file(in: directory, "train-images") else {
            throw DataError.noMNISTFiles(directory: directory, lookedFor: expectedNames)
        }
        let train = try IDXReader.load(
            images: trainImages, labels: file(in: directory, "train-labels"), name: "\(name) train")
        var test: ImageSet?
        if let testImages = file(in: directory, "t10k-images") {
            let set = try IDXReader.load(
                images: testImages, labels: file(in: directory, "t10k-labels"), name: "\(name) test")
            if set.rows != train.rows || set.columns != train.columns {
                throw DataError.imageSizeMismatch(
                    path: testImages, rows: set.rows, columns: set.columns, expectedRows: train.rows,
                    expectedColumns: train.columns)
            }
            test = set
        }
        return Dataset(
            name: name, all: train, validationCount: validationCount ?? defaultValidation(train.count),
            test: test)
    }
}
