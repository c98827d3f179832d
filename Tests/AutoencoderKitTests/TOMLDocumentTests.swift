// Tests of the TOML subset parser: values, tables, lines, and each error with its position.

import Testing

@testable import AutoencoderKit
@testable import Formats

@Suite("TOML preset parser")
struct TOMLDocumentTests {
    static let preset = """
        # sparse autoencoder with a KL penalty
        name = "sparse-kl"   # shown in the run list
        seed = 1_234
        note = 'C:\\raw\\path'

        [model]
        layers = [
          784, 128,  # encoder
          64,
        ]
        activation = "sigmoid"
        "odd key" = true

        [regularizer.sparsity]
        rho = 5e-2
        beta = -3.0
        weights = [0.5, 1, +2.5E+1]
        schedule.warmup = 10
        escaped = "tab\\there \\"q\\" \\u00e9\\U0001F642"
        """

    @Test("a preset parses with tables, keys, types and lines")
    func preset() throws {
        let doc = try TOMLDocument.parse(Self.preset, file: "samples/sparse-kl.toml")
        #expect(doc.value(nil, "name") == .string("sparse-kl"))
        #expect(doc.value("", "seed") == .integer(1234))
        #expect(doc.value(nil, "note") == .string("C:\\raw\\path"))
        #expect(doc.value("model", "layers") == .array([784, 128, 64].map(TOMLValue.integer)))
        #expect(doc.value("model", "odd key") == .bool(true))
        #expect(doc.value("regularizer.sparsity", "rho") == .float(0.05))
        #expect(doc.value("regularizer.sparsity", "beta") == .float(-3))
        #expect(doc.value("regularizer.sparsity", "weights") == .array([.float(0.5), .integer(1), .float(25)]))
        #expect(doc.value("regularizer.sparsity.schedule", "warmup") == .integer(10))
        #expect(doc.value("regularizer.sparsity", "escaped") == .string("tab\there \"q\" é🙂"))
        #expect(doc.entry("model", "layers")?.line == 7)
        #expect(doc.entry("model", "activation")?.line == 11)
        #expect(doc.tables.map(\.name) == ["model", "regularizer.sparsity"])
        #expect(doc.tables.map(\.line) == [6, 14])
        #expect(doc.entries.count == 11)
    }

    @Test("accessors convert where it is safe")
    func accessors() {
        #expect(TOMLValue.integer(3).doubleValue == 3)
        #expect(TOMLValue.float(3).integerValue == nil)
        #expect(TOMLValue.string("x").boolValue == nil)
        #expect(TOMLValue.bool(false).boolValue == false)
    }

    @Test("CRLF line ends and a file without final newline are fine")
    func lineEnds() throws {
        let doc = try TOMLDocument.parse("a = 1\r\n[t]\r\nb = 'x'", file: "f.toml")
        #expect(doc.entry("t", "b")?.line == 3)
    }

    @Test(
        "each defect names file, line, column and problem",
        arguments: [
            ("a = 1\na = 2", "f.toml:2:1: duplicate key \"a\" (first set on line 1)"),
            ("s = \"abc\nt = 1", "f.toml:1:9: unterminated string (opened at column 5)"),
            ("s = 'abc", "f.toml:1:9: unterminated string (opened at column 5)"),
            ("s = \"a\\qb\"", "f.toml:1:7: unknown escape \\q (use \\\" \\\\ \\n \\t \\r \\b \\f \\uXXXX)"),
            ("s = \"\\u12\"", "f.toml:1:6: \\u needs 4 hex digits"),
            ("[m]\nx = 1\n[m]", "f.toml:3:1: table [m] redefined (first defined on line 1)"),
            ("m = 1\n[m]", "f.toml:2:1: [m]: key \"m\" already holds a value (line 1)"),
            ("[m.n]\n[m]\nn = 2", "f.toml:3:1: key \"n\" is already a table"),
            ("a.b = 1\n[a]", "f.toml:2:1: table [a] was already created by dotted keys"),
            ("a = 1\na.b = 2", "f.toml:2:1: key \"a.b\": \"a\" already holds a value (line 1)"),
            ("x = sparse", "f.toml:1:5: bad value sparse (a string needs quotes: \"sparse\")"),
            ("x = 1__0", "f.toml:1:5: bad number 1__0: '_' must sit between digits"),
            ("x = 012", "f.toml:1:5: bad number 012: leading zeros are not allowed"),
            ("x = 1.", "f.toml:1:5: bad number 1."),
            ("x = .5", "f.toml:1:5: bad value .5 (a string needs quotes: \".5\")"),
            ("x = 1e", "f.toml:1:5: bad number 1e"),
            ("x = inf", "f.toml:1:5: inf is not accepted: preset numbers must be finite"),
            ("x = -nan", "f.toml:1:5: -nan is not accepted: preset numbers must be finite"),
            ("x = 0x1F", "f.toml:1:5: bad value 0x1F: hex, octal and binary integers are not supported"),
            ("x = 1979-05-27", "f.toml:1:5: bad value 1979-05-27: dates and times are not supported"),
            ("x = 99999999999999999999", "f.toml:1:5: integer 99999999999999999999 out of range"),
            ("x = 1e999", "f.toml:1:5: float 1e999 out of range"),
            ("x = ", "f.toml:1:5: missing value after '='"),
            ("x 1", "f.toml:1:3: expected '=' after key \"x\", found '1'"),
            ("x = 1 2", "f.toml:1:7: expected the end of the line, found '2'"),
            ("x = [1, 2\ny = 3", "f.toml:2:1: expected ',' or ']' in the array opened on line 1"),
            ("x = [1,\n", "f.toml:1:5: unterminated array (opened here)"),
            ("x = {a = 1}", "f.toml:1:5: inline tables ({...}) are not supported; use a [table] header"),
            ("[[runs]]", "f.toml:1:1: arrays of tables ([[...]]) are not supported"),
            ("[model", "f.toml:1:7: expected ']' to close the table header"),
            ("= 3", "f.toml:1:1: expected a key, found '='"),
            ("s = \"\"\"x\"\"\"", "f.toml:1:5: multi-line strings (\"\"\") are not supported"),
            ("a = 1\rb = 2", "f.toml:1:6: carriage return without line feed"),
        ])
    func errors(text: String, message: String) {
        let error = #expect(throws: TOMLError.self) { try TOMLDocument.parse(text, file: "f.toml") }
        #expect(error?.description == message)
    }
}
