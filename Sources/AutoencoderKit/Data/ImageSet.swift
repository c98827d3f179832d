// ImageSet: images kept as UInt8 pixels, converted to Float32 one batch at a time.
//
// 60,000 28x28 images take 47 MB as bytes instead of 188 MB as floats; a batch is scaled to
// [0, 1] into a caller-owned buffer right before it is used.

/// A set of equally sized grey images with optional labels.
public struct ImageSet: Sendable {
    /// Where the images came from, for messages ("fashion train", "digits test").
    public let name: String
    /// Image height in pixels.
    public let rows: Int
    /// Image width in pixels.
    public let columns: Int
    /// Pixels, row-major, image after image: count × rows × columns.
    public let pixels: [UInt8]
    /// One label per image (0-9 for digits and Fashion-MNIST), or nil.
    public let labels: [UInt8]?

    /// - Precondition: `pixels.count` is a multiple of rows·columns and labels match the count.
    public init(name: String, rows: Int, columns: Int, pixels: [UInt8], labels: [UInt8]?) {
        precondition(rows > 0 && columns > 0 && pixels.count % (rows * columns) == 0)
        precondition(labels == nil || labels!.count == pixels.count / (rows * columns))
        self.name = name
        self.rows = rows
        self.columns = columns
        self.pixels = pixels
        self.labels = labels
    }

    /// Pixels per image (D).
    public var pixelsPerImage: Int { rows * columns }
    /// Number of images (N).
    public var count: Int { pixels.count / pixelsPerImage }

    /// The pixels of image `index`.
    public func image(_ index: Int) -> ArraySlice<UInt8> {
        pixels[(index * pixelsPerImage)..<((index + 1) * pixelsPerImage)]
    }

    /// Writes the images named by `indices`, scaled to [0, 1], as rows of `destination`.
    /// - Precondition: `destination` holds indices.count × pixelsPerImage values.
    public func fill<T: EngineScalar>(
        _ destination: UnsafeMutablePointer<T>, indices: some Collection<Int32>
    ) {
        let d = pixelsPerImage
        let scale = T(1) / T(255)
        pixels.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            var row = 0
            for index in indices {
                let src = base + Int(index) * d
                let dst = destination + row * d
                for j in 0..<d { dst[j] = T(src[j]) * scale }
                row += 1
            }
        }
    }

    /// The images in `range` as a new set (shares nothing; copies the bytes).
    public func subset(_ range: Range<Int>, name: String? = nil) -> ImageSet {
        let d = pixelsPerImage
        return ImageSet(
            name: name ?? self.name, rows: rows, columns: columns,
            pixels: Array(pixels[(range.lowerBound * d)..<(range.upperBound * d)]),
            labels: labels.map { Array($0[range]) })
    }
}

/// A dataset ready for training: a training set, a held-out validation split and a test set.
public struct Dataset: Sendable {
    /// Short name ("digits", "fashion", or the folder's name).
    public let name: String
    public let train: ImageSet
    public let validation: ImageSet
    public let test: ImageSet?
    /// The file (or folder) the training images were read from; nil for the built-in digits.
    public var source: String?

    public init(name: String, train: ImageSet, validation: ImageSet, test: ImageSet?) {
        self.name = name
        self.train = train
        self.validation = validation
        self.test = test
    }

    /// Splits `all` into train and the last `validationCount` images as validation.
    public init(name: String, all: ImageSet, validationCount: Int, test: ImageSet?) {
        let v = min(max(validationCount, 1), max(all.count - 1, 1))
        self.init(
            name: name, train: all.subset(0..<(all.count - v), name: "\(name) train"),
            validation: all.subset((all.count - v)..<all.count, name: "\(name) validation"),
            test: test)
    }
}
