// ProtobufWriter: the few wire types of Protocol Buffers that TensorBoard's messages need,
// written by hand (https://protobuf.dev/programming-guides/encoding/).
//
//   tag      = (field number << 3) | wire type, as a varint
//   varint   (wire type 0): 7 bits a byte, low first, high bit set on all but the last
//   fixed64  (wire type 1): 8 bytes little-endian (double)
//   length   (wire type 2): varint length, then the bytes (string, bytes, embedded message)
//   fixed32  (wire type 5): 4 bytes little-endian (float)

/// Appends protobuf fields to a byte array.
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private mutating func tag(_ field: Int, _ wireType: UInt64) { varint(UInt64(field) << 3 | wireType) }

    /// int32/int64 field (negative values as ten-byte two's complement, as protobuf does).
    mutating func integer(_ field: Int, _ value: Int64) {
        tag(field, 0)
        varint(UInt64(bitPattern: value))
    }

    mutating func double(_ field: Int, _ value: Double) {
        tag(field, 1)
        littleEndian(value.bitPattern, byteCount: 8)
    }

    mutating func float(_ field: Int, _ value: Float) {
        tag(field, 5)
        littleEndian(UInt64(value.bitPattern), byteCount: 4)
    }

    /// bytes, string or an embedded message's encoding.
    mutating func lengthDelimited(_ field: Int, _ value: [UInt8]) {
        tag(field, 2)
        varint(UInt64(value.count))
        bytes += value
    }

    mutating func string(_ field: Int, _ value: String) { lengthDelimited(field, Array(value.utf8)) }

    private mutating func littleEndian(_ value: UInt64, byteCount: Int) {
        for i in 0..<byteCount { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }
}
