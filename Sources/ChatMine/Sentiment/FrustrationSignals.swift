/// Why a conversation counts as frustrated; stored as fixed words in
/// `conversation_sentiment.reasons`.
public enum FrustrationReason: String, Sendable, CaseIterable, Comparable {
    /// The user asked nearly the same thing again, at least twice.
    case rephrasing
    /// The user asked for a person (agent, human, 人工).
    case human
    /// A user turn used words of anger or scored very negative.
    case anger
    /// The user swore.
    case profanity
    /// The user wrote in capitals or with runs of exclamation marks.
    case shouting

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// The word lists and thresholds behind the frustration flag (from `frustration.tsv`).
public struct FrustrationSignals: Sendable {
    /// A user turn scoring at or below this counts as anger.
    public static let angerScore = -0.75
    /// Word-set overlap (Jaccard) above which a turn rephrases an earlier one.
    public static let rephraseOverlap = 0.5
    /// Rephrasings needed before a conversation is flagged.
    public static let rephrasingsNeeded = 2

    private var englishPhrases: [FrustrationReason: Set<String>] = [:]
    private var chinesePhrases: [FrustrationReason: [String]] = [:]
    private var longestEnglish = 1

    /// The built-in signals.
    public static func builtIn() throws -> FrustrationSignals {
        try FrustrationSignals(text: SentimentLexicon.resource("frustration.tsv"))
    }

    /// Signals from `kind<TAB>phrase` lines (kinds: human, profanity, anger).
    init(text: String) throws {
        var lineNumber = 0
        for line in text.split(separator: "\n") {
            lineNumber += 1
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let reason = FrustrationReason(rawValue: String(fields[0])) else {
                throw ChatMineError("frustration.tsv:\(lineNumber): expected `human|profanity|anger<TAB>phrase`")
            }
            let phrase = fields[1].lowercased()
            if phrase.unicodeScalars.contains(where: { $0.value >= 0x2E80 }) {
                chinesePhrases[reason, default: []].append(phrase)
            } else {
                englishPhrases[reason, default: []].insert(phrase)
                longestEnglish = max(longestEnglish, phrase.split(separator: " ").count)
            }
        }
    }

    /// The reasons (other than rephrasing) that one user turn shows.
    public func reasons(in text: String, score: Double) -> Set<FrustrationReason> {
        var found: Set<FrustrationReason> = []
        let lowered = text.lowercased()
        let words = Self.words(lowered)
        for (reason, phrases) in englishPhrases where Self.containsPhrase(words, phrases, longest: longestEnglish) {
            found.insert(reason)
        }
        for (reason, phrases) in chinesePhrases where !found.contains(reason) {
            if phrases.contains(where: { lowered.contains($0) }) { found.insert(reason) }
        }
        if score <= Self.angerScore { found.insert(.anger) }
        if Self.isShouting(text) { found.insert(.shouting) }
        return found
    }

    /// English words (ASCII letters, digits, apostrophes), lower-cased input expected.
    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "'")) })
    }

    private static func containsPhrase(_ words: [Substring], _ phrases: Set<String>, longest: Int) -> Bool {
        guard !words.isEmpty else { return false }
        for start in words.indices {
            var phrase = ""
            for length in 1...longest where start + length <= words.count {
                phrase += length == 1 ? words[start] : " " + words[start + length - 1]
                if phrases.contains(phrase) { return true }
            }
        }
        return false
    }

    /// Capitals (at least two words and 70% of at least 8 letters) or "!!!" / "！！！".
    static func isShouting(_ text: String) -> Bool {
        var upper = 0
        var letters = 0
        var capitalWords = 0
        var wordUpper = 0
        var wordLetters = 0
        var exclamationRun = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x21 || value == 0xFF01 {
                exclamationRun += 1
                if exclamationRun >= 3 { return true }
            } else {
                exclamationRun = 0
            }
            if (0x41...0x5A).contains(value) {
                upper += 1; letters += 1; wordUpper += 1; wordLetters += 1
            } else if (0x61...0x7A).contains(value) {
                letters += 1; wordLetters += 1
            } else {
                if wordLetters >= 2 && wordUpper == wordLetters { capitalWords += 1 }
                wordUpper = 0
                wordLetters = 0
            }
        }
        if wordLetters >= 2 && wordUpper == wordLetters { capitalWords += 1 }
        return letters >= 8 && capitalWords >= 2 && Double(upper) >= 0.7 * Double(letters)
    }

    /// The set a turn is compared by when looking for rephrasing: English words and Chinese
    /// character pairs.
    static func fingerprint(_ text: String) -> Set<String> {
        var items = Set(words(text.lowercased()).map(String.init))
        var previous: Character?
        for character in text {
            let isChinese = character.unicodeScalars.first.map { $0.value >= 0x3400 && $0.value <= 0x9FFF } ?? false
            if isChinese {
                if let previous { items.insert(String([previous, character])) }
                previous = character
            } else {
                previous = nil
            }
        }
        return items
    }
}
