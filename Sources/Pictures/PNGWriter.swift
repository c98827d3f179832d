// PNGWriter: 8-bit greyscale and RGB images as PNG bytes (zlib for IDAT, zlib's crc32).
//
// Layout (PNG spec, ISO/IEC 15948): the 8-byte signature, then chunks of [length (big-endian
// UInt32), type, data, CRC-32 of type+data]: IHDR, one IDAT holding the zlib stream of the rows
// (each row prefixed by filter byte 0, "None"), IEND.

import CZlib
import Formats

/// Encodes images as PNG.
public enum PNGWriter {
    /// The eight bytes every PNG file starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Encodes an 8-bit image as PNG bytes.
    /// - Parameters:
    ///   - width: pixels per row, ≥ 1.
    ///   - height: rows, ≥ 1.
    ///   - pixels: row-major samples, `channels` per pixel (grey, or red green blue).
    ///   - channels: 1 for greyscale (colour type 0), 3 for RGB (colour type 2).
    /// - Returns: the complete file.
    /// - Precondition: `pixels.count == width * height * channels`, channels is 1 or 3.
    /// - Complexity: O(pixels).
    public static func encode(width: Int, height: Int, pixels: [UInt8], channels: Int) -> [UInt8] {
        precondition(channels == 1 || channels == 3, "PNGWriter: channels must be 1 or 3")
        precondition(width >= 1 && height >= 1 && width <= Int(Int32.max) && height <= Int(Int32.max))
        precondition(pixels.count == width * height * channels, "PNGWriter: pixel count mismatch")
        var header: [UInt8] = []
        appendBigEndian(UInt32(width), to: &header)
        appendBigEndian(UInt32(height), to: &header)
        header += [8, channels == 1 ? 0 : 2, 0, 0, 0]  // depth, colour type, deflate, filter, no interlace

        let stride = width * channels
        var raw: [UInt8] = []
        raw.reserveCapacity((stride + 1) * height)
        for row in 0..<height {
            raw.append(0)  // filter type None
            raw.append(contentsOf: pixels[(row * stride)..<((row + 1) * stride)])
        }

        var bytes = signature
        appendChunk("IHDR", header, to: &bytes)
        appendChunk("IDAT", zlibCompress(raw), to: &bytes)
        appendChunk("IEND", [], to: &bytes)
        return bytes
    }

    /// Encodes and writes a PNG atomically.
    /// - Throws: `FileError` naming the path.
    public static func write(
        width: Int, height: Int, pixels: [UInt8], channels: Int, to path: String
    ) throws(FileError) {
        try AtomicFile.write(encode(width: width, height: height, pixels: pixels, channels: channels), to: path)
    }

    /// A zlib stream of `data` at the default level; stored (uncompressed) blocks if zlib fails.
    static func zlibCompress(_ data: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { dst in
            data.withUnsafeBufferPointer { src in
                compress2(dst.baseAddress, &size, src.baseAddress, uLong(src.count), Z_DEFAULT_COMPRESSION)
            }
        }
        guard status == Z_OK else { return storedZlib(data) }
        out.removeSubrange(Int(size)...)
        return out
    }

    /// A zlib stream made of stored deflate blocks (RFC 1950/1951): always valid, no compression.
    static func storedZlib(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let final: UInt8 = offset + count == data.count ? 1 : 0
            out.append(final)
            out += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out.append(contentsOf: data[offset..<(offset + count)])
            offset += count
        } while offset < data.count
        let adler = data.withUnsafeBufferPointer { adler32(1, $0.baseAddress, uInt($0.count)) }
        appendBigEndian(UInt32(adler), to: &out)
        return out
    }

    static func appendChunk(_ type: String, _ data: [UInt8], to bytes: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &bytes)
        let typed = Array(type.utf8) + data
        bytes += typed
        let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        appendBigEndian(UInt32(crc), to: &bytes)
    }

    static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
