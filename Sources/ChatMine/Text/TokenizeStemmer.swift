/// A light suffix folder for English words: plurals and common verb endings, so "cards",
/// "card"; "charged", "charging", "charges", "charge" fall together. Deliberately conservative:
/// short words and non-ASCII words pass through unchanged.
public enum Stemmer {
    /// The folded form of a lower-case word.
    public static func fold(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard bytes.count >= 4, bytes.allSatisfy({ $0 < 0x80 }) else { return word }
        return String(decoding: fold(bytes), as: UTF8.self)
    }

    /// The folded form of a lower-case ASCII word given as bytes.
    static func fold(_ w: [UInt8]) -> [UInt8] {
        let n = w.count
        guard n >= 4 else { return w }
        func ends(_ suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            guard n >= count else { return false }
            return suffix.withUTF8Buffer { s in
                for i in 0..<count where w[n - count + i] != s[i] { return false }
                return true
            }
        }
        if ends("ies") && n > 4 { return Array(w[0..<(n - 3)]) + [UInt8(ascii: "y")] }
        if ends("sses") { return Array(w[0..<(n - 2)]) }
        if ends("ss") || ends("us") || ends("is") { return w }
        if ends("ing") && n >= 6 { return undouble(Array(w[0..<(n - 3)])) }
        if ends("ed") && n >= 5 {
            let stem = Array(w[0..<(n - 2)])
            if stem.last == UInt8(ascii: "i") { return Array(stem.dropLast()) + [UInt8(ascii: "y")] }
            return undouble(stem)
        }
        if ends("es") && n >= 5 { return Array(w[0..<(n - 2)]) }
        if ends("s") { return Array(w[0..<(n - 1)]) }
        if ends("e") { return Array(w[0..<(n - 1)]) }
        return w
    }

    /// "stopp" → "stop", but "fall" and "pass" keep their double letters.
    private static func undouble(_ stem: [UInt8]) -> [UInt8] {
        guard stem.count >= 3, let last = stem.last, stem[stem.count - 2] == last,
              last != UInt8(ascii: "l"), last != UInt8(ascii: "s"), last != UInt8(ascii: "z") else { return stem }
        return Array(stem.dropLast())
    }
}
