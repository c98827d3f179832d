// NPYHeader: the preamble of a NumPy .npy file, parsed and validated.
//
// Format (numpy.lib.format, "NEP 1"): the magic "\x93NUMPY", a major and minor version byte,
// the header length (UInt16 little-endian in version 1, UInt32 in versions 2 and 3), then the
// header: a Python dict literal such as
//     {'descr': '<f4', 'fortran_order': False, 'shape': (60000, 28, 28), }
// padded with spaces and ended by a newline. The data follows it directly. The dict is parsed
// by a small recursive-descent parser for the literals numpy writes (strings, True/False,
// integers, tuples, lists), and must hold exactly the keys descr, fortran_order and shape.

/// What a .npy header says about the array that follows it.
package struct NPYHeader: Equatable, Sendable {
    /// The dtype string, e.g. `|u1`, `<f4`.
    package var descr: String
    /// True for column-major arrays (not supported by the readers).
    package var fortranOrder: Bool
    /// The array's shape (empty for a scalar).
    package var shape: [Int]
    /// Offset of the first data byte in the file.
    package var dataOffset: Int

    /// Largest header accepted, in bytes (numpy itself refuses more than 10,000 by default).
    package static let maximumHeaderLength = 65_536

    /// Parses the preamble of `bytes`.
    /// - Throws: `DataError.emptyFile`, `.truncated` or `.badNPYHeader` naming `path` and the defect.
    package init(parsing bytes: [UInt8], path: String) throws {
        if bytes.isEmpty { throw DataError.emptyFile(path: path) }
        let magic: [UInt8] = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]  // "\x93NUMPY"
        guard bytes.count >= 6, Array(bytes[0..<6]) == magic else {
            throw DataError.badNPYHeader(path: path, detail: "the file does not start with \\x93NUMPY")
        }
        guard bytes.count >= 10 else {
            throw DataError.truncated(path: path, expected: 10, found: bytes.count)
        }
        let major = bytes[6]
        let lengthStart: Int
        let length: Int
        switch major {
        case 1:
            lengthStart = 10
            length = Int(bytes[8]) | Int(bytes[9]) << 8
        case 2, 3:
            guard bytes.count >= 12 else {
                throw DataError.truncated(path: path, expected: 12, found: bytes.count)
            }
            lengthStart = 12
            length = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        default:
            throw DataError.badNPYHeader(
                path: path, detail: "format version \(major).\(bytes[7]); versions 1, 2 and 3 are supported")
        }
        guard length <= NPYHeader.maximumHeaderLength else {
            throw DataError.badNPYHeader(
                path: path, detail: "header length \(length) exceeds \(NPYHeader.maximumHeaderLength) bytes")
        }
        guard bytes.count >= lengthStart + length else {
            throw DataError.truncated(path: path, expected: lengthStart + length, found: bytes.count)
        }
        let text = bytes[lengthStart..<(lengthStart + length)]
        var parser = LiteralParser(text: Array(text), path: path)
        let fields = try parser.parseHeaderDict()

        let keys = Set(fields.keys)
        let required: Set = ["descr", "fortran_order", "shape"]
        guard keys == required else {
            let missing = required.subtracting(keys).sorted()
            let extra = keys.subtracting(required).sorted()
            throw DataError.badNPYHeader(
                path: path,
                detail: "the header dict must have exactly the keys descr, fortran_order, shape"
                    + (missing.isEmpty ? "" : "; missing \(missing.joined(separator: ", "))")
                    + (extra.isEmpty ? "" : "; unexpected \(extra.joined(separator: ", "))"))
        }
        switch fields["descr"] {
        case .string(let value): descr = value
        case .list:
            throw DataError.unsupportedDType(path: path, dtype: "structured", supported: "plain arrays")
        default: throw DataError.badNPYHeader(path: path, detail: "'descr' is not a string")
        }
        guard case .bool(let order) = fields["fortran_order"] else {
            throw DataError.badNPYHeader(path: path, detail: "'fortran_order' is not True or False")
        }
        fortranOrder = order
        guard case .tuple(let items) = fields["shape"] else {
            throw DataError.badNPYHeader(path: path, detail: "'shape' is not a tuple")
        }
        shape = try items.map { item in
            guard case .integer(let value) = item, value >= 0 else {
                throw DataError.badNPYHeader(path: path, detail: "'shape' holds a value that is not a size")
            }
            return value
        }
        dataOffset = lengthStart + length
    }
}

/// A Python literal as numpy writes it in a header.
private enum Literal: Equatable {
    case string(String)
    case bool(Bool)
    case integer(Int)
    case tuple([Literal])
    case list([Literal])
}

/// Recursive descent over the header's bytes; every failure names the byte offset.
private struct LiteralParser {
    let text: [UInt8]
    let path: String
    var position = 0

    init(text: [UInt8], path: String) {
        self.text = text
        self.path = path
    }

    mutating func parseHeaderDict() throws -> [String: Literal] {
        skipSpace()
        try expect(UInt8(ascii: "{"))
        var fields: [String: Literal] = [:]
        skipSpace()
        while peek() != UInt8(ascii: "}") {
            guard case .string(let key) = try parseValue() else {
                throw failure("a dict key must be a string")
            }
            skipSpace()
            try expect(UInt8(ascii: ":"))
            let value = try parseValue()
            if fields[key] != nil { throw failure("the key '\(key)' appears twice") }
            fields[key] = value
            skipSpace()
            if peek() == UInt8(ascii: ",") {
                position += 1
                skipSpace()
            } else if peek() != UInt8(ascii: "}") {
                throw failure("expected ',' or '}'")
            }
        }
        position += 1
        skipSpace()
        guard position == text.count else { throw failure("unexpected text after the dict") }
        return fields
    }

    private mutating func parseValue(depth: Int = 0) throws -> Literal {
        guard depth < 8 else { throw failure("values nested too deeply") }
        skipSpace()
        guard let c = peek() else { throw failure("the header ends inside a value") }
        switch c {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .string(try parseString(quote: c))
        case UInt8(ascii: "("):
            return .tuple(try parseSequence(close: UInt8(ascii: ")"), depth: depth))
        case UInt8(ascii: "["):
            return .list(try parseSequence(close: UInt8(ascii: "]"), depth: depth))
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .integer(try parseInteger())
        default:
            if consume("True") { return .bool(true) }
            if consume("False") { return .bool(false) }
            throw failure("unexpected character '\(Character(Unicode.Scalar(c)))'")
        }
    }

    private mutating func parseString(quote: UInt8) throws -> String {
        position += 1
        let start = position
        while let c = peek(), c != quote {
            if c == UInt8(ascii: "\\") || c == UInt8(ascii: "\n") {
                throw failure("unsupported character in a string")
            }
            position += 1
        }
        guard peek() == quote else { throw failure("unterminated string") }
        let value = String(decoding: text[start..<position], as: UTF8.self)
        position += 1
        return value
    }

    private mutating func parseInteger() throws -> Int {
        var value = 0
        while let c = peek(), c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(c - UInt8(ascii: "0")))
            if overflow1 || overflow2 { throw failure("an integer is too large") }
            value = sum
            position += 1
        }
        if peek() == UInt8(ascii: "L") { position += 1 }  // Python 2 long suffix
        return value
    }

    private mutating func parseSequence(close: UInt8, depth: Int) throws -> [Literal] {
        position += 1
        var items: [Literal] = []
        skipSpace()
        while peek() != close {
            items.append(try parseValue(depth: depth + 1))
            skipSpace()
            if peek() == UInt8(ascii: ",") {
                position += 1
                skipSpace()
            } else if peek() != close {
                throw failure("expected ',' or '\(Character(Unicode.Scalar(close)))'")
            }
        }
        position += 1
        return items
    }

    private func peek() -> UInt8? { position < text.count ? text[position] : nil }

    private mutating func skipSpace() {
        while let c = peek(), c == 0x20 || c == 0x0a || c == 0x09 || c == 0x0d { position += 1 }
    }

    private mutating func expect(_ c: UInt8) throws {
        guard peek() == c else { throw failure("expected '\(Character(Unicode.Scalar(c)))'") }
        position += 1
    }

    private mutating func consume(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        guard position + bytes.count <= text.count, Array(text[position..<(position + bytes.count)]) == bytes
        else { return false }
        position += bytes.count
        return true
    }

    private func failure(_ detail: String) -> DataError {
        .badNPYHeader(path: path, detail: "\(detail) at byte \(position) of the header dict")
    }
}
