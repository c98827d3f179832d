import CZlib

// NPZTestSupport: .npz (zip) files built byte by byte for the reader tests, as np.savez (stored)
// and np.savez_compressed (deflate) write them, with the offsets of the fields tests break.
@testable import AutoencoderKit

/// A zip archive of .npy members, with where each central directory entry starts.
struct NPZBytes {
    var bytes: [UInt8]
    /// Offset of each member's central directory entry, in member order.
    var centralEntries: [Int]
    /// Offset of the end-of-directory record.
    var endRecord: Int

    /// Builds the archive; `deflate` compresses every member (method 8) as savez_compressed does.
    init(_ members: [(name: String, npy: [UInt8])], deflate: Bool = false) throws {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        var entries: [Int] = []
        for member in members {
            let name = Array((member.name + ".npy").utf8)
            let crc = member.npy.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
            var data = member.npy
            if deflate {
                let gz = try Gzip.compress(member.npy, path: "test")
                data = Array(gz[10..<(gz.count - 8)])  // the raw deflate stream inside the gzip wrapper
            }
            let fields =
                le16(20) + le16(0) + le16(deflate ? 8 : 0) + le16(0) + le16(0x21) + le32(crc)
                + le32(UInt32(data.count)) + le32(UInt32(member.npy.count)) + le16(UInt16(name.count))
            let offset = out.count
            out += le32(0x0403_4b50) + fields + le16(0) + name + data
            entries.append(directory.count)
            directory +=
                le32(0x0201_4b50) + le16(20) + fields + le16(0) + le16(0) + le16(0) + le16(0)
                + le32(0) + le32(UInt32(offset)) + name
        }
        let start = out.count
        centralEntries = entries.map { $0 + start }
        out += directory
        endRecord = out.count
        out +=
            le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(members.count)) + le16(UInt16(members.count))
            + le32(UInt32(directory.count)) + le32(UInt32(start)) + le16(0)
        bytes = out
    }

    /// The archive with a little-endian value written over `offset`.
    func patched(_ offset: Int, _ value: UInt32, width: Int = 4) -> [UInt8] {
        var copy = bytes
        for i in 0..<width { copy[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) }
        return copy
    }
}

private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * UInt32($0))) } }

/// Keras's mnist.npz layout in miniature: two 4x5 training images with labels 3 and 9, one test
/// image with label 7.
func kerasMembers() -> [(name: String, npy: [UInt8])] {
    [
        ("x_train", npyBytes(descr: "|u1", shape: [2, 4, 5], payload: (0..<40).map { UInt8($0 * 6) })),
        ("y_train", npyBytes(descr: "|u1", shape: [2], payload: [3, 9])),
        ("x_test", npyBytes(descr: "|u1", shape: [1, 4, 5], payload: [UInt8](repeating: 200, count: 20))),
        ("y_test", npyBytes(descr: "<i8", shape: [1], payload: int64Bytes([7]))),
    ]
}
