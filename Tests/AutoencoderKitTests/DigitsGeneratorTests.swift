// DigitsGeneratorTests: the built-in digits are deterministic, balanced and MNIST-like.
import AutoencoderKit
import Foundation
import Testing

@Suite("Built-in digits")
struct DigitsGeneratorTests {
    @Test("the same seed gives the same bytes")
    func sameSeedSameBytes() {
        let a = DigitsGenerator.images(count: 200, seed: 42, name: "a")
        let b = DigitsGenerator.images(count: 200, seed: 42, name: "b")
        #expect(a.pixels == b.pixels)
        #expect(a.labels == b.labels)
    }

    @Test("a different seed gives different images")
    func differentSeedDifferentImages() {
        let a = DigitsGenerator.images(count: 200, seed: 42, name: "a")
        let b = DigitsGenerator.images(count: 200, seed: 43, name: "b")
        #expect(a.pixels != b.pixels)
        #expect(a.labels != b.labels)
    }

    @Test("every digit appears equally often")
    func labelsAreBalanced() throws {
        let set = DigitsGenerator.images(count: 1_000, seed: 1, name: "digits")
        let labels = try #require(set.labels)
        var counts = [Int](repeating: 0, count: 10)
        for label in labels { counts[Int(label)] += 1 }
        #expect(counts == [Int](repeating: 100, count: 10))
        #expect(set.rows == 28 && set.columns == 28 && set.count == 1_000)
    }

    // MNIST's training images: mean pixel 0.1307 (of 1), about 19% of pixels non-zero, and
    // about 10% above one half. The ranges below leave room for a different pen but catch a
    // generator that draws nothing, blobs, or hairlines.
    @Test("pixel statistics are close to MNIST's")
    func pixelStatisticsLikeMNIST() {
        let set = DigitsGenerator.images(count: 2_000, seed: 3, name: "digits")
        let total = Double(set.pixels.count)
        let mean = set.pixels.reduce(0.0) { $0 + Double($1) } / (255 * total)
        let inked = Double(set.pixels.filter { $0 > 0 }.count) / total
        let dark = Double(set.pixels.filter { $0 > 127 }.count) / total
        #expect(mean > 0.09 && mean < 0.19, "mean pixel \(mean)")
        #expect(inked > 0.12 && inked < 0.30, "non-zero fraction \(inked)")
        #expect(dark > 0.06 && dark < 0.18, "fraction above one half \(dark)")
    }

    @Test("each image is centred by mass and leaves the border empty")
    func imagesAreCentred() {
        let set = DigitsGenerator.images(count: 300, seed: 5, name: "digits")
        var borderInk = 0
        for i in 0..<set.count {
            let image = Array(set.image(i))
            var mass = 0.0
            var cx = 0.0
            var cy = 0.0
            for y in 0..<28 {
                for x in 0..<28 {
                    let v = Double(image[y * 28 + x])
                    mass += v
                    cx += v * (Double(x) + 0.5)
                    cy += v * (Double(y) + 0.5)
                    if x == 0 || y == 0 || x == 27 || y == 27 { borderInk += Int(v > 0 ? 1 : 0) }
                }
            }
            #expect(mass > 0)
            #expect(abs(cx / mass - 14) < 2.0 && abs(cy / mass - 14) < 2.0, "image \(i)")
        }
        #expect(borderInk < set.count / 2)
    }

    @Test("the dataset splits train into train and validation, and draws test separately")
    func datasetSplits() throws {
        let data = DigitsGenerator.dataset(seed: 9, trainCount: 500, testCount: 100, validationCount: 50)
        let all = DigitsGenerator.images(count: 500, seed: 9, name: "all")
        #expect(data.train.count == 450 && data.validation.count == 50)
        #expect(data.train.pixels + data.validation.pixels == all.pixels)
        let test = try #require(data.test)
        #expect(test.count == 100)
        #expect(test.pixels != Array(all.pixels.prefix(100 * 784)))
    }
}
