/// The ASCII fast path of `TextNormalizer`: the same rules on bytes, without building a
/// `Character` or `String` per step. Most chat traffic is ASCII; other text takes the general path.
enum ASCIINormalizer {
    private static let space = UInt8(ascii: " ")

    /// The tokens of an all-ASCII text, identical to `TextNormalizer.tokens`.
    static func tokens(_ bytes: [UInt8], stemming: Bool) -> [String] {
        var output: [String] = []
        output.reserveCapacity(16)
        var start = 0
        let n = bytes.count
        while start < n {
            while start < n && isSpace(bytes[start]) { start += 1 }
            var end = start
            while end < n && !isSpace(bytes[end]) { end += 1 }
            if end > start { chunk(bytes[start..<end], stemming: stemming, into: &output) }
            start = end
        }
        return output
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 32 || (b >= 9 && b <= 13) }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    private static func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
    private static func isLower(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }

    private static func chunk(_ raw: ArraySlice<UInt8>, stemming: Bool, into output: inout [String]) {
        if let placeholder = placeholder(raw) { output.append(placeholder); return }
        let lower = raw.map { isUpper($0) ? $0 + 32 : $0 }
        if starts(lower, "http://") || starts(lower, "https://") || starts(lower, "www.") { output.append("<url>"); return }
        if let at = lower.firstIndex(of: UInt8(ascii: "@")), at > 0, lower[(at + 1)...].contains(UInt8(ascii: ".")) {
            output.append("<email>")
            return
        }
        var digits = 0, phoneLike = true, allDigits = true
        for b in lower {
            if isDigit(b) { digits += 1 } else {
                allDigits = false
                if !(b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "(") || b == UInt8(ascii: ")") || b == UInt8(ascii: ".")) { phoneLike = false }
            }
        }
        if phoneLike && digits >= 7 && !allDigits { output.append("<phone>"); return }
        var run: [UInt8] = []
        for b in lower {
            if isLower(b) || isDigit(b) {
                run.append(b)
            } else if b == UInt8(ascii: "'") {
                continue
            } else if !run.isEmpty {
                output.append(classify(run, stemming: stemming))
                run.removeAll(keepingCapacity: true)
            }
        }
        if !run.isEmpty { output.append(classify(run, stemming: stemming)) }
    }

    private static func classify(_ run: [UInt8], stemming: Bool) -> String {
        var digits = 0
        for b in run where isDigit(b) { digits += 1 }
        let letters = run.count - digits
        if digits == 0 { return String(decoding: stemming ? Stemmer.fold(run) : run, as: UTF8.self) }
        if letters == 0 { return digits >= 5 ? "<id>" : "<num>" }
        if letters <= 2 && digits <= 4 { return "<num>" }
        return "<id>"
    }

    private static func starts(_ bytes: [UInt8], _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        return prefix.withUTF8Buffer { p in (0..<count).allSatisfy { bytes[$0] == p[$0] } }
    }

    /// `[EMAIL]`, `<PERSON>`, `[EMAIL:3fa2]`, `<email>` → `<email>`, `<person>`, ….
    private static func placeholder(_ raw: ArraySlice<UInt8>) -> String? {
        var body = raw
        while let last = body.last, ".,!?;:".utf8.contains(last) { body = body.dropLast() }
        guard body.count >= 3, let first = body.first, let last = body.last,
              (first == UInt8(ascii: "[") && last == UInt8(ascii: "]")) || (first == UInt8(ascii: "<") && last == UInt8(ascii: ">")) else { return nil }
        var name = body.dropFirst().dropLast()
        if let colon = name.firstIndex(of: UInt8(ascii: ":")) { name = name[..<colon] }
        let underscore = UInt8(ascii: "_")
        let upper = name.allSatisfy { isUpper($0) || $0 == underscore }
        let normalised = first == UInt8(ascii: "<") && name.allSatisfy { isLower($0) || $0 == underscore }
        guard !name.isEmpty, upper || normalised else { return nil }
        return "<" + String(decoding: name.map { isUpper($0) ? $0 + 32 : $0 }, as: UTF8.self) + ">"
    }
}
