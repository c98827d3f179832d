// The pieces of a TensorBoard event file: CRC-32C against RFC 3720's vectors, TFRecord's masked
// CRC and framing, and the protobuf encoding of an event, byte for byte.
import Testing

@testable import AutoencoderKit
@testable import Formats
@testable import Pictures

@Suite("TensorBoard encoding")
struct TensorBoardEncodingTests {
    @Test("CRC-32C gives the check value and RFC 3720's test vectors")
    func crc32cVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).map { UInt8(31 - $0) }) == 0x113F_DB5C)
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    @Test("the masked CRC rotates right by 15 and adds 0xA282EAD8")
    func maskedCRC() {
        let crc: UInt32 = 0xE306_9283
        let rotated = (crc >> 15) | (crc << 17)
        #expect(CRC32C.masked(Array("123456789".utf8)) == rotated &+ 0xA282_EAD8)
    }

    @Test("a TFRecord is length, masked CRC of the length, data, masked CRC of the data")
    func framing() {
        let data: [UInt8] = [1, 2, 3]
        let record = TFRecord.frame(data)
        #expect(record.count == 8 + 4 + 3 + 4)
        #expect(Array(record[0..<8]) == [3, 0, 0, 0, 0, 0, 0, 0])
        #expect(Array(record[8..<12]) == TFRecord.littleEndian(CRC32C.masked([3, 0, 0, 0, 0, 0, 0, 0])))
        #expect(Array(record[12..<15]) == data)
        #expect(Array(record[15..<19]) == TFRecord.littleEndian(CRC32C.masked(data)))
    }

    @Test("a scalar event encodes wall time, step and a tagged simple value as protobuf")
    func scalarEvent() {
        let bytes = TensorBoardEvent.scalars([(tag: "a", value: 1)], step: 300, wallTime: 2)
        // wall_time: field 1 fixed64 (2.0); step: field 2 varint 300 = ac 02
        var expected: [UInt8] = [0x09, 0, 0, 0, 0, 0, 0, 0, 0x40, 0x10, 0xAC, 0x02]
        // summary: field 5, length 10: value (field 1, length 8): tag "a" (0a 01 61), simple_value 1.0f (15 00 00 80 3f)
        expected += [0x2A, 10, 0x0A, 8, 0x0A, 1, 0x61, 0x15, 0, 0, 0x80, 0x3F]
        #expect(bytes == expected)
    }

    @Test("metrics keys become grouped tags that keep their units")
    func tags() {
        #expect(RunEvents.tag(forMetric: "train_bce_per_pixel") == "train/bce_per_pixel")
        #expect(RunEvents.tag(forMetric: "val_corrupted_mse_per_image") == "val/corrupted_mse_per_image")
        #expect(RunEvents.tag(forMetric: "mean_code_activation") == "code/mean_code_activation")
        #expect(RunEvents.tag(forMetric: "learning_rate") == "optimizer/learning_rate")
        #expect(RunEvents.tag(forMetric: "epoch") == nil)
    }

    @Test("wall-clock times are ISO 8601 in UTC with milliseconds")
    func iso8601() {
        #expect(WallClock.iso8601(0) == "1970-01-01T00:00:00.000Z")
        #expect(WallClock.iso8601(1_796_281_044.7261) == "2026-12-03T06:57:24.726Z")
        #expect(WallClock.iso8601(951_782_400.5) == "2000-02-29T00:00:00.500Z")
    }
}
