import Glibc

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
    /// A user turn scoring at or below this counts as anger (a valence sum of about -4.4, as
    /// -0.75 was under the earlier normalisation constant 15; with 25 it reads -0.66).
    public static let angerScore = -0.66
    /// Word-set overlap (Jaccard) above which a turn rephrases an earlier one.
    public static let rephraseOverlap = 0.5
    /// Rephrasings needed before a conversation is flagged.
    public static let rephrasingsNeeded = 2

    /// The reasons a phrase signals, as bits in `LexiconEntry.flags`.
    private static let reasonBits: [(FrustrationReason, UInt8)] = [(.human, 1), (.anger, 2), (.profanity, 4)]

    /// English phrases (lower-case words joined by single spaces), matched on whole words.
    private let englishPhrases: LexiconTable
    private let longestEnglish: Int
    private let chinesePhrases: [(bit: UInt8, bytes: [UInt8])]

    /// The built-in signals.
    public static func builtIn() throws -> FrustrationSignals {
        try FrustrationSignals(text: SentimentLexicon.resource("frustration.tsv"))
    }

    /// Signals from `kind<TAB>phrase` lines (kinds: human, profanity, anger).
    init(text: String) throws {
        var english: [String: UInt8] = [:]
        var chinese: [(bit: UInt8, bytes: [UInt8])] = []
        var longest = 1
        var lineNumber = 0
        for line in text.split(separator: "\n") {
            lineNumber += 1
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let reason = FrustrationReason(rawValue: String(fields[0])),
                  let bit = Self.reasonBits.first(where: { $0.0 == reason })?.1 else {
                throw ChatMineError("frustration.tsv:\(lineNumber): expected `human|profanity|anger<TAB>phrase`")
            }
            let phrase = fields[1].lowercased()
            if phrase.utf8.contains(where: { $0 >= 0x80 }) {
                chinese.append((bit, Array(phrase.utf8)))
            } else {
                let words = phrase.split(separator: " ")
                english[words.joined(separator: " "), default: 0] |= bit
                longest = max(longest, words.count)
            }
        }
        englishPhrases = LexiconTable(english.map { (Array($0.key.utf8), LexiconEntry(flags: $0.value)) })
        longestEnglish = longest
        chinesePhrases = chinese
    }

    /// The reasons (other than rephrasing) that one user turn shows.
    public func reasons(in text: String, score: Double) -> Set<FrustrationReason> {
        var bits: UInt8 = 0
        var text = text
        var shouting = false
        text.withUTF8 { bytes in
            bits |= englishBits(bytes)
            if bytes.contains(where: { $0 >= 0xE3 }) {
                for phrase in chinesePhrases where bits & phrase.bit == 0 && Self.contains(bytes, phrase.bytes) {
                    bits |= phrase.bit
                }
            }
            shouting = Self.isShouting(bytes)
        }
        var found: Set<FrustrationReason> = []
        for (reason, bit) in Self.reasonBits where bits & bit != 0 { found.insert(reason) }
        if score <= Self.angerScore { found.insert(.anger) }
        if shouting { found.insert(.shouting) }
        return found
    }

    /// Reason bits of the English phrases in `bytes`, matched on lower-cased whole words.
    private func englishBits(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var lowered: [UInt8] = []
        var ends: [Int] = []
        var starts: [Int] = []
        lowered.reserveCapacity(bytes.count + 1)
        var inWord = false
        for byte in bytes {
            if Self.isWordByte(byte) {
                if !inWord { starts.append(lowered.count); inWord = true }
                lowered.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            } else if inWord {
                ends.append(lowered.count)
                lowered.append(0x20)
                inWord = false
            }
        }
        if inWord { ends.append(lowered.count) }
        var bits: UInt8 = 0
        lowered.withUnsafeBufferPointer { buffer in
            for first in starts.indices {
                for last in first..<min(starts.count, first + longestEnglish) {
                    let found = englishPhrases.find(UnsafeBufferPointer(rebasing: buffer[starts[first]..<ends[last]]))
                    if found >= 0 { bits |= englishPhrases.entries[found].flags }
                }
            }
        }
        return bits
    }

    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x27
    }

    /// Whether `needle` occurs in `text` (bytes).
    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let base = text.baseAddress, !needle.isEmpty, needle.count <= text.count else { return false }
        return needle.withUnsafeBufferPointer { pattern in
            guard let first = pattern.first, let patternBase = pattern.baseAddress else { return false }
            var offset = 0
            let last = text.count - pattern.count
            while offset <= last {
                if text[offset] == first, memcmp(base + offset, patternBase, pattern.count) == 0 { return true }
                offset += 1
            }
            return false
        }
    }

    /// Capitals (at least two words and 70% of at least 8 letters) or "!!!" / "！！！".
    static func isShouting(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isShouting($0) }
    }

    private static func isShouting(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var upper = 0
        var letters = 0
        var capitalWords = 0
        var wordUpper = 0
        var wordLetters = 0
        var exclamationRun = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            // "！" is EF BC 81 in UTF-8.
            let fullWidthBang = byte == 0xEF && index + 2 < bytes.count && bytes[index + 1] == 0xBC && bytes[index + 2] == 0x81
            if byte == 0x21 || fullWidthBang {
                exclamationRun += 1
                if exclamationRun >= 3 { return true }
            } else if byte < 0x80 || byte >= 0xC0 {
                exclamationRun = 0
            }
            if byte >= 0x41 && byte <= 0x5A {
                upper += 1; letters += 1; wordUpper += 1; wordLetters += 1
            } else if byte >= 0x61 && byte <= 0x7A {
                letters += 1; wordLetters += 1
            } else {
                if wordLetters >= 2 && wordUpper == wordLetters { capitalWords += 1 }
                wordUpper = 0
                wordLetters = 0
            }
            index += fullWidthBang ? 3 : 1
        }
        if wordLetters >= 2 && wordUpper == wordLetters { capitalWords += 1 }
        return letters >= 8 && capitalWords >= 2 && Double(upper) >= 0.7 * Double(letters)
    }

    /// What a turn is compared by when looking for rephrasing: hashes of its lower-cased English
    /// words and Chinese character pairs, sorted and unique.
    static func fingerprint(_ text: String) -> [UInt64] {
        var items: [UInt64] = []
        var text = text
        text.withUTF8 { bytes in
            var hash = LexiconTable.emptyHash
            var inWord = false
            var previousCJK: (start: Int, end: Int)?
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if isWordByte(byte) {
                    hash = (hash ^ UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)) &* 0x100_0000_01b3
                    inWord = true
                    previousCJK = nil
                    index += 1
                    continue
                }
                if inWord { items.append(hash); hash = LexiconTable.emptyHash; inWord = false }
                if byte >= 0xE3 && byte <= 0xE9, index + 2 < bytes.count {
                    if let previous = previousCJK {
                        items.append(LexiconTable.hash(UnsafeBufferPointer(rebasing: bytes[previous.start..<index + 3])))
                    }
                    previousCJK = (index, index + 3)
                    index += 3
                } else {
                    previousCJK = nil
                    index += 1
                }
            }
            if inWord { items.append(hash) }
        }
        return Array(Set(items)).sorted()
    }
}
