/// A tolerant look at the start of a JSON text that may be cut off (a file's first 64 KiB):
/// the shape of its first value and the member names it shows. Enough to recognise a platform
/// export without parsing, even when the first record is longer than the sample.
struct JSONHead {
    /// What the first value is.
    enum Shape { case object, array, other }

    let shape: Shape
    /// Member names of the first object; for an array, of its first element.
    let keys: Set<String>
    /// Member names seen at any depth in the sample.
    let allKeys: Set<String>
    /// Whether the first value ends on the first line (or the sample ends first without a line
    /// break): the mark of JSON Lines rather than a pretty-printed document.
    let onOneLine: Bool

    init(_ bytes: [UInt8]) {
        var index = 0
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") else {
            shape = .other
            keys = []
            allKeys = []
            onOneLine = false
            return
        }
        let isArray = bytes[index] == UInt8(ascii: "[")
        shape = isArray ? .array : .object
        let keyDepth = isArray ? 2 : 1
        var depth = 0
        var firstElementOpen = !isArray
        var firstElementDone = false
        var keys: Set<String> = []
        var allKeys: Set<String> = []
        var sawNewline = false
        var ended = false
        while index < bytes.count && !ended {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let start = index + 1
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard index < bytes.count else { break }
                let end = index
                var look = index + 1
                while look < bytes.count, bytes[look] == 0x20 || bytes[look] == 0x0A || bytes[look] == 0x0D || bytes[look] == 0x09 {
                    look += 1
                }
                if look < bytes.count, bytes[look] == UInt8(ascii: ":") {
                    let name = String(decoding: bytes[start..<end], as: UTF8.self)
                    allKeys.insert(name)
                    if depth == keyDepth && firstElementOpen && !firstElementDone { keys.insert(name) }
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if isArray && depth == 2 && !firstElementDone { firstElementOpen = byte == UInt8(ascii: "{") }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if isArray && depth == 1 && firstElementOpen { firstElementDone = true }
                if depth == 0 { ended = true }
            case 0x0A:
                if !ended { sawNewline = true }
            default:
                break
            }
            index += 1
        }
        self.keys = keys
        self.allKeys = allKeys
        onOneLine = !sawNewline
    }

    /// The head of a sample.
    init(_ sample: FormatSample) {
        self.init(sample.bytes)
    }

    /// Whether the first object (or first element) has every one of `names`.
    func has(_ names: String...) -> Bool {
        names.allSatisfy(keys.contains)
    }

    /// Whether the first object (or first element) has any of `names`.
    func hasAny(_ names: String...) -> Bool {
        names.contains(where: keys.contains)
    }
}
