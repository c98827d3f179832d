// Tests of the ordered JSON values: text output, strict parsing and its errors.

import Testing

@testable import AutoencoderKit
@testable import Formats

@Suite("JSON values and parser")
struct JSONParserTests {
    @Test("objects keep their key order through text and back")
    func orderRoundTrip() throws {
        let object: JSONObject = ["z": 1, "a": 2.5, "m": ["x", true, nil], "nested": .object(["k": "v"])]
        let text = object.jsonText
        #expect(text == #"{"z":1,"a":2.5,"m":["x",true,null],"nested":{"k":"v"}}"#)
        #expect(try JSONParser.parse(text) == .object(object))
    }

    @Test("strings escape like serde_json and read back")
    func escapes() throws {
        let value: JSONValue = .string("a\"b\\c\nd\te\u{01}é/🙂")
        #expect(value.jsonText == #""a\"b\\c\nd\te\u0001é/🙂""#)
        #expect(try JSONParser.parse(value.jsonText) == value)
        #expect(try JSONParser.parse(#""\ud83d\ude42\/""#) == .string("🙂/"))
    }

    @Test("non-finite doubles are written as null")
    func nonFinite() {
        #expect(
            JSONValue.array([.number(.nan), .number(.infinity), .number(1e-5), .number(5)]).jsonText
                == "[null,null,1e-05,5.0]")
    }

    @Test("integers and doubles stay apart")
    func numbers() throws {
        #expect(
            try JSONParser.parse("[0, -12, 1.5, 2e3, 9223372036854775807]")
                == [0, -12, 1.5, 2000.0, .integer(Int.max)])
        #expect(try JSONParser.parse("18446744073709551616") == .number(18_446_744_073_709_551_616))
    }

    @Test(
        "broken texts name the byte and the defect",
        arguments: [
            ("{\"a\":1,\"a\":2}", 7, "duplicate key \"a\""),
            ("[1,2", 4, "unexpected end of text in array"),
            ("{\"a\" 1}", 5, "expected ':' after key \"a\""),
            ("01", 1, "leading zero in number"),
            ("\"abc", 4, "unterminated string"),
            ("\"\\x\"", 2, "unknown escape \\x"),
            ("[1] x", 4, "unexpected text after the JSON value"),
            ("tru", 0, "unknown word, expected true"),
            ("1e999", 0, "number 1e999 out of range"),
        ])
    func brokenTexts(text: String, offset: Int, problem: String) {
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        #expect(error == JSONParseError(offset: offset, problem: problem))
    }

    @Test("invalid UTF-8 is refused at its first bad byte")
    func invalidUTF8() {
        let error = #expect(throws: JSONParseError.self) {
            try JSONParser.parse([0x22, 0x61, 0xC3, 0x28, 0x22] as [UInt8])
        }
        #expect(error == JSONParseError(offset: 2, problem: "text is not valid UTF-8"))
    }

    @Test("nesting beyond the limit is refused instead of overflowing the stack")
    func deepNesting() {
        let text = String(repeating: "[", count: 10_000)
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        #expect(error?.problem == "nesting deeper than 64")
    }
}
