// FuzzRegressionTests: each input on which a libFuzzer target (Fuzz/) crashed, kept as a test.
//
// The same inputs are seeds in Fuzz/corpus/<Target>/, so `make fuzz-smoke` replays them too.
import Testing

@testable import AutoencoderKit
@testable import Formats

@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    @Test("an npy flat shape of Int.max pixels per image is refused, not an overflow trap")
    func npyFlatShapeNearIntMax() {
        // Fuzz/corpus/NPY/broken-huge-flat: the square-root check squared 3037000500.
        let bytes = npyBytes(descr: "|u1", shape: [1, Int.max], payload: [])
        #expect(
            throws: DataError.badShape(
                path: "x.npy", shape: [1, Int.max],
                detail: "\(Int.max) pixels per image is neither 28x28 nor a square")
        ) {
            try NPYReader.parseImages(bytes, path: "x.npy", name: "t")
        }
    }

    @Test("an npy flat shape just above the largest square is refused")
    func npyLargestSquares() {
        // 3037000499² is the largest square below Int.max; one more pixel per image is no square.
        let square = 3_037_000_499 * 3_037_000_499
        for d in [square, square + 1] {
            let bytes = npyBytes(descr: "|u1", shape: [1, d], payload: [])
            #expect(throws: DataError.self) { try NPYReader.parseImages(bytes, path: "x.npy", name: "t") }
        }
    }

    @Test("a safetensors shape whose product overflows before a zero dimension is refused")
    func safetensorsOverflowThenZero() {
        // Fuzz/corpus/Safetensors/broken-huge-shape-zero: the size check let 4·2^62·2^62·0 = 0
        // through, then SafetensorsTensor's element count trapped multiplying 2^62 by 2^62.
        let header = #"{"a":{"dtype":"F32","shape":[4611686018427387904,4611686018427387904,0],"data_offsets":[0,0]}}"#
        let bytes = SafetensorsTests.file(header: header)
        #expect(
            SafetensorsTests.error(bytes)
                == "m.safetensors: tensor \"a\": shape [4611686018427387904, 4611686018427387904, 0]"
                + " needs 9223372036854775807 bytes as F32, data_offsets span 0")
    }

    @Test("a safetensors tensor with a zero dimension and no overflow is still read")
    func safetensorsZeroDimension() throws {
        let bytes = SafetensorsTests.file(header: #"{"e":{"dtype":"F32","shape":[1024,0],"data_offsets":[0,0]}}"#)
        let file = try SafetensorsFile(bytes: bytes, source: "m")
        #expect(file.tensors == [SafetensorsTensor(name: "e", shape: [1024, 0], values: [])])
    }

    @Test("a preset with arrays nested 200,000 deep is refused, not a stack overflow")
    func tomlDeepArrays() {
        // Found by running the TOML fuzz target on a 200 KB input (beyond libFuzzer's 4 KB
        // -max_len): parseArray recursed once per '[' until the stack ran out.
        let text = "x = " + String(repeating: "[", count: 200_000)
        #expect(throws: TOMLError(file: "deep.toml", line: 1, column: 37, problem: "arrays nested more than 32 deep")) {
            try TOMLDocument.parse(text, file: "deep.toml")
        }
        let ok = "x = " + String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        #expect(throws: Never.self) { try TOMLDocument.parse(ok, file: "ok.toml") }
    }
}
