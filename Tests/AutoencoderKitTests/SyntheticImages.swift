// SyntheticImages: small deterministic image sets for tests that need data but not digits.
@testable import AutoencoderKit

enum SyntheticImages {
    /// `count` 28x28 images of one or two soft blobs at seeded positions.
    static func blobs(count: Int, seed: UInt64) -> ImageSet {
        var random = RandomGenerator(seed: seed)
        var pixels = [UInt8](repeating: 0, count: count * 784)
        for n in 0..<count {
            let blobsInImage = 1 + random.nextIndex(below: 2)
            for _ in 0..<blobsInImage {
                let cy = 6 + 16 * Double(random.nextUniform())
                let cx = 6 + 16 * Double(random.nextUniform())
                let r = 2 + 3 * Double(random.nextUniform())
                for y in 0..<28 {
                    for x in 0..<28 {
                        let d2 = (Double(y) - cy) * (Double(y) - cy) + (Double(x) - cx) * (Double(x) - cx)
                        let v = 255 * max(0, 1 - d2 / (r * r))
                        let i = n * 784 + y * 28 + x
                        pixels[i] = UInt8(min(255, Double(pixels[i]) + v))
                    }
                }
            }
        }
        return ImageSet(name: "blobs", rows: 28, columns: 28, pixels: pixels, labels: nil)
    }

    static func dataset(train: Int = 512, validation: Int = 128, seed: UInt64 = 7) -> Dataset {
        Dataset(
            name: "blobs", all: blobs(count: train + validation, seed: seed), validationCount: validation, test: nil)
    }
}
