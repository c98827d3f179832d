// TensorBoardEvent: the protobuf messages of a TensorBoard event file, encoded by hand.
//
// Only the fields aelab writes (tensorflow/core/util/event.proto, framework/summary.proto):
//   Event         { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
//   Summary       { repeated Value value = 1; }
//   Summary.Value { string tag = 1; float simple_value = 2; Image image = 4; }
//   Summary.Image { int32 height = 1; int32 width = 2; int32 colorspace = 3; bytes encoded_image_string = 4; }
// colorspace 1 is grey, 3 is RGB; the image is a PNG.

/// Encodes the events aelab writes.
public enum TensorBoardEvent {
    /// The first event of every file: the format version TensorBoard's reader checks.
    public static func fileVersion(wallTime: Double) -> [UInt8] {
        var event = ProtobufWriter()
        event.double(1, wallTime)
        event.string(3, "brain.Event:2")
        return event.bytes
    }

    /// One event holding scalar summaries, `(tag, value)` in order.
    public static func scalars(_ values: [(tag: String, value: Float)], step: Int, wallTime: Double) -> [UInt8] {
        var summary = ProtobufWriter()
        for (tag, value) in values {
            var entry = ProtobufWriter()
            entry.string(1, tag)
            entry.float(2, value)
            summary.lengthDelimited(1, entry.bytes)
        }
        return event(summary: summary.bytes, step: step, wallTime: wallTime)
    }

    /// One event holding an RGB image summary.
    /// - Parameters:
    ///   - png: the encoded PNG file.
    ///   - width, height: its size in pixels.
    public static func image(tag: String, png: [UInt8], width: Int, height: Int, step: Int, wallTime: Double) -> [UInt8]
    {
        var image = ProtobufWriter()
        image.integer(1, Int64(height))
        image.integer(2, Int64(width))
        image.integer(3, 3)
        image.lengthDelimited(4, png)
        var entry = ProtobufWriter()
        entry.string(1, tag)
        entry.lengthDelimited(4, image.bytes)
        var summary = ProtobufWriter()
        summary.lengthDelimited(1, entry.bytes)
        return event(summary: summary.bytes, step: step, wallTime: wallTime)
    }

    private static func event(summary: [UInt8], step: Int, wallTime: Double) -> [UInt8] {
        var event = ProtobufWriter()
        event.double(1, wallTime)
        event.integer(2, Int64(step))
        event.lengthDelimited(5, summary)
        return event.bytes
    }
}

/// TFRecord framing: uint64 length (little-endian), masked CRC-32C of those 8 bytes, the data,
/// masked CRC-32C of the data.
public enum TFRecord {
    /// The record holding `data`.
    public static func frame(_ data: [UInt8]) -> [UInt8] {
        var length: [UInt8] = []
        for i in 0..<8 { length.append(UInt8(truncatingIfNeeded: UInt64(data.count) >> (8 * UInt64(i)))) }
        var record = length
        record += littleEndian(CRC32C.masked(length))
        record += data
        record += littleEndian(CRC32C.masked(data))
        return record
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) }
    }
}
