// ImageSet+Transpose: images turned about their main diagonal, for EMNIST.
//
// EMNIST's IDX files (Cohen et al. 2017, "EMNIST: an extension of MNIST to handwritten
// letters") store each image transposed: its rows are the letter's columns. Read as MNIST, every
// letter lies on its side, mirrored. IDXReader detects the files by their names (emnist-*) and
// transposes them, so they show and train upright like MNIST.

extension ImageSet {
    /// Each image transposed (pixel (r, c) moves to (c, r)); rows and columns swap.
    /// - Complexity: O(pixels).
    public func transposed() -> ImageSet {
        let (r, c, d) = (rows, columns, pixelsPerImage)
        var out = [UInt8](repeating: 0, count: pixels.count)
        for image in 0..<count {
            let base = image * d
            for y in 0..<r {
                for x in 0..<c { out[base + x * r + y] = pixels[base + y * c + x] }
            }
        }
        return ImageSet(name: name, rows: c, columns: r, pixels: out, labels: labels)
    }

    /// Whether a file is one of EMNIST's, which store images transposed: its name starts with
    /// `emnist-` (emnist-letters-train-images-idx3-ubyte.gz, ...).
    public static func isTransposedByName(_ path: String) -> Bool {
        lastComponent(path).lowercased().hasPrefix("emnist-")
    }
}
