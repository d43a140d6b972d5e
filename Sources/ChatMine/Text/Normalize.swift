import Foundation

/// Folds an utterance to the form intent discovery compares: case and width folded, numbers,
/// ids, e-mail addresses, URLs, phone numbers and redaction placeholders replaced by
/// `<num>`, `<id>`, `<email>`, `<url>`, `<phone>` or `<name>`-style tokens, punctuation dropped.
public struct TextNormalizer: Sendable {
    /// Creates a normaliser.
    public init() {}

    /// The normalised tokens of `text`: Latin words lower-cased and suffix-folded, each CJK
    /// character on its own, placeholders as `<kind>`.
    public func tokens(_ text: String, stemming: Bool = true) -> [String] {
        var bytes = Array(text.utf8)
        if bytes.contains(UInt8(ascii: "[")) { bytes = Self.separatePlaceholders(bytes) }
        if bytes.allSatisfy({ $0 < 0x80 }) { return ASCIINormalizer.tokens(bytes, stemming: stemming) }
        return generalTokens(String(decoding: bytes, as: UTF8.self), stemming: stemming)
    }

    /// Puts spaces around redaction placeholders (`[EMAIL]`, `[PHONE:9f2c41ab]`) glued to other
    /// text, as in Chinese ("邮箱是[EMAIL]谢谢"), so they become tokens of their own. Only ASCII
    /// spaces are inserted next to ASCII brackets, so the bytes stay valid UTF-8.
    static func separatePlaceholders(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "["), let end = placeholderEnd(bytes, from: i) {
                output.append(32)
                output.append(contentsOf: bytes[i...end])
                output.append(32)
                i = end + 1
            } else {
                output.append(bytes[i])
                i += 1
            }
        }
        return output
    }

    /// The index of the `]` closing a placeholder that starts at `start`, if one does.
    private static func placeholderEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start + 1
        var name = 0
        while i < bytes.count, (bytes[i] >= 65 && bytes[i] <= 90) || bytes[i] == UInt8(ascii: "_") { i += 1; name += 1 }
        guard name > 0, i < bytes.count else { return nil }
        if bytes[i] == UInt8(ascii: ":") {
            i += 1
            while i < bytes.count, (bytes[i] >= 48 && bytes[i] <= 57) || (bytes[i] >= 97 && bytes[i] <= 102) { i += 1 }
        }
        return i < bytes.count && bytes[i] == UInt8(ascii: "]") ? i : nil
    }

    /// The general (any script) path of `tokens`.
    func generalTokens(_ text: String, stemming: Bool) -> [String] {
        var output: [String] = []
        output.reserveCapacity(16)
        let folded = Self.foldWidth(text)
        for chunk in folded.split(whereSeparator: { $0.isWhitespace }) {
            appendTokens(of: chunk, stemming: stemming, to: &output)
        }
        return output
    }

    /// The tokens joined with single spaces: the key under which near-identical utterances fold.
    public func key(_ text: String) -> String {
        tokens(text).joined(separator: " ")
    }

    // MARK: - Whole chunks

    private func appendTokens(of chunk: Substring, stemming: Bool, to output: inout [String]) {
        if let placeholder = Self.placeholder(chunk) {
            output.append(placeholder)
            return
        }
        let lower = chunk.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.") {
            output.append("<url>")
            return
        }
        if Self.looksLikeEmail(lower) {
            output.append("<email>")
            return
        }
        if Self.looksLikePhone(lower) {
            output.append("<phone>")
            return
        }
        appendRuns(of: lower, stemming: stemming, to: &output)
    }

    /// Splits a chunk into runs of letters/digits (Latin) and single CJK characters.
    private func appendRuns(of chunk: String, stemming: Bool, to output: inout [String]) {
        var run = String.UnicodeScalarView()
        func flush() {
            guard !run.isEmpty else { return }
            output.append(Self.classify(String(run), stemming: stemming))
            run.removeAll(keepingCapacity: true)
        }
        for scalar in chunk.unicodeScalars {
            if Self.isCJK(scalar) {
                flush()
                output.append(String(scalar))
            } else if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                run.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                // "don't" → "dont": apostrophes join, they do not split.
                continue
            } else if scalar.properties.generalCategory == .nonspacingMark {
                run.append(scalar)
            } else {
                flush()
            }
        }
        flush()
    }

    // MARK: - Classification

    /// A run of letters and digits as a token: numbers and ids become placeholders, words
    /// lose their plural and verb suffixes.
    static func classify(_ run: String, stemming: Bool = true) -> String {
        var digits = 0
        var letters = 0
        for scalar in run.unicodeScalars {
            if ("0"..."9").contains(scalar) { digits += 1 } else { letters += 1 }
        }
        if digits == 0 { return stemming ? Stemmer.fold(run) : run }
        if letters == 0 { return digits >= 5 ? "<id>" : "<num>" }
        // "2nd", "3pm", "10am", "5g": a number with a short unit or ordinal suffix.
        if letters <= 2 && digits <= 4 { return "<num>" }
        return "<id>"
    }

    /// `[EMAIL]`, `[PHONE_NUMBER]`, `<PERSON>`, `[EMAIL:3fa2]` → `<email>`, `<phone_number>`, ….
    static func placeholder(_ chunk: Substring) -> String? {
        var body = chunk
        while let last = body.last, ".,!?;:".contains(last) { body = body.dropLast() }
        guard let first = body.first, let last = body.last, body.count >= 3,
              (first == "[" && last == "]") || (first == "<" && last == ">") else { return nil }
        var name = body.dropFirst().dropLast()
        if let colon = name.firstIndex(of: ":") { name = name[..<colon] }
        let upper = name.allSatisfy { $0.isUppercase || $0 == "_" }
        let normalised = first == "<" && name.allSatisfy { $0.isLowercase || $0 == "_" }
        guard !name.isEmpty, upper || normalised else { return nil }
        return "<" + name.lowercased() + ">"
    }

    static func looksLikeEmail(_ chunk: String) -> Bool {
        guard let at = chunk.firstIndex(of: "@"), at != chunk.startIndex else { return false }
        return chunk[chunk.index(after: at)...].contains(".")
    }

    /// Seven or more digits, with only `+ - ( ) .` between them.
    static func looksLikePhone(_ chunk: String) -> Bool {
        var digits = 0
        for scalar in chunk.unicodeScalars {
            if ("0"..."9").contains(scalar) { digits += 1 }
            else if !"+-().".unicodeScalars.contains(scalar) { return false }
        }
        return digits >= 7 && !chunk.allSatisfy(\.isNumber)
    }

    /// Han ideographs, kana and Hangul: each character is a token.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F:
            return true
        default:
            return false
        }
    }

    /// Full-width forms to half-width and compatibility characters to their plain form (NFKC),
    /// skipped for pure ASCII text, which has nothing to fold.
    static func foldWidth(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return text.precomposedStringWithCompatibilityMapping
    }
}
