// Gzip: whole-buffer gunzip and gzip through zlib, guarded against decompression bombs.
//
// gzip (RFC 1952) wraps a deflate stream: magic 1f 8b, a header, the data, then CRC-32 and
// ISIZE (the uncompressed size mod 2^32, little-endian) as the last four bytes. ISIZE is used only
// as an allocation hint, and only after checking it is possible: deflate cannot compress better
// than about 1032:1, so a claim beyond that (or beyond the limit) is not believed. The output is
// capped at a limit (2 GiB by default) while inflating, whatever the header says.
import CZlib

/// gzip compression and decompression of whole buffers.
package enum Gzip {
    /// Deflate's best possible compression ratio (zlib technical details: 1032:1).
    private static let maximumRatio = 1032

    /// Whether `bytes` starts with the gzip magic bytes 1f 8b.
    package static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// Decompresses a whole gzip file (several concatenated members are allowed).
    /// - Parameters:
    ///   - bytes: the compressed file.
    ///   - path: the file's name, for messages.
    ///   - limit: the largest decompressed size accepted, in bytes.
    /// - Returns: the decompressed bytes.
    /// - Throws: `DataError.notGzip`, `.corruptGzip` (damaged, truncated, trailing data) or
    ///   `.tooLarge` when the output would exceed `limit`.
    /// - Complexity: O(output size); one allocation when the trailer's size is right.
    package static func decompress(
        _ bytes: [UInt8], path: String, limit: Int = FileBytes.defaultLimit
    ) throws -> [UInt8] {
        guard isGzip(bytes) else { throw DataError.notGzip(path: path) }
        guard bytes.count >= 20 else {
            throw DataError.corruptGzip(
                path: path, detail: "only \(bytes.count) bytes; a gzip file has at least 20")
        }
        let n = bytes.count
        let claimed =
            Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16
            | Int(bytes[n - 1]) << 24
        let plausible = min(n * maximumRatio, limit)
        // One spare byte lets inflate reach the end of the stream without a second allocation.
        let initial = (claimed > 0 && claimed <= plausible) ? claimed + 1 : min(4 * n, plausible) + 1
        return try inflateAll(bytes, path: path, initialCapacity: max(initial, 64), limit: limit)
    }

    /// Decompresses only the first `count` bytes (or fewer, if the stream is shorter), to read a
    /// header before deciding how much to allocate.
    /// - Throws: `DataError.notGzip` or `.corruptGzip` if those bytes cannot be produced.
    package static func decompressPrefix(_ bytes: [UInt8], path: String, count: Int) throws -> [UInt8] {
        guard isGzip(bytes) else { throw DataError.notGzip(path: path) }
        return try inflateAll(bytes, path: path, initialCapacity: count, limit: count, stopWhenFull: true)
    }

    /// Compresses `bytes` as one gzip member (no file name, modification time 0), so the same
    /// input always gives the same file.
    /// - Throws: `DataError.writeFailed` if zlib fails (out of memory).
    package static func compress(_ bytes: [UInt8], path: String, level: Int32 = 9) throws -> [UInt8] {
        var stream = z_stream()
        let status = deflateInit2_(
            &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw DataError.writeFailed(path: path, reason: "zlib deflateInit2 failed (\(status))")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(bytes.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        var result = Z_OK
        bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                result = deflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else {
            throw DataError.writeFailed(path: path, reason: "zlib deflate failed (\(result))")
        }
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }

    /// Inflates a raw deflate stream (no gzip or zlib wrapper, as in a zip member) that must
    /// produce at most `limit` bytes; `limit + 1` bytes are allocated at once, so the caller
    /// checks `limit` is plausible first.
    /// - Throws: `DataError.corruptGzip` (damaged, truncated, trailing data) or `.tooLarge` when
    ///   the output exceeds `limit`.
    package static func inflateRaw(_ bytes: [UInt8], path: String, limit: Int) throws -> [UInt8] {
        try inflateAll(bytes, path: path, initialCapacity: limit + 1, limit: limit, raw: true)
    }

    /// The inflate loop: grows the output by doubling up to `limit`, follows concatenated
    /// members, and turns every zlib failure into a DataError naming `path`.
    private static func inflateAll(
        _ bytes: [UInt8], path: String, initialCapacity: Int, limit: Int, stopWhenFull: Bool = false,
        raw: Bool = false
    ) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, raw ? -15 : 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw DataError.corruptGzip(path: path, detail: "zlib could not start (out of memory?)") }
        defer { inflateEnd(&stream) }

        var output = [UInt8](repeating: 0, count: min(initialCapacity, limit + 1))
        var produced = 0
        var failure: DataError?
        bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                if produced == output.count {
                    if stopWhenFull { return }
                    if produced > limit {
                        failure = .tooLarge(
                            path: path, detail: "decompresses to more than \(limit) bytes")
                        return
                    }
                    let grown = min(max(output.count * 2, 64), limit + 1)
                    output.append(contentsOf: repeatElement(0, count: grown - output.count))
                }
                let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
                    let room = min(out.count - produced, Int(UInt32.max))
                    stream.next_out = out.baseAddress.map { $0 + produced }
                    stream.avail_out = uInt(room)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    produced += room - Int(stream.avail_out)
                    return status
                }
                switch status {
                case Z_STREAM_END:
                    let remaining = Int(stream.avail_in)
                    if remaining == 0 { return }
                    let next = input.count - remaining
                    if !raw && remaining >= 2 && input[next] == 0x1f && input[next + 1] == 0x8b {
                        inflateReset(&stream)  // another gzip member follows
                        continue
                    }
                    failure = .corruptGzip(
                        path: path,
                        detail: "\(remaining) bytes of unexpected data after the \(raw ? "deflate" : "gzip") stream")
                    return
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    if stream.avail_out == 0 { continue }  // output full: grow and go on
                    failure = .corruptGzip(
                        path: path, detail: "the stream ends early (the file is truncated)")
                    return
                case Z_MEM_ERROR:
                    failure = .corruptGzip(path: path, detail: "zlib ran out of memory")
                    return
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    failure = .corruptGzip(path: path, detail: message)
                    return
                }
            }
        }
        if let failure { throw failure }
        if produced < output.count { output.removeLast(output.count - produced) }
        return output
    }
}
