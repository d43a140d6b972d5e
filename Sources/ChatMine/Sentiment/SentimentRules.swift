/// The rules that turn scanned tokens into one compound score: multi-word entries, degree
/// words, negation, capitals and elongation, contrast, punctuation emphasis, normalisation.
enum SentimentRules {
    /// Names this set of rule constants; part of the lexicon fingerprint stored with scores, so
    /// a store scored under other constants reads as "mixed" until `chatmine score --rescore`.
    static let revision = "rules 2026-11-25 calibration"
    /// Added to a sentiment word written in capitals inside mixed-case text.
    static let capitalsEmphasis: Float = 1.0
    /// Added to an elongated sentiment word ("sooo good" → "good" with emphasis).
    static let elongationEmphasis: Float = 0.3
    /// Weight of the clause before a contrast word and after it.
    static let beforeContrast: Float = 0.5
    static let afterContrast: Float = 1.2
    /// Weight of a clause opened by a concession word ("although", "虽然").
    static let concessionWeight: Float = 0.5
    /// Extra weight of a negator on a negative word: "not bad" is weaker than "good".
    static let negatedNegativeWeight: Float = 0.5
    /// Emphasis per exclamation mark (at most four count).
    static let exclamationEmphasis: Float = 0.5
    /// Weight of positive words in a question ("was it good?" asks rather than praises; a
    /// negative question is usually a complaint and keeps its weight).
    static let questionPositive: Float = 0.8
    /// Weight of words inside double quotes (a title, someone else's words, scare quotes).
    static let quotedWeight: Float = 0.7
    /// Normalisation constant: score = sum / sqrt(sum² + alpha).
    static let alpha: Float = 25

    /// How far back (in tokens) a negator or degree word reaches.
    @inline(__always)
    static func reach(_ kind: SentimentToken.Kind) -> Int { kind == .cjk ? 4 : 3 }

    /// Replaces the first word of each multi-word lexicon entry ("kind of", "still waiting")
    /// with the entry, and silences the words it covers.
    static func applyPhrases(_ tokens: UnsafeMutableBufferPointer<SentimentToken>, count: Int, table: LexiconTable, arena: UnsafeMutableBufferPointer<UInt8>) {
        var index = 0
        while index < count {
            defer { index += 1 }
            guard tokens[index].kind == .word, tokens[index].flags & LexiconEntry.Flags.phraseStart != 0,
                  index + 1 < count, tokens[index + 1].flags & LexiconEntry.Flags.phraseSecond != 0 else { continue }
            for words in stride(from: Int(tokens[index].phraseWords), through: 2, by: -1) where index + words <= count {
                var allWords = true
                for offset in 1..<words where tokens[index + offset].kind != .word { allWords = false }
                guard allWords else { continue }
                let start = Int(tokens[index].arenaStart)
                let end = Int(tokens[index + words - 1].arenaEnd)
                let found = table.find(UnsafeBufferPointer(rebasing: UnsafeBufferPointer(arena)[start..<end]))
                guard found >= 0 else { continue }
                let entry = table.entries[found]
                tokens[index].valence = entry.valence
                tokens[index].booster = entry.booster
                tokens[index].negation = entry.negation
                tokens[index].flags = entry.flags & ~LexiconEntry.Flags.phraseStart
                for offset in 1..<words {
                    tokens[index + offset].valence = 0
                    tokens[index + offset].booster = 0
                    tokens[index + offset].negation = 0
                    tokens[index + offset].flags = 0
                }
                index += words - 1
                break
            }
        }
    }

    /// The compound score in [-1, 1] of scanned tokens.
    static func compound(_ tokens: UnsafeMutableBufferPointer<SentimentToken>, summary: ScanSummary, weightsOut: ((UnsafeMutableBufferPointer<Float>) -> Void)? = nil) -> Double {
        let count = summary.tokenCount
        guard count > 0 else { return 0 }
        let mixedCapitals = summary.capitalWords > 0 && summary.otherWords > 0
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: count) { weights in
            for index in 0..<count {
                weights[index] = valence(at: index, tokens, count: count, mixedCapitals: mixedCapitals)
            }
            applyContrast(tokens, weights: weights, count: count)
            applyQuestionsAndQuotes(tokens, weights: weights, count: count)
            weightsOut?(weights)
            var sum: Float = 0
            for index in 0..<count { sum += weights[index] }
            if sum != 0 {
                var emphasis = Float(min(summary.exclamations, 4)) * exclamationEmphasis
                if summary.questions > 1 {
                    emphasis += summary.questions <= 3 ? Float(summary.questions) * 0.18 : 0.96
                }
                sum += sum > 0 ? emphasis : -emphasis
            }
            let score = sum / (sum * sum + alpha).squareRoot()
            return Double(max(-1, min(1, score)))
        }
    }

    /// The valence of one token after capitals, elongation, degree words and negators.
    @inline(__always)
    static func valence(at index: Int, _ tokens: UnsafeMutableBufferPointer<SentimentToken>, count: Int, mixedCapitals: Bool) -> Float {
        let token = tokens[index]
        var value = token.valence
        guard value != 0 else { return 0 }
        if token.booster != 0 || token.negation != 0 {
            // A degree word or negator with a valence of its own ("damn", "no") lends its force
            // to the sentiment word it modifies instead of counting by itself.
            var ahead = index + 1
            while ahead < count, ahead <= index + reach(token.kind), !tokens[ahead].isBreak {
                if tokens[ahead].valence != 0, tokens[ahead].booster == 0 { return 0 }
                ahead += 1
            }
            // A negator that negates nothing keeps its own mild valence ("No.", "no electricity").
            if token.negation != 0 { return value }
        }
        let sign: Float = value > 0 ? 1 : -1
        if token.capitals && mixedCapitals { value += sign * capitalsEmphasis }
        if token.elongated { value += sign * elongationEmphasis }
        // Emoji and emoticons speak for themselves: words before them do not modify them.
        if token.kind == .symbol || token.flags & LexiconEntry.Flags.standalone != 0 { return value }
        var negation: Float = 1
        let reach = reach(token.kind)
        var distance = 1
        while distance <= reach, index - distance >= 0 {
            let before = tokens[index - distance]
            if before.isBreak { break }
            if before.booster != 0 {
                var boost = before.booster * (1 - 0.05 * Float(distance - 1))
                if before.capitals && mixedCapitals { boost += boost > 0 ? capitalsEmphasis : -capitalsEmphasis }
                value += sign * boost
            }
            if before.negation != 0, distance == 1 || before.flags & LexiconEntry.Flags.adjacentOnly == 0 {
                negation *= before.negation
            }
            distance += 1
        }
        if value * sign < 0 { value = 0 }
        // A negated negative word is only mildly positive ("not bad", "don't hate").
        if negation < 0, sign < 0 { negation *= negatedNegativeWeight }
        return value * negation
    }

    /// Weighs sentiment inside a question and inside double quotes down.
    static func applyQuestionsAndQuotes(_ tokens: UnsafeMutableBufferPointer<SentimentToken>, weights: UnsafeMutableBufferPointer<Float>, count: Int) {
        var start = 0
        for index in 0..<count {
            if tokens[index].quoted { weights[index] *= quotedWeight }
            guard tokens[index].kind == .sentenceBreak else { continue }
            if tokens[index].question {
                for inner in start..<index {
                    if weights[inner] > 0 { weights[inner] *= questionPositive }
                }
            }
            start = index + 1
        }
    }

    /// Weighs the clause after a contrast word up and the one before it down, sentence by
    /// sentence; a concession clause without a contrast word is weighed down.
    static func applyContrast(_ tokens: UnsafeMutableBufferPointer<SentimentToken>, weights: UnsafeMutableBufferPointer<Float>, count: Int) {
        var previousStart = 0
        var start = 0
        while start < count {
            var end = start
            var contrast = -1
            var concession = -1
            while end < count, tokens[end].kind != .sentenceBreak {
                let flags = tokens[end].flags
                if contrast < 0, flags & LexiconEntry.Flags.contrast != 0 { contrast = end }
                if concession < 0, flags & LexiconEntry.Flags.concession != 0 { concession = end }
                end += 1
            }
            if contrast >= 0 {
                let from = contrast == start ? previousStart : start
                for index in from..<contrast { weights[index] *= beforeContrast }
                for index in (contrast + 1)..<end { weights[index] *= afterContrast }
            } else if concession >= 0 {
                var index = concession + 1
                while index < end, tokens[index].kind != .clauseBreak {
                    weights[index] *= concessionWeight
                    index += 1
                }
            }
            previousStart = start
            start = end + 1
        }
    }
}
