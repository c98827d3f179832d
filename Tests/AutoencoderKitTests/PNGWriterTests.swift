// Tests of PNGWriter: an independent decoder in the test reads the bytes back.

import CZlib
import Foundation
import TestSupport
import Testing

@testable import AutoencoderKit
@testable import Pictures

/// A tiny PNG reader for tests: chunks, CRCs, inflate, unfilter (filter 0 only, as written).
struct TestPNG {
    var width = 0
    var height = 0
    var colourType = 0
    var chunkTypes: [String] = []
    var pixels: [UInt8] = []

    enum Failure: Error {
        case signature, truncated
        case crc(String)
        case inflate(Int32)
        case filter(UInt8)
        case ihdr
    }

    init(_ bytes: [UInt8]) throws {
        guard Array(bytes.prefix(8)) == [137, 80, 78, 71, 13, 10, 26, 10] else { throw Failure.signature }
        func u32(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        var i = 8
        var idat: [UInt8] = []
        while i < bytes.count {
            guard i + 12 <= bytes.count else { throw Failure.truncated }
            let length = u32(i)
            let type = String(decoding: bytes[(i + 4)..<(i + 8)], as: UTF8.self)
            guard i + 12 + length <= bytes.count else { throw Failure.truncated }
            let body = Array(bytes[(i + 4)..<(i + 8 + length)])
            let crc = body.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
            guard UInt(crc) == UInt(u32(i + 8 + length)) else { throw Failure.crc(type) }
            let data = Array(body.dropFirst(4))
            chunkTypes.append(type)
            if type == "IHDR" {
                guard data.count == 13, data[8] == 8, data[10] == 0, data[11] == 0, data[12] == 0 else {
                    throw Failure.ihdr
                }
                width = data[0..<4].reduce(0) { $0 << 8 | Int($1) }
                height = data[4..<8].reduce(0) { $0 << 8 | Int($1) }
                colourType = Int(data[9])
            } else if type == "IDAT" {
                idat += data
            }
            i += 12 + length
        }
        let channels = colourType == 2 ? 3 : 1
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: (stride + 1) * height)
        var size = uLong(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { dst in
            idat.withUnsafeBufferPointer { uncompress(dst.baseAddress, &size, $0.baseAddress, uLong($0.count)) }
        }
        guard status == Z_OK, Int(size) == raw.count else { throw Failure.inflate(status) }
        for row in 0..<height {
            guard raw[row * (stride + 1)] == 0 else { throw Failure.filter(raw[row * (stride + 1)]) }
            pixels += raw[(row * (stride + 1) + 1)..<((row + 1) * (stride + 1))]
        }
    }
}

@Suite("PNG writer")
struct PNGWriterTests {
    @Test("a 1x1 grey image has the known chunk layout")
    func onePixel() throws {
        let bytes = PNGWriter.encode(width: 1, height: 1, pixels: [200], channels: 1)
        #expect(Array(bytes[0..<8]) == PNGWriter.signature)
        // IHDR: length 13, "IHDR", width 1, height 1, depth 8, type 0, methods 0, CRC.
        #expect(
            Array(bytes[8..<33]) == [
                0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0,
                0x3A, 0x7E, 0x9B, 0x55,
            ])
        // IEND with its fixed CRC closes the file.
        #expect(Array(bytes.suffix(12)) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
        let png = try TestPNG(bytes)
        #expect(png.chunkTypes == ["IHDR", "IDAT", "IEND"])
        #expect(png.pixels == [200])
    }

    @Test("grey and RGB images decode to the same pixels", arguments: [1, 3])
    func roundTrip(channels: Int) throws {
        let (width, height) = (13, 7)
        let pixels = (0..<(width * height * channels)).map { UInt8(truncatingIfNeeded: $0 * 37 + $0 / 5) }
        let png = try TestPNG(PNGWriter.encode(width: width, height: height, pixels: pixels, channels: channels))
        #expect(png.width == width && png.height == height)
        #expect(png.colourType == (channels == 1 ? 0 : 2))
        #expect(png.pixels == pixels)
    }

    @Test("the stored-block fallback is a valid zlib stream, also past 64 KiB")
    func storedFallback() {
        for count in [0, 5, 70_000] {
            let data = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            let stream = PNGWriter.storedZlib(data)
            var out = [UInt8](repeating: 0, count: max(count, 1))
            var size = uLong(out.count)
            let status = out.withUnsafeMutableBufferPointer { dst in
                stream.withUnsafeBufferPointer { uncompress(dst.baseAddress, &size, $0.baseAddress, uLong($0.count)) }
            }
            #expect(status == Z_OK)
            #expect(Array(out.prefix(Int(size))) == data)
        }
    }

    @Test(
        "Python's zlib and struct read the same sizes and pixels",
        .enabled(if: Python.has("zlib, struct"), "python3 is not installed"))
    func pythonReadsIt() throws {
        let folder = try ScratchFolder("png")
        defer { folder.remove() }
        let path = folder.file("p.png")
        try PNGWriter.write(width: 5, height: 3, pixels: Array(0..<45), channels: 3, to: path)
        let script = """
            import struct, sys, zlib
            b = open(sys.argv[1], "rb").read()
            assert b[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
            i, idat = 8, b""
            while i < len(b):
                n, = struct.unpack(">I", b[i:i+4]); t = b[i+4:i+8]; d = b[i+8:i+8+n]
                assert struct.unpack(">I", b[i+8+n:i+12+n])[0] == zlib.crc32(t + d)
                if t == b"IHDR": w, h, depth, ctype = struct.unpack(">IIBB", d[:10])
                if t == b"IDAT": idat += d
                i += 12 + n
            raw = zlib.decompress(idat)
            print(w, h, depth, ctype, len(raw), raw[0], raw[1], raw[-1])
            """
        let result = try #require(Python.run(["-c", script, path]))
        #expect(result.status == 0, "python failed: \(result.errors)")
        #expect(result.output == "5 3 8 2 48 0 0 44\n")
    }
}
