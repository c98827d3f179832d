// PresetSchema: what a preset file may contain, as data: keys, types, ranges, choices, defaults.
//
// The engine owner defines the actual schema; `PresetReader` checks a `TOMLDocument` against it.

import Formats

/// The type a preset key must have.
public indirect enum PresetValueType: Sendable, Equatable, CustomStringConvertible {
    case string
    case integer
    /// A number; integers are accepted and converted.
    case float
    case bool
    case array(of: PresetValueType)

    public var description: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a number"
        case .bool: return "a boolean (true or false)"
        case .array(let element): return "an array of \(element.plural)"
        }
    }

    var plural: String {
        switch self {
        case .string: return "strings"
        case .integer: return "integers"
        case .float: return "numbers"
        case .bool: return "booleans"
        case .array(let element): return "arrays of \(element.plural)"
        }
    }
}

/// An interval a number must lie in; either end may be open, closed or absent.
public struct PresetRange: Sendable, Equatable, CustomStringConvertible {
    public var lower: Double?
    public var lowerInclusive: Bool
    public var upper: Double?
    public var upperInclusive: Bool

    public init(lower: Double?, lowerInclusive: Bool = true, upper: Double?, upperInclusive: Bool = true) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    /// (a, b): both ends excluded.
    public static func open(_ a: Double, _ b: Double) -> PresetRange {
        PresetRange(lower: a, lowerInclusive: false, upper: b, upperInclusive: false)
    }
    /// [a, b]: both ends included.
    public static func closed(_ a: Double, _ b: Double) -> PresetRange { PresetRange(lower: a, upper: b) }
    /// ≥ a.
    public static func atLeast(_ a: Double) -> PresetRange { PresetRange(lower: a, upper: nil) }
    /// > a.
    public static func greaterThan(_ a: Double) -> PresetRange {
        PresetRange(lower: a, lowerInclusive: false, upper: nil)
    }

    /// Whether `x` lies in the range.
    public func contains(_ x: Double) -> Bool {
        if let a = lower, lowerInclusive ? x < a : x <= a { return false }
        if let b = upper, upperInclusive ? x > b : x >= b { return false }
        return x.isFinite
    }

    /// "in (0, 1)", "at least 1", "greater than 0", "at most 10".
    public var description: String {
        switch (lower, upper) {
        case (let a?, let b?):
            return
                "in \(lowerInclusive ? "[" : "(")\(PresetRange.format(a)), \(PresetRange.format(b))\(upperInclusive ? "]" : ")")"
        case (let a?, nil): return (lowerInclusive ? "at least " : "greater than ") + PresetRange.format(a)
        case (nil, let b?): return (upperInclusive ? "at most " : "less than ") + PresetRange.format(b)
        case (nil, nil): return "any number"
        }
    }

    /// Integral values without ".0"; others in Swift's shortest form.
    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : x.description
    }
}

/// One allowed key: where it lives, its type, and optional checks.
public struct PresetKey: Sendable, Equatable {
    /// Table ("" for the top level), e.g. "model" or "train.schedule".
    public var table: String
    public var key: String
    public var type: PresetValueType
    /// For numbers (and arrays of numbers, element-wise).
    public var range: PresetRange?
    /// For strings: the allowed values.
    public var choices: [String]?
    /// Whether the file must set it.
    public var required: Bool
    /// The value when the file does not set it.
    public var defaultValue: TOMLValue?

    /// - Parameter path: "table.key" (the table is everything before the last dot) or "key".
    public init(
        _ path: String, _ type: PresetValueType, range: PresetRange? = nil, choices: [String]? = nil,
        required: Bool = false, default defaultValue: TOMLValue? = nil
    ) {
        (table, key) = PresetKey.split(path)
        self.type = type
        self.range = range
        self.choices = choices
        self.required = required
        self.defaultValue = defaultValue
    }

    static func split(_ path: String) -> (table: String, key: String) {
        guard let dot = path.lastIndex(of: ".") else { return ("", path) }
        return (String(path[..<dot]), String(path[path.index(after: dot)...]))
    }
}

/// The allowed keys of a preset file.
public struct PresetSchema: Sendable, Equatable {
    public var keys: [PresetKey]

    public init(_ keys: [PresetKey]) { self.keys = keys }

    /// Every table that holds keys, and their parents.
    var tables: Set<String> {
        var result: Set<String> = [""]
        for key in keys {
            var parts = key.table.split(separator: ".").map(String.init)
            while !parts.isEmpty {
                result.insert(parts.joined(separator: "."))
                parts.removeLast()
            }
        }
        return result
    }

    func key(_ table: String, _ key: String) -> PresetKey? {
        keys.first { $0.table == table && $0.key == key }
    }
}
