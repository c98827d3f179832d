// TOMLDocument: the values of a human-written preset file, each with the line it came from.
//
// A subset of TOML 1.0: comments, bare/quoted/dotted keys, basic and literal strings, integers,
// floats, booleans, arrays (multi-line, trailing comma), [table] and [table.sub] headers.
// Not supported, with a clear error: inline tables, arrays of tables, multi-line strings,
// dates, hex/octal/binary integers, and inf/nan (a preset needs finite numbers).

/// A TOML value.
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case array([TOMLValue])

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer, when this is one.
    public var integerValue: Int? {
        if case .integer(let i) = self { return i }
        return nil
    }

    /// The number as a Double: floats, and integers converted.
    public var doubleValue: Double? {
        switch self {
        case .float(let d): return d
        case .integer(let i): return Double(i)
        default: return nil
        }
    }

    /// The boolean, when this is one.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [TOMLValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// A short description of the kind and value for messages: `a string "ten"`, `an integer 3`.
    public var summary: String {
        switch self {
        case .string(let s): return "a string \"\(s)\""
        case .integer(let i): return "an integer \(i)"
        case .float(let d): return "a float \(d)"
        case .bool(let b): return "a boolean \(b)"
        case .array(let a): return "an array of \(a.count)"
        }
    }
}

/// One `key = value` line, with the table it belongs to and where it was written.
public struct TOMLEntry: Sendable, Equatable {
    /// Dotted table path, "" for the top level (e.g. "model" or "train.schedule").
    public var table: String
    /// The key within the table.
    public var key: String
    public var value: TOMLValue
    /// 1-based line of the key.
    public var line: Int
    /// 1-based column of the key.
    public var column: Int
}

/// A parse failure: the file, line, column and the problem.
public struct TOMLError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    /// What is wrong, e.g. `duplicate key "rho" (first set on line 4)`.
    public let problem: String

    public var description: String { "\(file):\(line):\(column): \(problem)" }
}

/// A parsed TOML document: entries in file order and the tables that were declared.
public struct TOMLDocument: Sendable, Equatable {
    /// Every value, in the order written.
    public var entries: [TOMLEntry]
    /// Tables declared with a `[header]`, with the header's line.
    public var tables: [(name: String, line: Int)]
    /// The file name used in messages.
    public var file: String

    /// Parses `text`.
    /// - Parameter file: the name used in error messages, e.g. "samples/sparse-kl.toml".
    /// - Throws: `TOMLError` with line, column and problem.
    public static func parse(_ text: String, file: String) throws(TOMLError) -> TOMLDocument {
        var parser = TOMLParser(text: text, file: file)
        try parser.parseDocument()
        return TOMLDocument(entries: parser.entries, tables: parser.declaredTables, file: file)
    }

    /// The value of `key` in `table` (nil or "" for the top level), or nil.
    public func value(_ table: String?, _ key: String) -> TOMLValue? {
        entry(table, key)?.value
    }

    /// The entry of `key` in `table` (nil or "" for the top level), or nil.
    public func entry(_ table: String?, _ key: String) -> TOMLEntry? {
        let t = table ?? ""
        return entries.first { $0.table == t && $0.key == key }
    }

    public static func == (lhs: TOMLDocument, rhs: TOMLDocument) -> Bool {
        lhs.entries == rhs.entries && lhs.file == rhs.file
            && lhs.tables.map(\.name) == rhs.tables.map(\.name) && lhs.tables.map(\.line) == rhs.tables.map(\.line)
    }
}
