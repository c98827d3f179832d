// TOMLParser: the scanner behind `TOMLDocument.parse`, one pass over the text's scalars.
//
// It tracks line and column for every error, and which key paths hold values or tables so that
// duplicates and redefinitions are refused with the line of the first definition.

struct TOMLParser {
    let text: [Unicode.Scalar]
    let file: String
    var index = 0
    var line = 1
    var lineStart = 0

    /// Arrays open around the current value; capped so that nesting cannot exhaust the stack.
    var arrayDepth = 0
    static let maximumArrayDepth = 32

    var entries: [TOMLEntry] = []
    var declaredTables: [(name: String, line: Int)] = []
    private var currentTable: [String] = []
    private var valueLines: [[String]: Int] = [:]
    private var headerLines: [[String]: Int] = [:]
    private var implicitTables: Set<[String]> = []
    private var dottedTables: Set<[String]> = []

    init(text: String, file: String) {
        self.text = Array(text.unicodeScalars)
        self.file = file
    }

    var column: Int { index - lineStart + 1 }
    var atEnd: Bool { index >= text.count }
    var peek: Unicode.Scalar? { atEnd ? nil : text[index] }

    func error(_ problem: String, column: Int? = nil, line: Int? = nil) -> TOMLError {
        TOMLError(file: file, line: line ?? self.line, column: column ?? self.column, problem: problem)
    }

    // MARK: Lines

    mutating func parseDocument() throws(TOMLError) {
        while true {
            skipSpaces()
            guard let c = peek else { return }
            if c == "#" {
                try skipComment()
            } else if c == "\n" || c == "\r" {
                try consumeNewline()
                continue
            } else if c == "[" {
                try parseHeader()
            } else {
                try parseKeyValue()
            }
            try expectLineEnd()
        }
    }

    mutating func skipSpaces() {
        while let c = peek, c == " " || c == "\t" { index += 1 }
    }

    mutating func skipComment() throws(TOMLError) {
        while let c = peek, c != "\n" {
            if c == "\r", index + 1 < text.count, text[index + 1] == "\n" { return }
            if c.value < 0x20 && c != "\t" || c.value == 0x7F { throw error("control character in comment") }
            index += 1
        }
    }

    mutating func consumeNewline() throws(TOMLError) {
        if peek == "\r" {
            guard index + 1 < text.count, text[index + 1] == "\n" else {
                throw error("carriage return without line feed")
            }
            index += 1
        }
        index += 1
        line += 1
        lineStart = index
    }

    mutating func expectLineEnd() throws(TOMLError) {
        skipSpaces()
        if peek == "#" { try skipComment() }
        guard let c = peek else { return }
        guard c == "\n" || c == "\r" else { throw error("expected the end of the line, found '\(c)'") }
        try consumeNewline()
    }

    // MARK: Tables and keys

    mutating func parseHeader() throws(TOMLError) {
        let headerLine = line
        let headerColumn = column
        index += 1
        if peek == "[" { throw error("arrays of tables ([[...]]) are not supported", column: headerColumn) }
        skipSpaces()
        let path = try parseKey()
        skipSpaces()
        guard peek == "]" else { throw error("expected ']' to close the table header") }
        index += 1
        let name = path.joined(separator: ".")
        if let first = headerLines[path] {
            throw error("table [\(name)] redefined (first defined on line \(first))", column: headerColumn)
        }
        if dottedTables.contains(path) {
            throw error("table [\(name)] was already created by dotted keys", column: headerColumn)
        }
        for end in 1...path.count {
            if let first = valueLines[Array(path[0..<end])] {
                let key = path[0..<end].joined(separator: ".")
                throw error("[\(name)]: key \"\(key)\" already holds a value (line \(first))", column: headerColumn)
            }
        }
        for end in 1..<path.count { implicitTables.insert(Array(path[0..<end])) }
        headerLines[path] = headerLine
        declaredTables.append((name: name, line: headerLine))
        currentTable = path
    }

    /// A dotted key: simple keys separated by '.', spaces allowed around the dots.
    mutating func parseKey() throws(TOMLError) -> [String] {
        var parts = [try parseSimpleKey()]
        while true {
            let save = index
            skipSpaces()
            guard peek == "." else {
                index = save
                return parts
            }
            index += 1
            skipSpaces()
            parts.append(try parseSimpleKey())
        }
    }

    mutating func parseSimpleKey() throws(TOMLError) -> String {
        switch peek {
        case "\"": return try parseBasicString()
        case "'": return try parseLiteralString()
        default:
            let start = index
            while let c = peek, isBareKeyScalar(c) { index += 1 }
            guard index > start else {
                let found = peek.map { "'\($0)'" } ?? "the end of the file"
                throw error("expected a key, found \(found)")
            }
            return String(String.UnicodeScalarView(text[start..<index]))
        }
    }

    func isBareKeyScalar(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    mutating func parseKeyValue() throws(TOMLError) {
        let keyLine = line
        let keyColumn = column
        let parts = try parseKey()
        skipSpaces()
        guard peek == "=" else {
            let found =
                peek.map { $0 == "\n" || $0 == "\r" ? "the end of the line" : "'\($0)'" } ?? "the end of the file"
            throw error("expected '=' after key \"\(parts.joined(separator: "."))\", found \(found)")
        }
        index += 1
        skipSpaces()
        let value = try parseValue()
        let path = currentTable + parts
        let dotted = parts.joined(separator: ".")
        if let first = valueLines[path] {
            throw error("duplicate key \"\(dotted)\" (first set on line \(first))", column: keyColumn, line: keyLine)
        }
        if headerLines[path] != nil || implicitTables.contains(path) {
            throw error("key \"\(dotted)\" is already a table", column: keyColumn, line: keyLine)
        }
        for end in (currentTable.count + 1)..<path.count {
            let prefix = Array(path[0..<end])
            if let first = valueLines[prefix] {
                throw error(
                    "key \"\(dotted)\": \"\(prefix.joined(separator: "."))\" already holds a value (line \(first))",
                    column: keyColumn, line: keyLine)
            }
            implicitTables.insert(prefix)
            dottedTables.insert(prefix)
        }
        valueLines[path] = keyLine
        entries.append(
            TOMLEntry(
                table: path.dropLast().joined(separator: "."), key: parts[parts.count - 1], value: value,
                line: keyLine, column: keyColumn))
    }
}
