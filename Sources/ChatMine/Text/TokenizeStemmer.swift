/// A light suffix folder for English words: plurals and common verb endings, so "cards",
/// "card"; "charged", "charging", "charges", "charge" fall together. Deliberately conservative:
/// short words and words it does not recognise pass through unchanged.
public enum Stemmer {
    /// The folded form of a lower-case word.
    public static func fold(_ word: String) -> String {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 4, scalars.allSatisfy({ $0.isASCII }) else { return word }
        var w = String(word)
        if w.hasSuffix("ies") && w.count > 4 { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("sses") { return String(w.dropLast(2)) }
        if w.hasSuffix("ss") || w.hasSuffix("us") || w.hasSuffix("is") { return w }
        if w.hasSuffix("ing") && w.count >= 6 {
            w = String(w.dropLast(3))
            return undouble(w)
        }
        if w.hasSuffix("ed") && w.count >= 5 {
            w = String(w.dropLast(2))
            if w.hasSuffix("i") { return String(w.dropLast()) + "y" }
            return undouble(w)
        }
        if w.hasSuffix("es") && w.count >= 5 {
            // "charges" → "charg", matching "charged" → "charg" and "charging" → "charg".
            return String(w.dropLast(2))
        }
        if w.hasSuffix("s") { return String(w.dropLast()) }
        if w.hasSuffix("e") && w.count >= 4 { return String(w.dropLast()) }
        return w
    }

    /// "stopp" → "stop", but "fall" and "pass" keep their double letters.
    private static func undouble(_ stem: String) -> String {
        let scalars = Array(stem.unicodeScalars)
        guard scalars.count >= 3, let last = scalars.last, scalars[scalars.count - 2] == last,
              !"lsz".unicodeScalars.contains(last) else { return stem }
        return String(stem.dropLast())
    }
}
