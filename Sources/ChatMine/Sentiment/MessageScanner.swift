/// Splits a UTF-8 message into sentiment tokens in one pass over its bytes, looking every
/// word up in the lexicon table (English words by lower-cased bytes, Chinese by forward
/// longest match, emoji by scalar, emoticons by their characters).
struct MessageScanner {
    let table: LexiconTable
    let text: UnsafeBufferPointer<UInt8>
    let tokens: UnsafeMutableBufferPointer<SentimentToken>
    /// Lower-cased words, each followed by a space, so that adjacent words form phrase keys.
    let arena: UnsafeMutableBufferPointer<UInt8>
    private(set) var summary = ScanSummary()
    private var arenaCount = 0
    /// The first token after an open double quote, or -1.
    private var openQuote = -1

    init(table: LexiconTable, text: UnsafeBufferPointer<UInt8>, tokens: UnsafeMutableBufferPointer<SentimentToken>, arena: UnsafeMutableBufferPointer<UInt8>) {
        self.table = table
        self.text = text
        self.tokens = tokens
        self.arena = arena
    }

    /// Token capacity the caller must provide for a text of `count` bytes.
    static func tokenCapacity(forBytes count: Int) -> Int { count + 2 }
    /// Arena capacity the caller must provide for a text of `count` bytes.
    static func arenaCapacity(forBytes count: Int) -> Int { count * 2 + 8 }

    private mutating func append(_ token: SentimentToken, from start: Int = 0, to end: Int = 0) {
        var token = token
        token.textStart = Int32(start)
        token.textEnd = Int32(end)
        tokens[summary.tokenCount] = token
        summary.tokenCount += 1
    }

    /// Scans the whole text.
    mutating func scan() -> ScanSummary {
        var index = 0
        let count = text.count
        while index < count {
            let byte = text[index]
            if byte < 0x80 {
                if Self.isWordByte(byte) {
                    index = scanWord(from: index)
                } else if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                    index += 1
                } else if let end = matchEmoticon(at: index) {
                    index = end
                } else {
                    punctuation(byte)
                    index += 1
                }
                continue
            }
            let (scalar, length) = decode(at: index)
            if Self.isCJK(scalar) {
                index = scanChinese(from: index)
            } else if (0xC0...0x24F).contains(scalar) {
                index = scanWord(from: index)
            } else if Self.isEmoji(scalar) {
                let found = table.find(UnsafeBufferPointer(rebasing: text[index..<index + length]))
                if found >= 0 {
                    append(SentimentToken(kind: .symbol, entry: table.entries[found]), from: index, to: index + length)
                }
                index += length
            } else {
                fullWidthPunctuation(scalar)
                index += length
            }
        }
        return summary
    }

    /// The scalar starting at `index` and its length in bytes (invalid bytes read as one byte).
    @inline(__always)
    func decode(at index: Int) -> (UInt32, Int) {
        let lead = text[index]
        let count = text.count
        if lead < 0xE0, index + 1 < count {
            return ((UInt32(lead & 0x1F) << 6) | UInt32(text[index + 1] & 0x3F), 2)
        }
        if lead < 0xF0, index + 2 < count {
            return ((UInt32(lead & 0x0F) << 12) | (UInt32(text[index + 1] & 0x3F) << 6) | UInt32(text[index + 2] & 0x3F), 3)
        }
        if lead >= 0xF0, index + 3 < count {
            let value = (UInt32(lead & 0x07) << 18) | (UInt32(text[index + 1] & 0x3F) << 12)
                | (UInt32(text[index + 2] & 0x3F) << 6) | UInt32(text[index + 3] & 0x3F)
            return (value, 4)
        }
        return (0xFFFD, 1)
    }

    // MARK: - Punctuation and emoticons

    private mutating func punctuation(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "!"):
            summary.exclamations += 1
            breakToken(.sentenceBreak)
        case UInt8(ascii: "?"):
            summary.questions += 1
            breakToken(.sentenceBreak)
            tokens[summary.tokenCount - 1].question = true
        case UInt8(ascii: "\""):
            quoteMark()
        case UInt8(ascii: "."), 0x0A:
            breakToken(.sentenceBreak)
        case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"):
            breakToken(.clauseBreak)
        default:
            break
        }
    }

    private mutating func fullWidthPunctuation(_ scalar: UInt32) {
        switch scalar {
        case 0xFF01: summary.exclamations += 1; breakToken(.sentenceBreak)
        case 0xFF1F:
            summary.questions += 1
            breakToken(.sentenceBreak)
            tokens[summary.tokenCount - 1].question = true
        case 0x201C: openQuote = summary.tokenCount
        case 0x201D: closeQuote()
        case 0x3002, 0x2026, 0xFF0E: breakToken(.sentenceBreak)
        case 0xFF0C, 0x3001, 0xFF1B, 0xFF1A, 0xFF08, 0xFF09: breakToken(.clauseBreak)
        default: break
        }
    }

    /// A straight double quote opens a quotation or closes the open one.
    private mutating func quoteMark() {
        if openQuote >= 0 { closeQuote() } else { openQuote = summary.tokenCount }
    }

    /// Marks the tokens since the opening quote as quoted (an unclosed quote marks nothing).
    private mutating func closeQuote() {
        guard openQuote >= 0 else { return }
        for index in openQuote..<summary.tokenCount { tokens[index].quoted = true }
        openQuote = -1
    }

    /// Adds a break, merging it into a preceding break (a sentence break wins).
    private mutating func breakToken(_ kind: SentimentToken.Kind) {
        if summary.tokenCount > 0, tokens[summary.tokenCount - 1].isBreak {
            if kind == .sentenceBreak { tokens[summary.tokenCount - 1].kind = .sentenceBreak }
            return
        }
        append(SentimentToken(kind: kind))
    }

    /// An emoticon such as ":)" or "</3" starting at `index`, standing apart from words.
    private mutating func matchEmoticon(at index: Int) -> Int? {
        let count = text.count
        var limit = index
        while limit < count, limit - index < 6, text[limit] != 0x20, text[limit] < 0x80 { limit += 1 }
        guard limit - index >= 2 else { return nil }
        let standsAlone = index == 0 || !Self.isWordByte(text[index - 1])
        // A bracket right after a word closes or opens a parenthesis ("twitter):"), not a face.
        if !standsAlone, Self.isBracket(text[index]) { return nil }
        var end = limit
        while end >= index + 2 {
            let after = end < count ? text[end] : 0x20
            if standsAlone || after == 0x20 || after == 0x0A {
                var key: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)
                let length = end - index
                let found = withUnsafeMutableBytes(of: &key) { raw -> Int in
                    for offset in 0..<length { raw[offset] = Self.lower(text[index + offset]) }
                    return table.find(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: length))
                }
                if found >= 0, table.entries[found].valence != 0 {
                    append(SentimentToken(kind: .symbol, entry: table.entries[found]), from: index, to: end)
                    return end
                }
            }
            end -= 1
        }
        return nil
    }

    // MARK: - English words

    /// Scans a word (letters, digits, inner apostrophes, Latin letters) and looks it up.
    private mutating func scanWord(from start: Int) -> Int {
        let count = text.count
        var index = start
        let arenaStart = arenaCount
        var upper = 0
        var lowerLetters = 0
        var longestRun = 1
        var run = 1
        var previous: UInt8 = 0
        while index < count {
            let byte = text[index]
            var stored = byte
            if Self.isWordByte(byte) {
                if byte >= 0x41 && byte <= 0x5A { upper += 1; stored = byte | 0x20 } else if byte >= 0x61 { lowerLetters += 1 }
                index += 1
            } else if byte == 0x27, index + 1 < count, Self.isWordByte(text[index + 1]), index > start {
                index += 1
            } else if byte == 0xE2, index + 3 < count, text[index + 1] == 0x80, text[index + 2] == 0x99, Self.isWordByte(text[index + 3]) {
                stored = 0x27
                index += 3
            } else if byte >= 0xC3, byte <= 0xC9, index + 1 < count {
                arena[arenaCount] = byte
                arenaCount += 1
                stored = text[index + 1]
                lowerLetters += 1
                index += 2
            } else {
                break
            }
            if stored == previous { run += 1; longestRun = max(longestRun, run) } else { run = 1 }
            previous = stored
            arena[arenaCount] = stored
            arenaCount += 1
        }
        let wordEnd = arenaCount
        arena[arenaCount] = 0x20
        arenaCount += 1
        var token = SentimentToken(kind: .word)
        token.arenaStart = Int32(arenaStart)
        token.arenaEnd = Int32(wordEnd)
        if upper >= 2 && lowerLetters == 0 {
            token.capitals = true
            summary.capitalWords += 1
        } else if upper + lowerLetters > 0 {
            summary.otherWords += 1
        }
        var found = table.find(UnsafeBufferPointer(rebasing: UnsafeBufferPointer(arena)[arenaStart..<wordEnd]))
        // A word known only as part of phrases keeps those flags but still gets its valence
        // through the fallbacks below.
        var structuralFlags: UInt8 = 0
        var structuralPhraseWords: UInt8 = 0
        if found >= 0 {
            let entry = table.entries[found]
            if entry.valence == 0, entry.booster == 0, entry.negation == 0, entry.flags != 0,
               entry.flags & ~(LexiconEntry.Flags.phraseStart | LexiconEntry.Flags.phraseSecond) == 0 {
                structuralFlags = entry.flags
                structuralPhraseWords = entry.phraseWords
                found = -1
            }
        }
        if found < 0, longestRun >= 3 {
            token.elongated = true
            found = findCollapsed(arenaStart..<wordEnd, keep: 2)
            if found < 0 { found = findCollapsed(arenaStart..<wordEnd, keep: 1) }
        }
        if found < 0, wordEnd - arenaStart > 2, arena[wordEnd - 2] == 0x27, arena[wordEnd - 1] == 0x73 {
            found = table.find(UnsafeBufferPointer(rebasing: UnsafeBufferPointer(arena)[arenaStart..<wordEnd - 2]))
        }
        if found < 0 {
            found = findInflected(arenaStart..<wordEnd)
        }
        if found >= 0 {
            let entry = table.entries[found]
            token.valence = entry.valence
            token.booster = entry.booster
            token.negation = entry.negation
            token.flags = entry.flags
            token.phraseWords = entry.phraseWords
        }
        if structuralFlags != 0 {
            token.flags |= structuralFlags
            token.phraseWords = max(token.phraseWords, structuralPhraseWords)
        }
        if token.negation == 0, token.valence == 0, wordEnd - arenaStart > 3,
           arena[wordEnd - 3] == 0x6E, arena[wordEnd - 2] == 0x27, arena[wordEnd - 1] == 0x74 {
            token.negation = -0.74
        }
        append(token, from: start, to: index)
        return index
    }

    /// Looks up the stem of an inflected word ("destroys", "hated", "ruining", "sadly") when
    /// the stem is a sentiment word, so the lexicon need not list every form.
    private func findInflected(_ range: Range<Int>) -> Int {
        let count = range.count
        guard count >= 4 else { return -1 }
        let base = UnsafeBufferPointer(arena)
        func byte(_ back: Int) -> UInt8 { base[range.upperBound - back] }
        func stem(_ drop: Int, adding suffix: UInt8 = 0) -> Int {
            let end = range.upperBound - drop
            guard end - range.lowerBound >= 3 else { return -1 }
            if suffix == 0 { return sentimentOnly(table.find(UnsafeBufferPointer(rebasing: base[range.lowerBound..<end]))) }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: end - range.lowerBound + 1) { buffer in
                for index in range.lowerBound..<end { buffer[index - range.lowerBound] = base[index] }
                buffer[end - range.lowerBound] = suffix
                return sentimentOnly(table.find(UnsafeBufferPointer(buffer)))
            }
        }
        let s: UInt8 = 0x73, e: UInt8 = 0x65, d: UInt8 = 0x64, g: UInt8 = 0x67, n: UInt8 = 0x6E, i: UInt8 = 0x69, l: UInt8 = 0x6C, y: UInt8 = 0x79
        var found = -1
        if byte(1) == s {
            if byte(2) == e, byte(3) == i { found = stem(3, adding: y) }
            if found < 0 { found = stem(1) }
            if found < 0, byte(2) == e { found = stem(2) }
        } else if byte(1) == d, byte(2) == e {
            if byte(3) == i { found = stem(3, adding: y) }
            if found < 0 { found = stem(1) }
            if found < 0 { found = stem(2) }
            if found < 0, byte(3) == byte(4) { found = stem(3) }
        } else if byte(1) == g, byte(2) == n, byte(3) == i, count >= 6 {
            found = stem(3)
            if found < 0 { found = stem(3, adding: e) }
            if found < 0, byte(4) == byte(5) { found = stem(4) }
        } else if byte(1) == y, byte(2) == l {
            if byte(3) == i { found = stem(3, adding: y) }
            if found < 0 { found = stem(2) }
        }
        return found
    }

    /// `index` when it names an entry with a valence and no modifier role, else -1.
    private func sentimentOnly(_ index: Int) -> Int {
        guard index >= 0 else { return -1 }
        let entry = table.entries[index]
        return entry.valence != 0 && entry.booster == 0 && entry.negation == 0 && entry.flags & LexiconEntry.Flags.phraseStart == 0 ? index : -1
    }

    /// Looks a word up with every run of a repeated letter cut to `keep` letters.
    private func findCollapsed(_ range: Range<Int>, keep: Int) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: range.count) { buffer in
            var length = 0
            var run = 0
            var previous: UInt8 = 0
            for index in range {
                let byte = arena[index]
                run = byte == previous ? run + 1 : 1
                previous = byte
                if run <= keep {
                    buffer[length] = byte
                    length += 1
                }
            }
            return table.find(UnsafeBufferPointer(rebasing: UnsafeBufferPointer(buffer)[0..<length]))
        }
    }

    // MARK: - Chinese

    /// Scans a run of Chinese characters by forward longest match against the lexicon.
    private mutating func scanChinese(from start: Int) -> Int {
        let count = text.count
        let longest = table.longestCJKKey
        var index = start
        while index < count {
            let (scalar, length) = decode(at: index)
            guard Self.isCJK(scalar) else { break }
            var hash = LexiconTable.emptyHash
            var end = index
            var bestEnd = -1
            var bestEntry = -1
            var characters = 0
            while characters < longest, end < count {
                let (next, nextLength) = decode(at: end)
                guard Self.isCJK(next) else { break }
                let piece = UnsafeBufferPointer(rebasing: text[end..<end + nextLength])
                hash = LexiconTable.extend(hash, piece)
                end += nextLength
                characters += 1
                let found = table.find(UnsafeBufferPointer(rebasing: text[index..<end]), hash: hash)
                if found >= 0 {
                    bestEnd = end
                    bestEntry = found
                }
            }
            if bestEntry >= 0 {
                append(SentimentToken(kind: .cjk, entry: table.entries[bestEntry]), from: index, to: bestEnd)
                index = bestEnd
            } else {
                append(SentimentToken(kind: .cjk), from: index, to: index + length)
                index += length
            }
        }
        return index
    }
}
