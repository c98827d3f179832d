// JSONText: compact JSON serialisation of `JSONValue`, byte-compatible with serde_json.
//
// Strings escape `"`, `\`, and control characters (\b \f \n \r \t, others as \u00XX), and keep
// every other character as UTF-8, as serde_json does, so safetensors headers written here match
// the Python reference byte for byte. Non-finite doubles become `null`.

extension JSONValue {
    /// The value as compact JSON text (no spaces), keys in their stored order.
    public var jsonText: String {
        var out = ""
        JSONText.append(self, to: &out)
        return out
    }
}

extension JSONObject {
    /// The object as compact JSON text, keys in their stored order.
    public var jsonText: String { JSONValue.object(self).jsonText }
}

enum JSONText {
    static func append(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d): out += number(d)
        case .string(let s): appendString(s, to: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                append(item, to: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (index, field) in object.fields.enumerated() {
                if index > 0 { out += "," }
                appendString(field.key, to: &out)
                out += ":"
                append(field.value, to: &out)
            }
            out += "}"
        }
    }

    /// Shortest text that reads back as the same double; `null` when not finite.
    /// Swift prints `1e-05` and `5.0`, both valid JSON numbers.
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        return d.description
    }

    static func appendString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
