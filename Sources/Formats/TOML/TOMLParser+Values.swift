// TOMLParser+Values: strings, numbers, booleans and arrays on the right of `=`.

extension TOMLParser {
    mutating func parseValue() throws(TOMLError) -> TOMLValue {
        guard let c = peek, c != "\n", c != "\r", c != "#" else { throw error("missing value after '='") }
        switch c {
        case "\"": return .string(try parseBasicString())
        case "'": return .string(try parseLiteralString())
        case "[": return try parseArray()
        case "{": throw error("inline tables ({...}) are not supported; use a [table] header")
        default: return try parseBareValue()
        }
    }

    mutating func parseArray() throws(TOMLError) -> TOMLValue {
        let openLine = line
        let openColumn = column
        guard arrayDepth < TOMLParser.maximumArrayDepth else {
            throw error("arrays nested more than \(TOMLParser.maximumArrayDepth) deep")
        }
        arrayDepth += 1
        defer { arrayDepth -= 1 }
        index += 1
        var items: [TOMLValue] = []
        while true {
            try skipBlank(openLine: openLine, openColumn: openColumn)
            if peek == "]" {
                index += 1
                return .array(items)
            }
            items.append(try parseValue())
            try skipBlank(openLine: openLine, openColumn: openColumn)
            if peek == "," {
                index += 1
            } else if peek == "]" {
                index += 1
                return .array(items)
            } else {
                throw error("expected ',' or ']' in the array opened on line \(openLine)")
            }
        }
    }

    /// Spaces, newlines and comments inside an array.
    mutating func skipBlank(openLine: Int, openColumn: Int) throws(TOMLError) {
        while true {
            skipSpaces()
            guard let c = peek else {
                throw error("unterminated array (opened here)", column: openColumn, line: openLine)
            }
            if c == "#" {
                try skipComment()
            } else if c == "\n" || c == "\r" {
                try consumeNewline()
            } else {
                return
            }
        }
    }

    mutating func parseBasicString() throws(TOMLError) -> String {
        let startColumn = column
        if index + 2 < text.count, text[index + 1] == "\"", text[index + 2] == "\"" {
            throw error("multi-line strings (\"\"\") are not supported")
        }
        index += 1
        var scalars = String.UnicodeScalarView()
        while true {
            guard let c = peek, c != "\n", c != "\r" else {
                throw error("unterminated string (opened at column \(startColumn))")
            }
            index += 1
            if c == "\"" { return String(scalars) }
            if c == "\\" {
                scalars.append(try parseEscape())
            } else if c.value < 0x20 && c != "\t" || c.value == 0x7F {
                throw error("control character in string", column: column - 1)
            } else {
                scalars.append(c)
            }
        }
    }

    mutating func parseEscape() throws(TOMLError) -> Unicode.Scalar {
        let escapeColumn = column - 1
        guard let e = peek, e != "\n", e != "\r" else { throw error("unterminated string") }
        index += 1
        switch e {
        case "\"": return "\""
        case "\\": return "\\"
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "u", "U":
            let count = e == "u" ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<count {
                guard let h = peek, let digit = h.properties.isASCIIHexDigit ? UInt32(String(h), radix: 16) : nil else {
                    throw error("\\\(e) needs \(count) hex digits", column: escapeColumn)
                }
                value = value * 16 + digit
                index += 1
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw error("\\\(e) escape is not a Unicode scalar value", column: escapeColumn)
            }
            return scalar
        default:
            throw error("unknown escape \\\(e) (use \\\" \\\\ \\n \\t \\r \\b \\f \\uXXXX)", column: escapeColumn)
        }
    }

    mutating func parseLiteralString() throws(TOMLError) -> String {
        let startColumn = column
        if index + 2 < text.count, text[index + 1] == "'", text[index + 2] == "'" {
            throw error("multi-line strings (''') are not supported")
        }
        index += 1
        let start = index
        while let c = peek, c != "'" {
            if c == "\n" || c == "\r" { break }
            index += 1
        }
        guard peek == "'" else { throw error("unterminated string (opened at column \(startColumn))") }
        let value = String(String.UnicodeScalarView(text[start..<index]))
        index += 1
        return value
    }

    /// Booleans and numbers: a run of letters, digits and `_ + - . :`.
    mutating func parseBareValue() throws(TOMLError) -> TOMLValue {
        let startColumn = column
        let start = index
        while let c = peek, isBareKeyScalar(c) || c == "+" || c == "." || c == ":" { index += 1 }
        let token = String(String.UnicodeScalarView(text[start..<index]))
        guard !token.isEmpty else { throw error("expected a value, found '\(text[index])'") }
        do {
            return try TOMLParser.classify(token)
        } catch let problem {
            throw error(problem.message, column: startColumn)
        }
    }

    struct BadToken: Error { let message: String }

    static func classify(_ token: String) throws(BadToken) -> TOMLValue {
        switch token {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "inf", "+inf", "-inf", "nan", "+nan", "-nan":
            throw BadToken(message: "\(token) is not accepted: preset numbers must be finite")
        default: break
        }
        let body = token.hasPrefix("+") || token.hasPrefix("-") ? String(token.dropFirst()) : token
        if body.hasPrefix("0x") || body.hasPrefix("0o") || body.hasPrefix("0b") {
            throw BadToken(message: "bad value \(token): hex, octal and binary integers are not supported")
        }
        if token.contains(":") || token.filter({ $0 == "-" }).count >= 2 && token.first?.isNumber == true {
            throw BadToken(message: "bad value \(token): dates and times are not supported")
        }
        guard let first = body.first, first.isASCII && first.isNumber else {
            throw BadToken(message: "bad value \(token) (a string needs quotes: \"\(token)\")")
        }
        let chars = Array(body)
        for (i, c) in chars.enumerated() where c == "_" {
            let before = i > 0 && chars[i - 1].isASCII && chars[i - 1].isNumber
            let after = i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber
            guard before && after else { throw BadToken(message: "bad number \(token): '_' must sit between digits") }
        }
        let plain = body.filter { $0 != "_" }
        let integerPart = plain.prefix { $0.isASCII && $0.isNumber }
        if integerPart.count > 1 && integerPart.hasPrefix("0") {
            throw BadToken(message: "bad number \(token): leading zeros are not allowed")
        }
        let rest = plain.dropFirst(integerPart.count)
        let sign = token.hasPrefix("-") ? "-" : ""
        if rest.isEmpty {
            guard let value = Int(sign + plain) else { throw BadToken(message: "integer \(token) out of range") }
            return .integer(value)
        }
        guard isFloatTail(rest) else { throw BadToken(message: "bad number \(token)") }
        guard let value = Double(sign + plain), value.isFinite else {
            throw BadToken(message: "float \(token) out of range")
        }
        return .float(value)
    }

    /// `.digits`, `[eE][+-]digits`, or both in that order.
    static func isFloatTail(_ tail: Substring) -> Bool {
        var rest = tail
        func digits() -> Bool {
            let run = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(run.count)
            return !run.isEmpty
        }
        if rest.first == "." {
            rest = rest.dropFirst()
            guard digits() else { return false }
        }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
            guard digits() else { return false }
        }
        return rest.isEmpty
    }
}
