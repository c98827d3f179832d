// DataSourceTests: `--data` arguments, MNIST folders, the committed sample and Fashion-MNIST.
import AutoencoderKit
import Foundation
import Testing

@Suite("Data sources")
struct DataSourceTests {
    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder() }

    @Test("arguments name the built-in sources, folders and files")
    func argumentsAreRead() throws {
        #expect(DataSource(argument: "digits") == .digits)
        #expect(DataSource(argument: "fashion") == .fashion)
        #expect(DataSource(argument: folder.path) == .directory(folder.path))
        #expect(DataSource(argument: "a.npy") == .npy(images: "a.npy", labels: nil))
        #expect(DataSource(argument: "a.npy,b.npy") == .npy(images: "a.npy", labels: "b.npy"))
        let images = folder.file("emnist-images-idx3-ubyte.gz")
        try IDXWriter.write(
            tinySet(), imagesPath: images, labelsPath: folder.file("emnist-labels-idx1-ubyte.gz"))
        #expect(
            DataSource(argument: images)
                == .idx(images: images, labels: folder.file("emnist-labels-idx1-ubyte.gz")))
    }

    @Test("a .npy argument finds its labels file by the usual names")
    func npyLabelsFound() throws {
        try folder.write("x_train.npy", [0])
        try folder.write("y_train.npy", [0])
        let path = folder.file("x_train.npy")
        #expect(DataSource(argument: path) == .npy(images: path, labels: folder.file("y_train.npy")))
    }

    @Test("the built-in digits load as 9,000 train, 1,000 validation, 2,000 test")
    func digitsLoad() throws {
        let data = try DataSource.digits.load(seed: 1)
        #expect(data.train.count == 9_000 && data.validation.count == 1_000)
        #expect(try #require(data.test).count == 2_000)
        #expect(data.train.rows == 28 && data.train.labels != nil)
    }

    @Test("a folder with train and t10k files gives train, validation and test")
    func mnistFolderLoads() throws {
        let train = tinySet(count: 24, rows: 28, columns: 28)
        try IDXWriter.write(
            train, imagesPath: folder.file("train-images-idx3-ubyte.gz"),
            labelsPath: folder.file("train-labels-idx1-ubyte.gz"))
        try IDXWriter.write(
            tinySet(count: 6, rows: 28, columns: 28), imagesPath: folder.file("t10k-images-idx3-ubyte"),
            labelsPath: folder.file("t10k-labels-idx1-ubyte"))
        let data = try DataSource(argument: folder.path).load(seed: 0)
        #expect(data.train.count == 22 && data.validation.count == 2)  // one twelfth held out
        #expect(data.train.pixels == Array(train.pixels.prefix(22 * 784)))
        #expect(data.test?.count == 6 && data.test?.labels != nil)
        #expect(try DataSource(argument: folder.path).load(validationCount: 4, seed: 0).validation.count == 4)
    }

    @Test("a folder with only train files has no test set")
    func trainOnlyFolder() throws {
        try IDXWriter.write(
            tinySet(count: 12), imagesPath: folder.file("train-images-idx3-ubyte"), labelsPath: nil)
        let data = try DataSource.directory(folder.path).load(seed: 0)
        #expect(data.test == nil && data.train.count == 11 && data.validation.count == 1)
        #expect(data.train.labels == nil)
    }

    @Test("test images of another size than train are refused")
    func testSizeMismatch() throws {
        try IDXWriter.write(
            tinySet(count: 12, rows: 4, columns: 5), imagesPath: folder.file("train-images-idx3-ubyte"),
            labelsPath: nil)
        try IDXWriter.write(
            tinySet(count: 2, rows: 5, columns: 5), imagesPath: folder.file("t10k-images-idx3-ubyte"),
            labelsPath: nil)
        #expect(
            throws: DataError.imageSizeMismatch(
                path: folder.file("t10k-images-idx3-ubyte"), rows: 5, columns: 5, expectedRows: 4,
                expectedColumns: 5)
        ) { try DataSource.directory(folder.path).load(seed: 0) }
    }

    @Test("a folder without MNIST files says which names it looked for")
    func folderWithoutFiles() throws {
        try folder.write("readme.txt", Array("hello".utf8))
        #expect(
            performing: { try DataSource.directory(folder.path).load(seed: 0) },
            throws: { error in
                guard let error = error as? DataError, case .noMNISTFiles(let directory, _) = error else {
                    return false
                }
                return directory == folder.path && error.description.contains("train-images-idx3-ubyte[.gz]")
            })
    }

    @Test("a path that does not exist is reported as missing")
    func missingPath() {
        let path = folder.file("no-such-folder")
        #expect(throws: DataError.fileMissing(path: path)) { try DataSource(argument: path).load(seed: 0) }
    }

    @Test("the missing Fashion-MNIST message gives the install command")
    func fashionHint() {
        let text = DataError.fashionNotInstalled(directory: DataSource.fashionDirectory).description
        #expect(text.contains("sudo apt-get install dataset-fashion-mnist"))
        #expect(text.contains("/usr/share/datasets/fashion-mnist"))
    }

    @Test("the committed sample folder loads through the folder loader")
    func sampleLoads() throws {
        let data = try DataSource(argument: packageRoot + "/samples/digits-500").load(seed: 0)
        #expect(data.train.count + data.validation.count == 500)
        #expect(data.test == nil && data.train.rows == 28 && data.train.columns == 28)
        var counts = [Int](repeating: 0, count: 10)
        for label in (data.train.labels ?? []) + (data.validation.labels ?? []) { counts[Int(label)] += 1 }
        #expect(counts == [Int](repeating: 50, count: 10))
    }

    @Test(
        "Fashion-MNIST loads as 55,000 train, 5,000 validation and 10,000 test images",
        .enabled(
            if: FileManager.default.fileExists(
                atPath: DataSource.fashionDirectory + "/train-images-idx3-ubyte.gz")))
    func fashionLoads() throws {
        let data = try DataSource(argument: "fashion").load(seed: 0)
        #expect(data.train.count == 55_000 && data.validation.count == 5_000)
        #expect(try #require(data.test).count == 10_000)
        #expect(data.train.rows == 28 && data.train.columns == 28)
        #expect(data.train.labels?.allSatisfy { $0 < 10 } == true)
    }
}
