/// A small HTML tokenizer for the escaping tests: start and end tags with their attributes,
/// text, comments and doctype, with script and style read as raw text as browsers do.
struct ReportHTMLTokenizer {
    struct Tag {
        var name: String
        var attributes: [(name: String, value: String)]
        var isEnd: Bool
    }

    enum Token {
        case tag(Tag)
        case text(String)
        case rawText(element: String, content: String)
        case comment(String)
        case doctype
    }

    static func tokens(_ html: String) -> [Token] {
        let chars = Array(html.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        var text = ""
        func flushText() { if !text.isEmpty { tokens.append(.text(text)); text = "" } }
        func isLetter(_ s: Unicode.Scalar) -> Bool { (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") }
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\n" || s == "\t" || s == "\r" || s == "\u{0C}" }
        func starts(_ prefix: String, at index: Int) -> Bool {
            let p = Array(prefix.unicodeScalars)
            guard index + p.count <= chars.count else { return false }
            for k in 0..<p.count where String(chars[index + k]).lowercased() != String(p[k]).lowercased() { return false }
            return true
        }
        while i < chars.count {
            let c = chars[i]
            guard c == "<" else { text.unicodeScalars.append(c); i += 1; continue }
            if starts("<!--", at: i) {
                flushText()
                var j = i + 4
                while j < chars.count, !starts("-->", at: j) { j += 1 }
                tokens.append(.comment(String(String.UnicodeScalarView(chars[(i + 4)..<min(j, chars.count)]))))
                i = min(j + 3, chars.count)
                continue
            }
            if starts("<!doctype", at: i) {
                flushText()
                while i < chars.count, chars[i] != ">" { i += 1 }
                i += 1
                tokens.append(.doctype)
                continue
            }
            let isEnd = i + 1 < chars.count && chars[i + 1] == "/"
            let nameStart = i + (isEnd ? 2 : 1)
            guard nameStart < chars.count, isLetter(chars[nameStart]) else { text.unicodeScalars.append(c); i += 1; continue }
            flushText()
            var j = nameStart
            var name = ""
            while j < chars.count, !isSpace(chars[j]), chars[j] != ">", chars[j] != "/" { name.unicodeScalars.append(chars[j]); j += 1 }
            var attributes: [(String, String)] = []
            while j < chars.count, chars[j] != ">" {
                if isSpace(chars[j]) || chars[j] == "/" { j += 1; continue }
                var attribute = ""
                while j < chars.count, !isSpace(chars[j]), chars[j] != "=", chars[j] != ">", !(chars[j] == "/" && attribute.isEmpty) {
                    attribute.unicodeScalars.append(chars[j]); j += 1
                }
                var value = ""
                while j < chars.count, isSpace(chars[j]) { j += 1 }
                if j < chars.count, chars[j] == "=" {
                    j += 1
                    while j < chars.count, isSpace(chars[j]) { j += 1 }
                    if j < chars.count, chars[j] == "\"" || chars[j] == "'" {
                        let quote = chars[j]
                        j += 1
                        while j < chars.count, chars[j] != quote { value.unicodeScalars.append(chars[j]); j += 1 }
                        j += 1
                    } else {
                        while j < chars.count, !isSpace(chars[j]), chars[j] != ">" { value.unicodeScalars.append(chars[j]); j += 1 }
                    }
                }
                if !attribute.isEmpty { attributes.append((attribute.lowercased(), decode(value))) }
            }
            i = j + 1
            let lower = name.lowercased()
            tokens.append(.tag(Tag(name: lower, attributes: attributes, isEnd: isEnd)))
            if !isEnd, lower == "script" || lower == "style" {
                var k = i
                while k < chars.count, !starts("</" + lower, at: k) { k += 1 }
                tokens.append(.rawText(element: lower, content: String(String.UnicodeScalarView(chars[i..<k]))))
                i = k
            }
        }
        flushText()
        return tokens
    }

    /// Character references decoded (named ones the tests care about, decimal and hex).
    static func decode(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var output = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semi) <= 10 {
                let entity = String(after[..<semi])
                var scalar: Unicode.Scalar?
                switch entity {
                case "amp": scalar = "&"
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                case "colon": scalar = ":"
                default:
                    if entity.hasPrefix("#x") || entity.hasPrefix("#X") { scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                    else if entity.hasPrefix("#") { scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init) }
                }
                if let scalar {
                    output.unicodeScalars.append(scalar)
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            output += "&"
            rest = after
        }
        return output + rest
    }
}
