// EMNISTOrientationTests: EMNIST's IDX files store each image transposed; files named emnist-*
// load upright, others as they are.
import AutoencoderKit
import Testing

@Suite("EMNIST orientation")
struct EMNISTOrientationTests {
    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder() }

    /// One 2x3 image as EMNIST stores it: the upright 3x2 image [1 2; 3 4; 5 6] transposed.
    let stored = ImageSet(name: "t", rows: 2, columns: 3, pixels: [1, 3, 5, 2, 4, 6], labels: [1])

    @Test("an emnist-* IDX file is transposed back to upright")
    func emnistIsTransposed() throws {
        let images = folder.file("emnist-letters-train-images-idx3-ubyte")
        try IDXWriter.write(stored, imagesPath: images, labelsPath: nil)
        let set = try IDXReader.load(images: images, labels: nil, name: "e")
        #expect(set.rows == 3 && set.columns == 2)
        #expect(set.pixels == [1, 2, 3, 4, 5, 6])
        let data = try DataSource(argument: images).load(validationCount: 1, seed: 1)
        #expect(data.train.rows == 3 && data.train.columns == 2)
    }

    @Test("an MNIST-named IDX file is read as stored")
    func otherFilesAreNot() throws {
        let images = folder.file("train-images-idx3-ubyte")
        try IDXWriter.write(stored, imagesPath: images, labelsPath: nil)
        let set = try IDXReader.load(images: images, labels: nil, name: "m")
        #expect(set.rows == 2 && set.pixels == [1, 3, 5, 2, 4, 6])
    }

    @Test("transposing twice gives the images back, labels kept")
    func transposeRoundTrip() {
        let set = tinySet(count: 3, rows: 4, columns: 5)
        let twice = set.transposed().transposed()
        #expect(set.transposed().rows == 5 && twice.pixels == set.pixels && twice.labels == set.labels)
    }
}
