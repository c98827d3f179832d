// ZipArchive: the members of a zip file held in memory, as NumPy's .npz files use it.
//
// Format (PKWARE APPNOTE.TXT, sections 4.3.6-4.3.16): local headers with each member's data,
// then a central directory (one 46-byte entry per member: method, CRC-32, sizes, name, offset
// of its local header), then the end record (22 bytes plus a comment) that locates the
// directory. Zip64 (section 4.3.14, 4.5.3): sizes and offsets of 0xFFFFFFFF are found in the
// entry's extra field 0x0001, and a directory of 0xFFFF entries in the Zip64 end record.
// np.savez writes method 0 (stored); np.savez_compressed method 8 (deflate).
//
// Nothing read from the file is trusted before it is checked: every offset and size against the
// file's length; a member's declared inflated size against deflate's best ratio (1032:1) and the
// limit before it is allocated; the inflated bytes against the declared size and the CRC-32.
import CZlib

/// A zip file's members, read on demand.
package struct ZipArchive {
    /// One member as the central directory describes it.
    package struct Entry: Equatable {
        package let name: String
        package let method: Int
        package let crc: UInt32
        package let compressedSize: Int
        package let size: Int
        package let localHeaderOffset: Int
        package let flags: Int
    }

    /// Deflate's best possible compression ratio (zlib technical details: 1032:1).
    private static let maximumRatio = 1032

    /// The file's name, for messages.
    package let path: String
    /// Members in directory order.
    package let entries: [Entry]
    private let bytes: [UInt8]

    /// Reads the central directory.
    /// - Throws: `DataError.corruptZip` naming `path` and the defect.
    package init(bytes: [UInt8], path: String) throws {
        self.path = path
        self.bytes = bytes
        let reader = ByteReader(bytes: bytes, path: path)
        guard bytes.count >= 4, reader.u32(0) == 0x0403_4b50 || reader.u32(0) == 0x0605_4b50 else {
            throw DataError.corruptZip(
                path: path, detail: "it does not start with a zip signature (50 4b 03 04)")
        }
        // The end record is in the last 22 + 65535 bytes; search backwards for its signature.
        var end = -1
        var position = bytes.count - 22
        while position >= max(0, bytes.count - 22 - 65_535) {
            if reader.u32(position) == 0x0605_4b50 {
                end = position
                break
            }
            position -= 1
        }
        guard end >= 0 else {
            throw DataError.corruptZip(
                path: path, detail: "no end-of-directory record (the file is truncated or not a zip)")
        }
        var count = Int(reader.u16(end + 10))
        var directorySize = Int(reader.u32(end + 12))
        var directoryOffset = Int(reader.u32(end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            let locator = end - 20
            guard locator >= 0, reader.u32(locator) == 0x0706_4b50 else {
                throw DataError.corruptZip(path: path, detail: "a Zip64 archive without its locator")
            }
            let record = try reader.offset(reader.u64(locator + 8), "the Zip64 end record")
            guard record + 56 <= locator, reader.u32(record) == 0x0606_4b50 else {
                throw DataError.corruptZip(path: path, detail: "the Zip64 end record is missing")
            }
            count = try reader.offset(reader.u64(record + 32), "the member count")
            directorySize = try reader.offset(reader.u64(record + 40), "the directory size")
            directoryOffset = try reader.offset(reader.u64(record + 48), "the directory offset")
        }
        guard directoryOffset <= end, directorySize <= end - directoryOffset else {
            throw DataError.corruptZip(
                path: path,
                detail: "the directory (\(directorySize) bytes at \(directoryOffset)) lies outside the file")
        }
        guard count <= directorySize / 46 else {
            throw DataError.corruptZip(
                path: path, detail: "\(count) members cannot fit a \(directorySize)-byte directory")
        }
        var entries: [Entry] = []
        var cursor = directoryOffset
        let directoryEnd = directoryOffset + directorySize
        for index in 0..<count {
            guard cursor + 46 <= directoryEnd, reader.u32(cursor) == 0x0201_4b50 else {
                throw DataError.corruptZip(path: path, detail: "directory entry \(index) is damaged")
            }
            let nameLength = Int(reader.u16(cursor + 28))
            let extraLength = Int(reader.u16(cursor + 30))
            let commentLength = Int(reader.u16(cursor + 32))
            let next = cursor + 46 + nameLength + extraLength + commentLength
            guard next <= directoryEnd else {
                throw DataError.corruptZip(path: path, detail: "directory entry \(index) runs past the directory")
            }
            let name = String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
            var compressed = Int(reader.u32(cursor + 20))
            var size = Int(reader.u32(cursor + 24))
            var offset = Int(reader.u32(cursor + 42))
            // Zip64 extra field: the 64-bit values, in this order, for each 32-bit field at its maximum.
            var extra = cursor + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = reader.u16(extra)
                let length = Int(reader.u16(extra + 2))
                var field = extra + 4
                guard field + length <= extraEnd else { break }
                if id == 0x0001 {
                    for value in [\Fields.size, \Fields.compressed, \Fields.offset] {
                        var fields = Fields(size: size, compressed: compressed, offset: offset)
                        guard fields[keyPath: value] == 0xFFFF_FFFF else { continue }
                        guard field + 8 <= extra + 4 + length else {
                            throw DataError.corruptZip(path: path, detail: "\(name): a short Zip64 field")
                        }
                        let wide = reader.u64(field)
                        fields[keyPath: value] =
                            value == \Fields.size
                            ? Int(clamping: wide) : try reader.offset(wide, "\(name)'s Zip64 field")
                        (size, compressed, offset) = (fields.size, fields.compressed, fields.offset)
                        field += 8
                    }
                }
                extra += 4 + length
            }
            entries.append(
                Entry(
                    name: name, method: Int(reader.u16(cursor + 10)), crc: reader.u32(cursor + 16),
                    compressedSize: compressed, size: size, localHeaderOffset: offset,
                    flags: Int(reader.u16(cursor + 8))))
            cursor = next
        }
        let names = entries.map(\.name)
        if Set(names).count != names.count {
            throw DataError.corruptZip(path: path, detail: "two members have the same name")
        }
        self.entries = entries
    }

    /// A member's bytes, inflated and checked against its declared size and CRC-32.
    /// - Parameter limit: the largest inflated size accepted.
    /// - Throws: `DataError.corruptZip` or `.tooLarge` naming `path`, the member and the defect.
    package func contents(of entry: Entry, limit: Int = FileBytes.defaultLimit) throws -> [UInt8] {
        let reader = ByteReader(bytes: bytes, path: path)
        let what = "\(path): member \(entry.name)"
        func damaged(_ detail: String) -> DataError { .corruptZip(path: path, detail: "\(entry.name): \(detail)") }
        if entry.flags & 1 != 0 { throw damaged("the member is encrypted") }
        let local = entry.localHeaderOffset
        guard local <= bytes.count - 30, reader.u32(local) == 0x0403_4b50 else {
            throw damaged("its local header is missing (the file is truncated or damaged)")
        }
        let start = local + 30 + Int(reader.u16(local + 26)) + Int(reader.u16(local + 28))
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else {
            throw damaged(
                "its \(entry.compressedSize) bytes of data run past the end of the file (truncated)")
        }
        let data = Array(bytes[start..<(start + entry.compressedSize)])
        let output: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.size else {
                throw damaged("stored with \(entry.compressedSize) bytes but declares \(entry.size)")
            }
            output = data
        case 8:
            if entry.size > limit {
                throw DataError.tooLarge(
                    path: what, detail: "it declares \(entry.size) bytes inflated; the limit is \(limit)")
            }
            let (plausible, overflow) = max(entry.compressedSize, 1).multipliedReportingOverflow(
                by: Self.maximumRatio)
            if !overflow && entry.size > plausible {
                throw DataError.tooLarge(
                    path: what,
                    detail: "it declares \(entry.size) bytes from \(entry.compressedSize) compressed,"
                        + " beyond deflate's 1032:1 (a zip bomb?)")
            }
            do {
                output = try Gzip.inflateRaw(data, path: what, limit: entry.size)
            } catch DataError.corruptGzip(_, let detail) {
                throw damaged("corrupt deflate data: \(detail)")
            } catch DataError.tooLarge {
                throw DataError.tooLarge(
                    path: what, detail: "it inflates to more than the \(entry.size) bytes it declares")
            }
            if output.count != entry.size {
                throw damaged("it inflates to \(output.count) bytes but declares \(entry.size)")
            }
        default:
            throw damaged("compression method \(entry.method) is not read here (only stored and deflate)")
        }
        let crc = output.withUnsafeBufferPointer { buffer in
            UInt32(crc32(0, buffer.baseAddress, uInt(buffer.count)))
        }
        if crc != entry.crc {
            throw damaged("CRC-32 mismatch (the data is damaged)")
        }
        return output
    }

    /// The three values a Zip64 field can replace.
    private struct Fields {
        var size: Int
        var compressed: Int
        var offset: Int
    }
}

/// Little-endian reads at offsets already checked by the caller; out of range reads give 0.
private struct ByteReader {
    let bytes: [UInt8]
    let path: String

    func u16(_ at: Int) -> UInt16 {
        guard at >= 0, at + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    func u32(_ at: Int) -> UInt32 {
        guard at >= 0, at + 4 <= bytes.count else { return 0 }
        return UInt32(u16(at)) | UInt32(u16(at + 2)) << 16
    }

    func u64(_ at: Int) -> UInt64 {
        guard at >= 0, at + 8 <= bytes.count else { return 0 }
        return UInt64(u32(at)) | UInt64(u32(at + 4)) << 32
    }

    /// A 64-bit size or offset as an Int no larger than the file.
    func offset(_ value: UInt64, _ what: String) throws -> Int {
        guard value <= UInt64(bytes.count) else {
            throw DataError.corruptZip(path: path, detail: "\(what) (\(value)) is beyond the file's end")
        }
        return Int(value)
    }
}
