/// Reads the fields of a flat JSON object straight from its bytes: only the members whose names
/// feed a field are turned into values, the rest are checked and skipped. This is the generic
/// JSONL reader's fast path; nested overrides (`--map text=a.b`) use the full parser instead.
enum FlatRecordParser {
    /// The field values of one JSON object line; throws when the line is not valid JSON.
    static func values(_ bytes: UnsafeBufferPointer<UInt8>, fields: FieldMap) throws(JSONParseError) -> FieldValues {
        var parser = JSONParser(bytes)
        var values = FieldValues()
        parser.skipWhitespace()
        guard parser.index < bytes.count else { throw parser.fail("unexpected end of JSON") }
        guard bytes[parser.index] == UInt8(ascii: "{") else {
            _ = try parser.parseValue()
            throw JSONParseError(message: "record is not a JSON object", offset: 0)
        }
        parser.index += 1
        parser.skipWhitespace()
        if parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "}") {
            parser.index += 1
        } else {
            while true {
                parser.skipWhitespace()
                guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "\"") else { throw parser.fail("expected a member name") }
                let key = try parser.parseString()
                parser.skipWhitespace()
                guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: ":") else { throw parser.fail("expected ':'") }
                parser.index += 1
                parser.skipWhitespace()
                if let target = fields.keyTable[key] {
                    let value = try parser.parseValue()
                    switch value {
                    case .null: break
                    case .string(let text) where text.isEmpty: break
                    default: values.offer(value, field: target.field, rank: target.rank)
                    }
                } else {
                    try parser.skipValue()
                }
                parser.skipWhitespace()
                guard parser.index < bytes.count else { throw parser.fail("unexpected end of JSON in an object") }
                if bytes[parser.index] == UInt8(ascii: ",") { parser.index += 1; continue }
                if bytes[parser.index] == UInt8(ascii: "}") { parser.index += 1; break }
                throw parser.fail("expected ',' or '}'")
            }
        }
        parser.skipWhitespace()
        if parser.index != bytes.count { throw parser.fail("unexpected text after the JSON value") }
        return values
    }
}

extension JSONParser {
    /// Checks and skips one value; strings are scanned without building them.
    mutating func skipValue() throws(JSONParseError) {
        guard index < bytes.count else { throw fail("unexpected end of JSON") }
        guard bytes[index] == UInt8(ascii: "\"") else {
            _ = try parseValue()
            return
        }
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { index += 1; return }
            if byte < 0x20 { throw fail("unescaped control character in a string") }
            index += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        throw fail("unterminated string")
    }
}
