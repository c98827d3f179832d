// CSVExport: turns JSON-lines metrics into CSV for spreadsheets and plotting tools.
//
// Columns are the union of keys in first-seen order; nested objects flatten to dotted names
// ("val.bce"). Cells follow RFC 4180: quoted when they hold a comma, quote, or line break.
// Missing keys and nulls are empty cells. Lines are parsed with the ordered `JSONParser`
// (Foundation's JSONSerialization would lose the key order that defines the columns).

/// Why a JSON-lines text could not be converted.
public struct CSVExportError: Error, Equatable, CustomStringConvertible {
    public let source: String
    /// 1-based line number.
    public let line: Int
    public let problem: String
    public var description: String { "\(source):\(line): \(problem)" }
}

/// Converts metric records to CSV.
public enum CSVExport {
    /// CSV text for the records: a header row, then one row per record, "\n" line ends.
    public static func csv(records: [JSONObject]) -> String {
        let rows = records.map(flatten)
        var columns: [String] = []
        var seen: Set<String> = []
        for row in rows {
            for (key, _) in row where seen.insert(key).inserted { columns.append(key) }
        }
        var out = columns.map(quote).joined(separator: ",") + "\n"
        for row in rows {
            var cells: [String: String] = [:]
            for (key, value) in row where cells[key] == nil { cells[key] = value }
            out += columns.map { quote(cells[$0] ?? "") }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// CSV text for a JSON-lines text; blank lines are skipped.
    /// - Parameter source: a name for messages, usually the path.
    /// - Throws: `CSVExportError` naming the line that is not a JSON object.
    public static func csv(jsonLines text: String, source: String) throws(CSVExportError) -> String {
        try csv(records: records(jsonLines: text, source: source))
    }

    /// The objects of a JSON-lines text.
    /// - Throws: `CSVExportError` naming the line that is not a JSON object.
    public static func records(jsonLines text: String, source: String) throws(CSVExportError) -> [JSONObject] {
        var records: [JSONObject] = []
        let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) else { continue }
            let value: JSONValue
            do {
                value = try JSONParser.parse(line.last == 0x0D ? line.dropLast() : line)
            } catch {
                throw CSVExportError(source: source, line: index + 1, problem: "not JSON: \(error)")
            }
            guard case .object(let object) = value else {
                throw CSVExportError(
                    source: source, line: index + 1, problem: "expected an object, found \(value.kindDescription)")
            }
            records.append(object)
        }
        return records
    }

    /// (column, cell text) pairs; nested objects become "outer.inner" columns.
    static func flatten(_ object: JSONObject) -> [(String, String)] {
        var cells: [(String, String)] = []
        for (key, value) in object.fields {
            switch value {
            case .object(let inner):
                cells += flatten(inner).map { (key + "." + $0.0, $0.1) }
            case .null: cells.append((key, ""))
            case .string(let s): cells.append((key, s))
            default: cells.append((key, value.jsonText))
            }
        }
        return cells
    }

    /// The cell, quoted if it holds a comma, quote, or line break.
    static func quote(_ cell: String) -> String {
        guard cell.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return cell
        }
        var quoted = "\""
        for character in cell {
            quoted += character == "\"" ? "\"\"" : String(character)
        }
        return quoted + "\""
    }
}
