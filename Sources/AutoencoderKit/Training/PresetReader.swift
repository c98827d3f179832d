// PresetReader: checks a TOML preset against a `PresetSchema` and reads typed values from it.
//
// Every defect is reported at once, in line order, as `file:line: message`, with a
// "did you mean" suggestion for misspelt keys and tables (closest name by edit distance).

import Formats

/// One defect of a preset file.
public struct PresetProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// The line, or nil for a missing key.
    public let line: Int?
    public let message: String

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// All defects of a preset file; the message lists one per line.
public struct PresetError: Error, Equatable, CustomStringConvertible {
    public let problems: [PresetProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Reads typed values from a preset document, checked against a schema.
public struct PresetReader: Sendable {
    public let document: TOMLDocument
    public let schema: PresetSchema

    public init(document: TOMLDocument, schema: PresetSchema) {
        self.document = document
        self.schema = schema
    }

    /// Throws when `problems()` is not empty.
    /// - Throws: `PresetError` listing every defect.
    public func validate() throws(PresetError) {
        let found = problems()
        if !found.isEmpty { throw PresetError(problems: found) }
    }

    /// Every defect: unknown tables and keys, wrong types, values out of range or not among the
    /// choices, and missing required keys (last, without a line).
    public func problems() -> [PresetProblem] {
        let file = document.file
        var found: [PresetProblem] = []
        let knownTables = schema.tables
        var unknownTables: Set<String> = []
        for (name, line) in document.tables where !knownTables.contains(name) {
            unknownTables.insert(name)
            let hint =
                PresetReader.suggestion(for: name, among: knownTables.filter { !$0.isEmpty }).map {
                    " (did you mean [\($0)]?)"
                } ?? ""
            found.append(PresetProblem(file: file, line: line, message: "unknown table [\(name)]\(hint)"))
        }
        for entry in document.entries where !unknownTables.contains(entry.table) {
            let place = entry.table.isEmpty ? "" : " in [\(entry.table)]"
            guard let spec = schema.key(entry.table, entry.key) else {
                let candidates = schema.keys.filter { $0.table == entry.table }.map(\.key)
                let hint =
                    PresetReader.suggestion(for: entry.key, among: candidates).map { " (did you mean \"\($0)\"?)" }
                    ?? ""
                found.append(
                    PresetProblem(file: file, line: entry.line, message: "unknown key \"\(entry.key)\"\(place)\(hint)"))
                continue
            }
            if let problem = PresetReader.check(entry.value, against: spec) {
                found.append(
                    PresetProblem(file: file, line: entry.line, message: "key \"\(entry.key)\"\(place): \(problem)"))
            }
        }
        found.sort { ($0.line ?? Int.max) < ($1.line ?? Int.max) }
        for spec in schema.keys where spec.required && document.entry(spec.table, spec.key) == nil {
            let place = spec.table.isEmpty ? "" : " in [\(spec.table)]"
            found.append(PresetProblem(file: file, line: nil, message: "missing key \"\(spec.key)\"\(place)"))
        }
        return found
    }

    /// Why `value` does not fit `spec`, or nil when it does.
    static func check(_ value: TOMLValue, against spec: PresetKey) -> String? {
        switch (spec.type, value) {
        case (.string, .string(let s)):
            if let choices = spec.choices, !choices.contains(s) {
                let list = choices.map { "\"\($0)\"" }.joined(separator: ", ")
                return "must be one of \(list), got \"\(s)\""
            }
            return nil
        case (.integer, .integer(let i)):
            return rangeProblem(Double(i), spec.range, shown: String(i))
        case (.float, .integer), (.float, .float):
            let d = value.doubleValue ?? 0
            return rangeProblem(d, spec.range, shown: PresetRange.format(d))
        case (.bool, .bool):
            return nil
        case (.array(let elementType), .array(let items)):
            var element = spec
            element.type = elementType
            for (index, item) in items.enumerated() {
                if let problem = check(item, against: element) { return "element \(index + 1): \(problem)" }
            }
            return nil
        default:
            return "expected \(spec.type), got \(value.summary)"
        }
    }

    static func rangeProblem(_ x: Double, _ range: PresetRange?, shown: String) -> String? {
        guard let range, !range.contains(x) else { return nil }
        return "must be \(range), got \(shown)"
    }

    /// The closest name within a small edit distance, or nil.
    static func suggestion(for name: String, among candidates: some Collection<String>) -> String? {
        let limit = name.count <= 3 ? 1 : 2
        let scored = candidates.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= limit }
        return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    /// Levenshtein distance between two strings, by characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[y.count]
    }

    // MARK: Typed values (after validation; nil when absent and without default)

    /// The value at "table.key" (or "key"), or the schema's default.
    public func value(_ path: String) -> TOMLValue? {
        let (table, key) = PresetKey.split(path)
        return document.value(table, key) ?? schema.key(table, key)?.defaultValue
    }

    /// A number at `path`; integers convert.
    public func double(_ path: String) -> Double? { value(path)?.doubleValue }
    /// An integer at `path`.
    public func integer(_ path: String) -> Int? { value(path)?.integerValue }
    /// A string at `path`.
    public func string(_ path: String) -> String? { value(path)?.stringValue }
    /// A boolean at `path`.
    public func bool(_ path: String) -> Bool? { value(path)?.boolValue }
    /// An array of integers at `path`, or nil if absent or of another type.
    public func integers(_ path: String) -> [Int]? {
        guard let items = value(path)?.arrayValue else { return nil }
        let values = items.compactMap(\.integerValue)
        return values.count == items.count ? values : nil
    }
    /// An array of numbers at `path`, or nil if absent or of another type.
    public func doubles(_ path: String) -> [Double]? {
        guard let items = value(path)?.arrayValue else { return nil }
        let values = items.compactMap(\.doubleValue)
        return values.count == items.count ? values : nil
    }
}
