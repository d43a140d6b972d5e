/// Words that announce a phone number, so that an unseparated ten-digit number (`4155550123`),
/// which alone cannot be told from an order number, is taken for a phone only after one of them.
enum PhoneKeywords {
    /// How far back (in bytes) a keyword may stand: "call me at ", "电话号码是：".
    static let window = 24

    /// Whether one of the keywords ends within `window` bytes before `start`.
    static func precede(_ start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let from = max(0, start - window)
        guard from < start else { return false }
        var lowered: [UInt8] = []
        lowered.reserveCapacity(start - from)
        for byte in bytes[from ..< start] { lowered.append(ScanByte.upper(byte) ? byte | 0x20 : byte) }
        return keywords.contains { keyword in contains(lowered, keyword) }
    }

    /// Whether a whole-word `needle` occurs in `haystack` (ASCII already lower-cased).
    static func contains(word needle: [UInt8], in haystack: [UInt8]) -> Bool {
        contains(haystack, needle)
    }

    private static let keywords: [[UInt8]] = [
        "phone", "tel", "mobile", "cell", "call me", "call us", "text me", "whatsapp", "my number", "reach me", "fax",
        "电话", "手机", "致电", "来电", "打给", "拨打", "热线",
    ].map { Array($0.utf8) }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for offset in 0 ... (haystack.count - needle.count) where haystack[offset] == needle[0] {
            // A word must start there: "tel", not "hotel"; "cell", not "cancelled".
            if offset > 0, ScanByte.letter(needle[0]), ScanByte.letter(haystack[offset - 1]) { continue }
            if haystack[offset ..< offset + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}

/// Words that announce a version number, so that `version 2.10.0.1` is not taken for an IPv4 address.
enum VersionWords {
    /// Whether one of the words ends within 12 bytes before `start`.
    static func precede(_ start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let from = max(0, start - 12)
        guard from < start else { return false }
        let lowered = bytes[from ..< start].map { ScanByte.upper($0) ? $0 | 0x20 : $0 }
        return words.contains { PhoneKeywords.contains(word: $0, in: lowered) }
    }

    private static let words: [[UInt8]] = ["version", "ver", "v", "build", "release", "firmware", "版本"].map { Array($0.utf8) }
}
