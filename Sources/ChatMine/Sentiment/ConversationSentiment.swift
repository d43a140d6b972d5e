/// The sentiment of one conversation from its user turns: mean, first-to-last change,
/// minimum, and whether (and why) the user was frustrated.
public struct ConversationSentiment: Sendable, Equatable {
    /// One user turn, in conversation order.
    public struct UserTurn: Sendable {
        public var text: String
        public var score: Double
        /// A user turn with its text and score.
        public init(text: String, score: Double) {
            self.text = text
            self.score = score
        }
    }

    /// Number of user turns.
    public var userTurns: Int
    /// Mean score of the user turns (nil without user turns).
    public var mean: Double?
    /// Last user turn's score minus the first's (nil without user turns).
    public var firstToLast: Double?
    /// Lowest user-turn score (nil without user turns).
    public var minimum: Double?
    /// Why the conversation is flagged, in a fixed order; empty when it is not.
    public var reasons: [FrustrationReason]

    /// Whether any frustration signal was seen.
    public var frustrated: Bool { !reasons.isEmpty }

    /// Reasons as stored: a comma-separated list of fixed words, or nil.
    public var reasonsText: String? {
        reasons.isEmpty ? nil : reasons.map(\.rawValue).joined(separator: ",")
    }

    /// Summarises a conversation's user turns, given in order.
    public init(userTurns turns: [UserTurn], signals: FrustrationSignals) {
        userTurns = turns.count
        guard let first = turns.first, let last = turns.last else {
            mean = nil
            firstToLast = nil
            minimum = nil
            reasons = []
            return
        }
        mean = turns.reduce(0) { $0 + $1.score } / Double(turns.count)
        firstToLast = last.score - first.score
        minimum = turns.map(\.score).min()
        var found: Set<FrustrationReason> = []
        for turn in turns {
            found.formUnion(signals.reasons(in: turn.text, score: turn.score))
        }
        if Self.rephrasings(turns) >= FrustrationSignals.rephrasingsNeeded {
            found.insert(.rephrasing)
        }
        reasons = found.sorted()
    }

    /// Items two sorted, unique arrays have in common.
    static func sharedCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0, j = 0, shared = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { shared += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return shared
    }

    /// User turns that repeat or rephrase one of the two user turns before them.
    static func rephrasings(_ turns: [UserTurn]) -> Int {
        let prints = turns.map { FrustrationSignals.fingerprint($0.text) }
        var count = 0
        for index in prints.indices.dropFirst() where prints[index].count >= 2 {
            for earlier in max(0, index - 2)..<index where prints[earlier].count >= 2 {
                let shared = sharedCount(prints[index], prints[earlier])
                let union = prints[index].count + prints[earlier].count - shared
                if Double(shared) / Double(union) >= FrustrationSignals.rephraseOverlap {
                    count += 1
                    break
                }
            }
        }
        return count
    }
}
