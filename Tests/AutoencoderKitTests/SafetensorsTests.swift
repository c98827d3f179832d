// Tests of the safetensors writer and reader: known bytes, round trips, each damaged input.

import TestSupport
import Testing

@testable import AutoencoderKit
@testable import Formats

@Suite("Safetensors files")
struct SafetensorsTests {
    static let sample = SafetensorsFile(
        tensors: [
            SafetensorsTensor(name: "w", shape: [2], values: [1, 2]),
            SafetensorsTensor(name: "a", shape: [2, 1], values: [0, -0.5]),
        ],
        metadata: ["k": "v"])

    /// A file built by hand: header text padded to 8, then the data bytes.
    static func file(header: String, data: [UInt8] = []) -> [UInt8] {
        var h = Array(header.utf8)
        while h.count % 8 != 0 { h.append(0x20) }
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(h.count).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes + h + data
    }

    static func error(_ bytes: [UInt8]) -> String? {
        do {
            _ = try SafetensorsFile(bytes: bytes, source: "m.safetensors")
            return nil
        } catch {
            return error.description
        }
    }

    @Test("the header of a tiny file equals the reference implementation's bytes")
    func knownHeader() {
        let bytes = Self.sample.encoded()
        let expectedHeader =
            #"{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[2,1],"data_offsets":[0,8]},"#
            + #""w":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}} "#
        #expect(Array(bytes[0..<8]) == [0x88, 0, 0, 0, 0, 0, 0, 0])
        #expect(String(decoding: bytes[8..<(8 + 0x88)], as: UTF8.self) == expectedHeader)
        #expect(Array(bytes[(8 + 0x88)...]) == [0, 0, 0, 0, 0, 0, 0, 0xBF, 0, 0, 0x80, 0x3F, 0, 0, 0, 0x40])
    }

    @Test("a file round-trips with tensors in name order")
    func roundTrip() throws {
        let read = try SafetensorsFile(bytes: Self.sample.encoded(), source: "m")
        #expect(read.metadata == ["k": "v"])
        #expect(read.tensors.map(\.name) == ["a", "w"])
        #expect(read.tensor(named: "w") == Self.sample.tensors[0])
        #expect(read.tensor(named: "a") == Self.sample.tensors[1])
    }

    @Test("special floats, scalars, empty tensors and unicode names survive")
    func edgeValues() throws {
        let file = SafetensorsFile(tensors: [
            SafetensorsTensor(name: "s", shape: [], values: [.infinity]),
            SafetensorsTensor(name: "e", shape: [0, 3], values: []),
            SafetensorsTensor(
                name: "größe \"q\"", shape: [3], values: [-0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]),
        ])
        let read = try SafetensorsFile(bytes: file.encoded(), source: "m")
        #expect(read.tensors.count == 3)
        #expect(read.tensor(named: "s")?.values == [.infinity])
        #expect(read.tensor(named: "e")?.shape == [0, 3])
        let g = try #require(read.tensor(named: "größe \"q\""))
        #expect(g.values.map(\.bitPattern) == file.tensors[2].values.map(\.bitPattern))
        #expect(read.metadata.isEmpty)
        let nanFile = SafetensorsFile(tensors: [SafetensorsTensor(name: "n", shape: [1], values: [.nan])])
        #expect(try SafetensorsFile(bytes: nanFile.encoded(), source: "m").tensors[0].values[0].isNaN)
    }

    @Test("write goes through the atomic writer and read names I/O failures")
    func writeAndRead() throws {
        let folder = try ScratchFolder("st")
        defer { folder.remove() }
        let path = folder.file("m.safetensors")
        try Self.sample.write(to: path)
        #expect(try SafetensorsFile.read(path: path).tensors.count == 2)
        let missing = folder.file("none.safetensors")
        let error = #expect(throws: SafetensorsError.self) { try SafetensorsFile.read(path: missing) }
        #expect(error?.description == "cannot open \(missing): No such file or directory (ENOENT)")
    }

    @Test(
        "each damaged input has its own message",
        arguments: [
            ([1, 2, 3], "m.safetensors: not a safetensors file: 3 bytes, shorter than the 8-byte header length"),
            (
                [16, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x7D],
                "m.safetensors: header length 16 runs past the end of the 10-byte file (truncated or not safetensors)"
            ),
            (
                [0, 0, 0, 0, 0, 0, 0, 1],
                "m.safetensors: header length 72057594037927936 exceeds the 100 MB limit (corrupt or not safetensors)"
            ),
            (
                file(header: "{\"a\":"),
                "m.safetensors: header is not valid UTF-8 JSON: at byte 8: unexpected end of text, expected a value"
            ),
            (
                [8, 0, 0, 0, 0, 0, 0, 0, 0x22, 0xFF, 0x22, 0x20, 0x20, 0x20, 0x20, 0x20],
                "m.safetensors: header is not valid UTF-8 JSON: at byte 1: text is not valid UTF-8"
            ),
            (file(header: "[1]"), "m.safetensors: header is an array, expected a JSON object"),
            (
                file(header: #"{"__metadata__":{"epoch":3}}"#),
                "m.safetensors: __metadata__ value of \"epoch\" is an integer, expected a string"
            ),
            (file(header: #"{"w":[]}"#), "m.safetensors: tensor \"w\": entry is not an object"),
            (
                file(header: #"{"w":{"dtype":"F32","data_offsets":[0,0]}}"#),
                "m.safetensors: tensor \"w\": missing \"shape\""
            ),
            (
                file(header: #"{"w":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}"#, data: [0, 0]),
                "m.safetensors: tensor \"w\": dtype F16 not supported: aelab reads F32 tensors"
            ),
            (
                file(header: #"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#),
                "m.safetensors: tensor \"w\": \"shape\" must be an array of integers ≥ 0"
            ),
            (
                file(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#),
                "m.safetensors: tensor \"w\": \"data_offsets\" must be two integers ≥ 0"
            ),
            (
                file(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: [0, 0]),
                "m.safetensors: tensor \"w\": data_offsets [0, 4] outside the 2-byte data section"
            ),
            (
                file(header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]),
                "m.safetensors: tensor \"w\": shape [2] needs 8 bytes as F32, data_offsets span 4"
            ),
            (
                file(
                    header:
                        #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
                    data: Array(repeating: 0, count: 8)),
                "m.safetensors: tensors \"a\" and \"b\" overlap in the data section"
            ),
            (
                file(
                    header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
                    data: Array(repeating: 0, count: 8)), "m.safetensors: data bytes 0..<4 belong to no tensor"
            ),
            (
                file(
                    header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
                    data: Array(repeating: 0, count: 6)), "m.safetensors: data bytes 4..<6 belong to no tensor"
            ),
            (
                file(
                    header: #"{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,4]}}"#,
                    data: [0, 0, 0, 0]),
                "m.safetensors: tensor \"a\": shape [4611686018427387904, 4] needs 9223372036854775807 bytes as F32, data_offsets span 4"
            ),
        ] as [([UInt8], String)])
    func damaged(bytes: [UInt8], message: String) {
        #expect(Self.error(bytes) == message)
    }

    @Test("a header without padding and with unknown entry fields is accepted")
    func lenientWhereHarmless() throws {
        let header = Array(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"note":1}}"#.utf8)
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes += header + [0, 0, 0x80, 0x3F]
        #expect(try SafetensorsFile(bytes: bytes, source: "m").tensors[0].values == [1])
    }
}
