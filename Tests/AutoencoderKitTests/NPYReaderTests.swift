// NPYReaderTests: .npy files written byte by byte as numpy.save would, valid and broken.
import AutoencoderKit
import Foundation
import Testing

/// The bytes numpy.save writes: magic, version, header length, the padded dict, then `payload`.
func npyBytes(
    descr: String, shape: [Int], fortran: Bool = false, payload: [UInt8], major: UInt8 = 1,
    dict: String? = nil
) -> [UInt8] {
    let shapeText = "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
    var text =
        dict
        ?? "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shapeText), }"
    let prefix = major == 1 ? 10 : 12
    while (prefix + text.utf8.count + 1) % 64 != 0 { text += " " }
    text += "\n"
    let length = text.utf8.count
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [major, 0]
    bytes +=
        major == 1
        ? [UInt8(length & 0xff), UInt8(length >> 8)]
        : [
            UInt8(length & 0xff), UInt8((length >> 8) & 0xff), UInt8((length >> 16) & 0xff),
            UInt8(length >> 24),
        ]
    return bytes + Array(text.utf8) + payload
}

/// Little-endian float32 bytes.
func float32Bytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { v -> [UInt8] in
        let bits = v.bitPattern
        return [UInt8(bits & 0xff), UInt8((bits >> 8) & 0xff), UInt8((bits >> 16) & 0xff), UInt8(bits >> 24)]
    }
}

/// Little-endian int64 bytes.
func int64Bytes(_ values: [Int64]) -> [UInt8] {
    values.flatMap { v in (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
}

@Suite("NPY reader")
struct NPYReaderTests {
    let folder: TemporaryFolder
    /// Two 28x28 images with distinct bytes.
    let pixels: [UInt8] = (0..<(2 * 784)).map { UInt8($0 % 251) }

    init() throws { folder = try TemporaryFolder() }

    func images(_ bytes: [UInt8]) throws -> ImageSet {
        try NPYReader.parseImages(bytes, path: "x.npy", name: "t")
    }

    func failure(_ bytes: [UInt8]) -> DataError? {
        do {
            _ = try images(bytes)
            return nil
        } catch {
            return error as? DataError
        }
    }

    @Test("uint8 images shaped (N, 28, 28) are read as they are")
    func uint8ThreeDimensional() throws {
        let set = try images(npyBytes(descr: "|u1", shape: [2, 28, 28], payload: pixels))
        #expect(set.count == 2 && set.rows == 28 && set.columns == 28)
        #expect(set.pixels == pixels)
    }

    @Test("uint8 images shaped (N, 784) take the 28x28 hint")
    func uint8Flat() throws {
        let set = try images(npyBytes(descr: "|u1", shape: [2, 784], payload: pixels))
        #expect(set.count == 2 && set.rows == 28 && set.columns == 28 && set.pixels == pixels)
    }

    @Test("a flat array uses the rows and columns hint")
    func flatWithHint() throws {
        let set = try NPYReader.parseImages(
            npyBytes(descr: "|u1", shape: [3, 12], payload: [UInt8](repeating: 1, count: 36)),
            path: "x.npy", name: "t", rows: 3, columns: 4)
        #expect(set.count == 3 && set.rows == 3 && set.columns == 4)
    }

    @Test("float32 images in [0, 1] are scaled by 255 and rounded")
    func float32UnitRange() throws {
        let values = pixels.map { Float($0) / 255 }
        let set = try images(npyBytes(descr: "<f4", shape: [2, 28, 28], payload: float32Bytes(values)))
        #expect(set.pixels == pixels)
    }

    @Test("float32 images shaped (N, 784) in [0, 255] are read as bytes")
    func float32ByteRange() throws {
        let values = pixels.map { Float($0) }
        let set = try images(npyBytes(descr: "<f4", shape: [2, 784], payload: float32Bytes(values)))
        #expect(set.pixels == pixels && set.rows == 28)
    }

    @Test("format versions 2 and 3 have a four-byte header length")
    func versionTwoAndThree() throws {
        for major: UInt8 in [2, 3] {
            let set = try images(npyBytes(descr: "|u1", shape: [2, 28, 28], payload: pixels, major: major))
            #expect(set.pixels == pixels)
        }
    }

    @Test("images and uint8 or int64 labels load together from files")
    func loadWithLabels() throws {
        let imagesPath = try folder.write(
            "images.npy", npyBytes(descr: "|u1", shape: [2, 784], payload: pixels))
        let small = try folder.write("labels8.npy", npyBytes(descr: "|u1", shape: [2], payload: [3, 9]))
        let wide = try folder.write(
            "labels64.npy", npyBytes(descr: "<i8", shape: [2], payload: int64Bytes([7, 0])))
        #expect(try NPYReader.load(images: imagesPath, labels: small, name: "t").labels == [3, 9])
        #expect(try NPYReader.load(images: imagesPath, labels: wide, name: "t").labels == [7, 0])
    }

    @Test("labels that do not match the image count are refused")
    func labelCountMismatch() throws {
        let imagesPath = try folder.write(
            "images.npy", npyBytes(descr: "|u1", shape: [2, 784], payload: pixels))
        let labels = try folder.write("labels.npy", npyBytes(descr: "|u1", shape: [3], payload: [1, 2, 3]))
        #expect(
            throws: DataError.labelCountMismatch(
                images: imagesPath, imageCount: 2, labels: labels, labelCount: 3)
        ) {
            try NPYReader.load(images: imagesPath, labels: labels, name: "t")
        }
    }

    @Test("labels outside 0-255 are refused")
    func labelsOutOfRange() throws {
        let bytes = npyBytes(descr: "<i8", shape: [2], payload: int64Bytes([1, -4]))
        #expect(
            performing: { try NPYReader.parseLabels(bytes, path: "y.npy") },
            throws: { error in
                guard case DataError.valueOutOfRange(_, let detail) = error else { return false }
                return detail.contains("label 1 is -4")
            })
    }

    @Test("Fortran-ordered arrays are refused")
    func fortranOrder() {
        #expect(
            failure(npyBytes(descr: "|u1", shape: [2, 28, 28], fortran: true, payload: pixels))
                == .fortranOrder(path: "x.npy"))
    }

    @Test("an unsupported dtype is named in the error")
    func wrongDType() {
        for descr in ["<i2", ">f4", "<c8"] {
            let error = failure(npyBytes(descr: descr, shape: [2, 784], payload: pixels))
            #expect(error == .unsupportedDType(path: "x.npy", dtype: descr, supported: NPYReader.imageTypes))
        }
    }

    @Test(
        "broken headers are refused with the defect named",
        arguments: [
            "{'descr': '|u1', 'shape': (2, 784), }",  // missing key
            "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 784), 'extra': 1}",  // extra key
            "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 784)",  // unclosed
            "{'descr': '|u1', 'fortran_order': Nope, 'shape': (2, 784)}",  // not a literal
            "{'descr': '|u1', 'fortran_order': 0, 'shape': (2, 784)}",  // not a bool
            "{'descr': '|u1', 'fortran_order': False, 'shape': '2, 784'}",  // shape not a tuple
            "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 784)} trailing",
            "descr=|u1 shape=(2, 784)",
        ])
    func brokenHeader(dict: String) {
        let error = failure(npyBytes(descr: "", shape: [], payload: pixels, dict: dict))
        guard case .badNPYHeader(let path, _) = error else {
            Issue.record("expected badNPYHeader, got \(String(describing: error))")
            return
        }
        #expect(path == "x.npy")
    }

    @Test("a file without the NUMPY magic is refused")
    func badMagic() {
        guard case .badNPYHeader = failure(Array("not numpy at all".utf8)) else {
            Issue.record("expected badNPYHeader")
            return
        }
    }

    @Test("truncated data and trailing data are told apart")
    func lengthChecked() {
        let whole = npyBytes(descr: "|u1", shape: [2, 28, 28], payload: pixels)
        #expect(
            failure(Array(whole.dropLast(5)))
                == .truncated(path: "x.npy", expected: whole.count, found: whole.count - 5))
        #expect(
            failure(whole + [0])
                == .trailingBytes(path: "x.npy", expected: whole.count, found: whole.count + 1))
    }

    @Test("shapes that are not images are refused")
    func badShapes() {
        for shape in [[1568], [2, 783], [2, 0, 28], [2, 2, 28, 28, 1]] {
            guard case .badShape = failure(npyBytes(descr: "|u1", shape: shape, payload: pixels)) else {
                Issue.record("shape \(shape) was not refused as badShape")
                continue
            }
        }
    }

    @Test("a huge claimed shape is refused before allocating")
    func hugeShape() {
        guard
            case .tooLarge = failure(npyBytes(descr: "<f4", shape: [1_000_000_000_000, 28, 28], payload: []))
        else {
            Issue.record("expected tooLarge")
            return
        }
    }

    @Test("negative, too large and NaN float pixels are refused")
    func floatOutOfRange() {
        for bad: Float in [-0.5, 300, .nan, .infinity] {
            var values = [Float](repeating: 0.5, count: 784)
            values[100] = bad
            guard
                case .valueOutOfRange = failure(
                    npyBytes(descr: "<f4", shape: [1, 784], payload: float32Bytes(values)))
            else {
                Issue.record("value \(bad) was not refused")
                continue
            }
        }
    }
}
