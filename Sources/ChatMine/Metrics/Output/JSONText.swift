/// Building JSON text by hand, with strings escaped per RFC 8259.
public enum JSONText {
    /// A JSON string literal for `value`, quotes included.
    public static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A JSON number, or null for nil and non-finite values; integral values print without ".0".
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// An object from already encoded members, in the given order.
    public static func object(_ members: [(String, String)], indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        if members.isEmpty { return "{}" }
        return "{\n" + members.map { pad + string($0.0) + ": " + $0.1 }.joined(separator: ",\n") + "\n" + close + "}"
    }

    /// An array from already encoded elements.
    public static func array(_ elements: [String], indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        if elements.isEmpty { return "[]" }
        return "[\n" + elements.map { pad + $0 }.joined(separator: ",\n") + "\n" + close + "]"
    }
}
