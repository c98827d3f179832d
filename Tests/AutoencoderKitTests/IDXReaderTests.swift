// IDXReaderTests: tiny IDX files built in a temporary folder, valid and broken in every way.
import AutoencoderKit
import Foundation
import Testing

@Suite("IDX reader")
struct IDXReaderTests {
    let folder: TemporaryFolder
    let set = tinySet(count: 3, rows: 4, columns: 5)

    init() throws { folder = try TemporaryFolder() }

    /// Big-endian IDX header bytes.
    func header(_ words: [UInt32]) -> [UInt8] {
        words.flatMap {
            [UInt8($0 >> 24), UInt8(($0 >> 16) & 0xff), UInt8(($0 >> 8) & 0xff), UInt8($0 & 0xff)]
        }
    }

    func gzip(_ bytes: [UInt8]) throws -> [UInt8] { try Gzip.compress(bytes, path: "test") }

    func loadError(images: [UInt8], labels: [UInt8]? = nil) throws -> DataError? {
        let imagesPath = try folder.write("images-idx3-ubyte", images)
        let labelsPath = try labels.map { try folder.write("labels-idx1-ubyte", $0) }
        do {
            _ = try IDXReader.load(images: imagesPath, labels: labelsPath, name: "t")
            return nil
        } catch let error as DataError {
            return error
        }
    }

    @Test("raw images and labels round-trip through the writer")
    func rawRoundTrip() throws {
        let images = try folder.write("a-images-idx3-ubyte", IDXWriter.imageBytes(set))
        let labels = try folder.write("a-labels-idx1-ubyte", IDXWriter.labelBytes(set.labels ?? []))
        let loaded = try IDXReader.load(images: images, labels: labels, name: "t")
        #expect(loaded.rows == 4 && loaded.columns == 5 && loaded.count == 3)
        #expect(loaded.pixels == set.pixels)
        #expect(loaded.labels == set.labels)
    }

    @Test("gzip-compressed files round-trip, recognised by their magic bytes")
    func gzipRoundTrip() throws {
        let images = folder.file("train-images-idx3-ubyte.gz")
        let labels = folder.file("train-labels-idx1-ubyte.gz")
        try IDXWriter.write(set, imagesPath: images, labelsPath: labels)
        #expect(Gzip.isGzip(try Array(Data(contentsOf: URL(fileURLWithPath: images)))))
        let loaded = try IDXReader.load(images: images, labels: labels, name: "t")
        #expect(loaded.pixels == set.pixels)
        #expect(loaded.labels == set.labels)
    }

    @Test("a header exactly as MNIST's is read: 0x00000803, N, 28, 28")
    func mnistShapedHeader() throws {
        let bytes = header([0x0000_0803, 2, 28, 28]) + [UInt8](repeating: 9, count: 2 * 784)
        let loaded = try IDXReader.parseImages(bytes, path: "x", name: "t")
        #expect(loaded.count == 2 && loaded.rows == 28 && loaded.columns == 28)
        #expect(loaded.pixels.allSatisfy { $0 == 9 })
    }

    @Test("a truncated images file says how many bytes it expected and found")
    func truncatedImages() throws {
        let bytes = IDXWriter.imageBytes(set)
        let error = try loadError(images: Array(bytes.dropLast(7)))
        #expect(error == .truncated(path: folder.file("images-idx3-ubyte"), expected: 76, found: 69))
        #expect(error?.description.contains("expected 76 bytes, found 69") == true)
        #expect(error?.description.contains(folder.file("images-idx3-ubyte")) == true)
    }

    @Test("a file cut inside its header is truncated")
    func truncatedHeader() throws {
        let error = try loadError(images: Array(IDXWriter.imageBytes(set).prefix(10)))
        #expect(error == .truncated(path: folder.file("images-idx3-ubyte"), expected: 16, found: 10))
    }

    @Test("trailing bytes after the images are an error")
    func trailingBytes() throws {
        let error = try loadError(images: IDXWriter.imageBytes(set) + [1, 2])
        #expect(error == .trailingBytes(path: folder.file("images-idx3-ubyte"), expected: 76, found: 78))
    }

    @Test("trailing bytes inside a gzip file are an error too")
    func trailingBytesCompressed() throws {
        let path = try folder.write("x.gz", gzip(IDXWriter.imageBytes(set) + [1, 2, 3]))
        #expect(throws: DataError.trailingBytes(path: path, expected: 76, found: 79)) {
            try IDXReader.load(images: path, labels: nil, name: "t")
        }
    }

    @Test("a labels file passed as images is a wrong magic number, named in hex")
    func wrongMagic() throws {
        let error = try loadError(images: IDXWriter.labelBytes([1, 2, 3]))
        #expect(
            error
                == .wrongMagic(
                    path: folder.file("images-idx3-ubyte"), found: 0x801, expected: 0x803, kind: "images"))
        let text = error?.description ?? ""
        #expect(text.contains("found 0x00000801, expected 0x00000803 for images"))
        #expect(text.contains("labels file"))
    }

    @Test("random bytes are a wrong magic number")
    func garbageMagic() throws {
        let error = try loadError(images: Array("hello, world, this is text".utf8))
        guard case .wrongMagic(_, let found, _, _) = error else {
            Issue.record("expected wrongMagic, got \(String(describing: error))")
            return
        }
        #expect(found == 0x6865_6c6c)
    }

    @Test("labels that do not match the image count are refused")
    func labelCountMismatch() throws {
        let error = try loadError(images: IDXWriter.imageBytes(set), labels: IDXWriter.labelBytes([1, 2]))
        #expect(
            error
                == .labelCountMismatch(
                    images: folder.file("images-idx3-ubyte"), imageCount: 3,
                    labels: folder.file("labels-idx1-ubyte"), labelCount: 2))
        #expect(error?.description.contains("2 labels") == true)
    }

    @Test("an empty file is reported as empty")
    func emptyFile() throws {
        #expect(try loadError(images: []) == .emptyFile(path: folder.file("images-idx3-ubyte")))
    }

    @Test("a missing file is reported as missing")
    func missingFile() throws {
        let path = folder.file("nothing-here")
        #expect(throws: DataError.fileMissing(path: path)) {
            try IDXReader.load(images: path, labels: nil, name: "t")
        }
    }

    @Test("a zero dimension is refused")
    func zeroDimension() throws {
        let error = try loadError(images: header([0x803, 3, 0, 5]))
        guard case .badDimensions = error else {
            Issue.record("expected badDimensions, got \(String(describing: error))")
            return
        }
    }

    @Test("a header claiming trillions of pixels is refused before anything is allocated")
    func hugeClaimRefused() throws {
        // 4,000,000,000 images of 28x28 = 3.1e12 bytes, in a 16-byte file.
        let error = try loadError(images: header([0x803, 4_000_000_000, 28, 28]))
        guard case .tooLarge(_, let detail) = error else {
            Issue.record("expected tooLarge, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("4000000000 x 28 x 28"))
    }

    @Test("a gzip file with a huge claimed count is refused after reading only its header")
    func hugeClaimCompressed() throws {
        let path = try folder.write("huge.gz", gzip(header([0x803, 4_000_000_000, 28, 28]) + [0, 0]))
        #expect(
            performing: { try IDXReader.load(images: path, labels: nil, name: "t") },
            throws: { error in
                if case DataError.tooLarge = error { return true }
                return false
            })
    }

    @Test("a gzip bomb larger than its header says is stopped at the header's size")
    func gzipBomb() throws {
        // Header says 1 image of 4x4 (32 bytes); the stream inflates to 4 MB of zeros.
        let bomb = try gzip(header([0x803, 1, 4, 4]) + [UInt8](repeating: 0, count: 4 << 20))
        let path = try folder.write("bomb.gz", bomb)
        #expect(
            performing: { try IDXReader.load(images: path, labels: nil, name: "t") },
            throws: { error in
                guard case DataError.tooLarge(_, let detail) = error else { return false }
                return detail.contains("header describes 32 bytes")
            })
    }

    @Test("a truncated gzip file is corrupt gzip")
    func truncatedGzip() throws {
        let whole = try gzip(IDXWriter.imageBytes(tinySet(count: 50, rows: 28, columns: 28)))
        let path = try folder.write("cut.gz", Array(whole.prefix(whole.count / 2)))
        #expect(
            performing: { try IDXReader.load(images: path, labels: nil, name: "t") },
            throws: { error in
                guard case DataError.corruptGzip(let p, _) = error else { return false }
                return p == path
            })
    }

    @Test("a gzip file with damaged data is corrupt gzip")
    func damagedGzip() throws {
        var bytes = try gzip(IDXWriter.imageBytes(tinySet(count: 50, rows: 28, columns: 28)))
        for i in 20..<60 { bytes[i] ^= 0x5a }
        let path = try folder.write("damaged.gz", bytes)
        #expect(
            performing: { try IDXReader.load(images: path, labels: nil, name: "t") },
            throws: { error in
                if case DataError.corruptGzip = error { return true }
                return false
            })
    }
}

@Suite("Gzip")
struct GzipTests {
    @Test("compress then decompress gives the input back")
    func roundTrip() throws {
        let input = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 31 / 7) }
        let packed = try Gzip.compress(input, path: "x")
        #expect(packed.count < input.count)
        #expect(try Gzip.decompress(packed, path: "x") == input)
    }

    @Test("bytes without 1f 8b are not gzip")
    func notGzip() {
        #expect(throws: DataError.notGzip(path: "plain.gz")) {
            try Gzip.decompress([0, 0, 8, 3, 1, 2, 3], path: "plain.gz")
        }
        #expect(DataError.notGzip(path: "plain.gz").description.contains("plain.gz"))
    }

    @Test("output beyond the limit is refused")
    func limitEnforced() throws {
        let packed = try Gzip.compress([UInt8](repeating: 0, count: 1 << 20), path: "x")
        #expect(
            performing: { try Gzip.decompress(packed, path: "x", limit: 1_000) },
            throws: { error in
                if case DataError.tooLarge = error { return true }
                return false
            })
    }

    @Test("a size trailer that does not match the data is corrupt gzip")
    func wrongSizeTrailer() throws {
        let input = [UInt8](repeating: 7, count: 5_000)
        var packed = try Gzip.compress(input, path: "x")
        let n = packed.count
        (packed[n - 4], packed[n - 3], packed[n - 2], packed[n - 1]) = (0xff, 0xff, 0xff, 0x7f)
        // The CRC still matches, but ISIZE does not: zlib checks it and reports the mismatch.
        #expect(
            performing: { try Gzip.decompress(packed, path: "x") },
            throws: { error in
                if case DataError.corruptGzip = error { return true }
                return false
            })
    }

    @Test("concatenated gzip members decompress to the concatenation")
    func multipleMembers() throws {
        let a = try Gzip.compress([1, 2, 3], path: "x")
        let b = try Gzip.compress([4, 5], path: "x")
        #expect(try Gzip.decompress(a + b, path: "x") == [1, 2, 3, 4, 5])
    }

    @Test("garbage after the stream is corrupt gzip")
    func trailingGarbage() throws {
        let a = try Gzip.compress([1, 2, 3], path: "x")
        #expect(
            performing: { try Gzip.decompress(a + [9, 9, 9], path: "x") },
            throws: { error in
                if case DataError.corruptGzip = error { return true }
                return false
            })
    }
}
