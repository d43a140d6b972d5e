/// One unit of a message as the sentiment rules see it: a word, a Chinese lexicon match or
/// single character, an emoji or emoticon, or a punctuation boundary.
struct SentimentToken {
    /// What kind of unit this is.
    enum Kind: UInt8 {
        case word, cjk, symbol, clauseBreak, sentenceBreak
    }

    var kind: Kind
    var valence: Float = 0
    var booster: Float = 0
    var negation: Float = 0
    var flags: UInt8 = 0
    /// For a word starting multi-word entries, the most words they have.
    var phraseWords: UInt8 = 0
    /// An English word written in capitals ("HATE").
    var capitals = false
    /// A word written with a letter repeated ("soooo").
    var elongated = false
    /// A sentence break made by a question mark; a word inside double quotes.
    var question = false
    var quoted = false
    /// Where the lower-cased word sits in the scanner's arena (words only), for phrase lookup.
    var arenaStart: Int32 = 0
    var arenaEnd: Int32 = 0
    /// Where the token sits in the message's bytes (for explanations).
    var textStart: Int32 = 0
    var textEnd: Int32 = 0

    init(kind: Kind) { self.kind = kind }

    init(kind: Kind, entry: LexiconEntry) {
        self.kind = kind
        valence = entry.valence
        booster = entry.booster
        negation = entry.negation
        flags = entry.flags
    }

    /// True for punctuation tokens, which end the reach of negators and degree words.
    var isBreak: Bool { kind == .clauseBreak || kind == .sentenceBreak }
}

/// What scanning a message found besides its tokens.
struct ScanSummary {
    var tokenCount = 0
    var exclamations = 0
    var questions = 0
    /// English words of two or more letters all in capitals, and all other English words.
    var capitalWords = 0
    var otherWords = 0
}
