// ThemeParser: reads btop-style `theme[role]="value"` files into a Theme.
import Foundation

/// Why a theme file could not be read.
public enum ThemeError: Error, Equatable, CustomStringConvertible {
    /// A line is neither blank, a `#` comment, nor `theme[key]="value"`.
    case malformedLine(file: String, line: Int, text: String)
    /// A known key has a value that is not `#rrggbb`, `#gg`, `r g b`, `0`-`255` or empty.
    case badColor(file: String, line: Int, key: String, value: String)
    /// The file could not be read.
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case .malformedLine(let file, let line, let text):
            "\(file):\(line): expected theme[key]=\"value\", found: \(text)"
        case .badColor(let file, let line, let key, let value):
            "\(file):\(line): theme[\(key)] has colour \"\(value)\"; use #rrggbb, #gg (grey), \"r g b\" (decimal 0-255 each), 0-255 (palette), or \"\" for the terminal default"
        case .unreadable(let file, let reason):
            "\(file): cannot read theme: \(reason)"
        }
    }
}

extension Theme {
    /// Parses a theme file's text. One `theme[key]="value"` a line; `#` starts a comment line;
    /// unknown keys are ignored; missing keys keep the built-in default's colour.
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - name: The theme's name.
    ///   - file: The path used in error messages.
    /// - Throws: `ThemeError.malformedLine` or `.badColor`, naming file and line.
    public static func parse(_ text: String, name: String, file: String) throws -> Theme {
        var theme = Theme.builtInDefault
        theme.name = name
        let rolesByKey = Dictionary(uniqueKeysWithValues: StyleRole.allCases.map { ($0.themeKey, $0) })
        // "\r\n" is one Character, so CRLF files are split on it as well as on "\n".
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (offset, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let (key, value) = splitAssignment(line) else {
                throw ThemeError.malformedLine(file: file, line: offset + 1, text: line)
            }
            let known = key == "main_bg" || key == "selected_bg" || rolesByKey[key] != nil
            guard known else { continue }
            guard let color = ThemeColor(parsing: value) else {
                throw ThemeError.badColor(file: file, line: offset + 1, key: key, value: value)
            }
            switch key {
            case "main_bg": theme.background = color
            case "selected_bg": theme.selectionBackground = color
            default: if let role = rolesByKey[key] { theme.foregrounds[role] = color }
            }
        }
        return theme
    }

    /// Reads and parses one `.theme` file; the theme is named after the file.
    /// - Throws: `ThemeError`, naming the file.
    public static func load(contentsOf url: URL) throws -> Theme {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ThemeError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        return try parse(text, name: url.deletingPathExtension().lastPathComponent, file: url.path)
    }

    /// Splits `theme[key]="value"` (quotes optional) into key and value.
    private static func splitAssignment(_ line: String) -> (String, String)? {
        guard line.hasPrefix("theme["), let close = line.firstIndex(of: "]") else { return nil }
        let key = String(line[line.index(line.startIndex, offsetBy: 6)..<close])
        var rest = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, rest.hasPrefix("=") else { return nil }
        rest = String(rest.dropFirst()).trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("\"") {
            guard rest.count >= 2, rest.hasSuffix("\"") else { return nil }
            rest = String(rest.dropFirst().dropLast())
        } else if rest.contains("\"") || rest.contains(" ") {
            return nil
        }
        return (key, rest)
    }
}
