// JSONValue: an ordered JSON value for the engine's own files (safetensors headers, metrics).
//
// Objects keep their keys in order (a list of pairs, not a Dictionary), so metrics lines and
// CSV columns come out in the order they were written. Integers and doubles stay apart, so
// offsets and epochs round-trip exactly.

/// A JSON value whose objects keep their key order.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number written without fraction or exponent that fits in `Int`.
    case integer(Int)
    /// Any other number. Non-finite doubles are written as `null` (JSON has no NaN or Inf).
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The value as a `Double` when it is a number (integers convert).
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    /// The value as an `Int` when it is an integer.
    public var integerValue: Int? {
        if case .integer(let i) = self { return i }
        return nil
    }

    /// The value as a `String` when it is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value as an object when it is one.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The value as an array when it is one.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// A short name of the kind of value, for error messages ("a string", "an object").
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer: return "an integer"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A JSON object as an ordered list of fields; write it with a dictionary literal:
/// `["epoch": 3, "train_bce_per_pixel": 0.12]` keeps that order.
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The fields in order. Keys should be unique; `value(for:)` returns the first match.
    public var fields: [(key: String, value: JSONValue)]

    /// - Parameter fields: the fields in the order they are written.
    public init(_ fields: [(key: String, value: JSONValue)] = []) {
        self.fields = fields
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.fields = elements.map { (key: $0.0, value: $0.1) }
    }

    /// The keys in order.
    public var keys: [String] { fields.map(\.key) }

    /// The value of the first field named `key`, or nil.
    public func value(for key: String) -> JSONValue? {
        fields.first { $0.key == key }?.value
    }

    /// Appends a field at the end.
    public mutating func append(_ key: String, _ value: JSONValue) {
        fields.append((key: key, value: value))
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension JSONValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByNilLiteral
{
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
}
