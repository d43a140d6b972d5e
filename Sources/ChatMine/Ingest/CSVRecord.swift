/// Splits one RFC 4180 record (already framed, without its line break) into fields:
/// quoted fields may hold commas, doubled quotes and line breaks.
public enum CSVRecord {
    /// The fields of a record; throws when quoting is malformed or a field is not UTF-8.
    public static func fields(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8 = 0x2C) throws(RecordRejection) -> [String] {
        var fields: [String] = []
        var index = 0
        let count = bytes.count
        var field: [UInt8] = []
        while true {
            field.removeAll(keepingCapacity: true)
            if index < count && bytes[index] == 0x22 {
                index += 1
                var closed = false
                while index < count {
                    let byte = bytes[index]
                    if byte == 0x22 {
                        if index + 1 < count && bytes[index + 1] == 0x22 {
                            field.append(0x22)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    field.append(byte)
                    index += 1
                }
                guard closed else { throw RecordRejection("unterminated quoted field in CSV record") }
                guard index == count || bytes[index] == delimiter else {
                    throw RecordRejection("unexpected text after a closing quote in field \(fields.count + 1)")
                }
            } else {
                let begin = index
                while index < count && bytes[index] != delimiter { index += 1 }
                field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[begin..<index]))
            }
            guard let text = UTF8Validation.string(field) else {
                throw RecordRejection("invalid UTF-8 in CSV field \(fields.count + 1)")
            }
            fields.append(text)
            if index >= count { break }
            index += 1
            if index == count { fields.append(""); break }
        }
        return fields
    }
}
