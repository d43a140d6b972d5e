/// A bilingual (Chinese → English) glossary of customer-support concepts: banking, payments,
/// shopping, delivery, travel, telecom, accounts and complaints. Each concept has English and
/// Chinese wordings; an utterance in either language (or both, code-switched) yields the same
/// concept ids, which the TF-IDF vectoriser adds as a shared, language-free feature block.
///
/// The data is `Sources/ChatMine/Text/Glossaries/support-zh-en.tsv`, built into the binary: one concept per line,
/// `concept<TAB>english, terms<TAB>中文, 词语`; `#` starts a comment.
public struct SupportGlossary: Sendable {
    /// Concept names, by concept index.
    public let concepts: [String]
    /// Hash of a folded English term (tokens joined by a space) → concept index.
    let english: [UInt64: Int32]
    /// Hash of a Chinese term (its characters) → concept index.
    let chinese: [UInt64: Int32]
    /// Longest English term in tokens and Chinese term in characters.
    let longestEnglish: Int
    let longestChinese: Int

    /// The built-in support-domain glossary (empty if the resource is missing).
    public static let builtIn = SupportGlossary(tsv: EmbeddedResources.files["Sources/ChatMine/Text/Glossaries/support-zh-en.tsv"] ?? "")

    /// The glossary in effect: the TSV file named by `$CHATMINE_GLOSSARY` when set (`off`
    /// turns concept features off), else the built-in one. The command line calls
    /// `checkEnvironment()` first, so a file that cannot be read stops the run with an error
    /// instead of being replaced by the built-in glossary.
    public static let configured: SupportGlossary? = {
        switch Result(catching: { try fromEnvironment() }) {
        case .success(let glossary): return glossary
        case .failure: return builtIn
        }
    }()

    /// The glossary `$CHATMINE_GLOSSARY` names (nil for `off`), or the built-in one when unset.
    public static func fromEnvironment() throws -> SupportGlossary? {
        guard let path = ProcessInfo.processInfo.environment["CHATMINE_GLOSSARY"], !path.isEmpty else { return builtIn }
        if path == "off" { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ChatMineError("cannot read the glossary \(path) named by CHATMINE_GLOSSARY",
                                hint: "name a readable UTF-8 TSV file (concept<TAB>english terms<TAB>中文 terms), 'off', or unset it")
        }
        let glossary = SupportGlossary(tsv: text)
        guard !glossary.concepts.isEmpty else {
            throw ChatMineError("the glossary \(path) named by CHATMINE_GLOSSARY has no concept lines",
                                hint: "each line is concept<TAB>english, terms<TAB>中文, 词语")
        }
        return glossary
    }

    /// Throws when `$CHATMINE_GLOSSARY` names a file that cannot be used.
    public static func checkEnvironment() throws {
        _ = try fromEnvironment()
    }

    /// Parses a glossary in the TSV format above; malformed lines are skipped.
    public init(tsv: String) {
        var concepts: [String] = []
        var english: [UInt64: Int32] = [:]
        var chinese: [UInt64: Int32] = [:]
        var longestEnglish = 0, longestChinese = 0
        let normalizer = TextNormalizer()
        for line in tsv.split(whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0 == " " }
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 3 else { continue }
            let name = fields[0].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            let index = Int32(concepts.count)
            concepts.append(name)
            for term in Self.terms(fields[1]) + [name.replacingOccurrences(of: "_", with: " ")] {
                let tokens = normalizer.tokens(term, stemming: false).map { Stemmer.fold($0) }
                guard !tokens.isEmpty else { continue }
                let key = Self.englishKey(tokens[...])
                if english[key] == nil { english[key] = index }
                longestEnglish = max(longestEnglish, tokens.count)
            }
            for term in Self.terms(fields[2]) {
                let scalars = Array(TextNormalizer.foldWidth(term).unicodeScalars.filter(TextNormalizer.isCJK))
                guard !scalars.isEmpty else { continue }
                let key = Self.chineseKey(scalars.map(\.value)[...])
                if chinese[key] == nil { chinese[key] = index }
                longestChinese = max(longestChinese, scalars.count)
            }
        }
        self.concepts = concepts
        self.english = english
        self.chinese = chinese
        self.longestEnglish = longestEnglish
        self.longestChinese = longestChinese
    }

    /// Whether the glossary has no entries.
    public var isEmpty: Bool { concepts.isEmpty }

    /// The concepts named in `tokens` (surface tokens from `TextNormalizer.tokens(_:stemming:
    /// false)`), in order, longest match first: Chinese terms over runs of CJK characters,
    /// English terms over runs of Latin words (suffix-folded).
    public func concepts(in tokens: [String]) -> [Int32] {
        guard !isEmpty else { return [] }
        var found: [Int32] = []
        var i = 0
        // Folded Latin tokens by position (CJK and placeholders hold "").
        var folded: [String] = []
        while i < tokens.count {
            let token = tokens[i]
            if let scalar = Self.singleCJK(token) {
                var values: [UInt32] = [scalar]
                var end = i + 1
                while end < tokens.count, values.count < longestChinese, let next = Self.singleCJK(tokens[end]) {
                    values.append(next)
                    end += 1
                }
                var matched = 0
                for length in stride(from: values.count, through: 1, by: -1) {
                    if let concept = chinese[Self.chineseKey(values[0..<length])] {
                        found.append(concept)
                        matched = length
                        break
                    }
                }
                i += max(1, matched)
            } else if token.hasPrefix("<") {
                i += 1
            } else {
                while folded.count < i { folded.append("") }
                var end = i
                while end < tokens.count, end - i < longestEnglish, !tokens[end].hasPrefix("<"), Self.singleCJK(tokens[end]) == nil {
                    if end >= folded.count { folded.append(Stemmer.fold(tokens[end])) }
                    end += 1
                }
                var matched = 0
                if end > i {
                    for length in stride(from: end - i, through: 1, by: -1) {
                        if let concept = english[Self.englishKey(folded[i..<(i + length)])] {
                            found.append(concept)
                            matched = length
                            break
                        }
                    }
                }
                i += max(1, matched)
            }
        }
        return found
    }

    /// The concept names found in a raw text (for tests and inspection).
    public func conceptNames(_ text: String) -> [String] {
        concepts(in: TextNormalizer().tokens(text, stemming: false)).map { concepts[Int($0)] }
    }

    // MARK: - Keys

    private static func terms(_ field: Substring) -> [String] {
        field.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func singleCJK(_ token: String) -> UInt32? {
        let scalars = token.unicodeScalars
        guard let first = scalars.first, scalars.count == 1, TextNormalizer.isCJK(first) else { return nil }
        return first.value
    }

    static func englishKey(_ tokens: ArraySlice<String>) -> UInt64 {
        var h = FeatureHash.unigramSeed ^ 0x656e
        for token in tokens {
            for byte in token.utf8 { h = FeatureHash.mix(h, UInt64(byte)) }
            h = FeatureHash.mix(h, 32)
        }
        return FeatureHash.finalize(h)
    }

    static func chineseKey(_ scalars: ArraySlice<UInt32>) -> UInt64 {
        var h = FeatureHash.unigramSeed ^ 0x7a68
        for value in scalars { h = FeatureHash.mix(h, UInt64(value)) }
        return FeatureHash.finalize(h)
    }
}

import Foundation
