/// The one way user-written text enters the report: every string that did not come from the
/// report's own templates goes through `HTML.escape` (element content and attribute values
/// alike), so no chat line, intent, channel or file name can open a tag, an attribute or a URL.
enum HTML {
    /// `text` with `& < > " '` replaced by character references, control characters (other than
    /// tab and line feed) dropped, and lone surrogates impossible (Swift strings are valid Unicode).
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\t", "\n": output.unicodeScalars.append(scalar)
            default:
                // C0/C1 controls and the bidi overrides that could reorder surrounding text.
                if scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) || (0x202a...0x202e).contains(scalar.value)
                    || (0x2066...0x2069).contains(scalar.value) {
                    continue
                }
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// `text` shortened to `limit` characters (an ellipsis marks the cut), then escaped.
    static func escape(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return escape(text) }
        return escape(String(text.prefix(max(1, limit - 1))) + "…")
    }

    /// An element with escaped attribute values around already-built inner markup.
    static func element(_ name: String, _ attributes: [(String, String)] = [], _ inner: String = "") -> String {
        "<\(name)\(attributeList(attributes))>\(inner)</\(name)>"
    }

    /// ` a="v" b="w"` with every value escaped (names are the report's own constants).
    static func attributeList(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }
}
