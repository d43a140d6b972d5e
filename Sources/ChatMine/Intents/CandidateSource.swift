/// A user turn the bot did not understand: input to intent discovery.
struct CandidateTurn: Sendable {
    var turnID: Int64
    var conversationID: Int64
    var conversationExternalID: String
    var text: String
}

/// Reads intent discovery's inputs from the store: candidate turns, conversation outcomes and
/// the confidently labelled traffic of known intents. Every value is bound.
struct CandidateSource {
    let db: Database
    /// Intent names that mean "not understood" (compared lower-case); "" covers missing intents.
    static let fallbackIntents = ["", "fallback", "nlu_fallback", "out_of_scope", "default_fallback",
                                  "default fallback intent", "none", "amazon.fallbackintent", "fallbackintent"]
    /// Below this confidence a turn counts as not understood.
    static let confidenceThreshold = 0.5
    /// From this confidence a labelled turn is a trustworthy example of its intent.
    static let referenceConfidence = 0.9

    private static var fallbackList: String {
        (0..<fallbackIntents.count).map { "?\($0 + 3)" }.joined(separator: ", ")
    }

    /// User turns in `[since, until)` (epoch ms; nil = open) that the bot did not understand:
    /// a fallback intent or none, confidence under the threshold, or a fallback event between
    /// the turn and the user's next turn.
    func candidates(since: Int64?, until: Int64?) throws -> [CandidateTurn] {
        let sql = """
        WITH user_turns AS (
            SELECT t.id, t.conversation_id, t.ts, t.text, t.intent, t.confidence,
                   LEAD(t.ts) OVER (PARTITION BY t.conversation_id ORDER BY t.ts, t.id) AS next_ts
            FROM turns t
            WHERE t.role = 'user' AND (?1 IS NULL OR t.ts >= ?1) AND (?2 IS NULL OR t.ts < ?2)
        )
        SELECT u.id, u.conversation_id, c.external_id, u.text
        FROM user_turns u JOIN conversations c ON c.id = u.conversation_id
        WHERE length(trim(u.text)) > 0 AND (
            lower(trim(coalesce(u.intent, ''))) IN (\(Self.fallbackList))
            OR (u.confidence IS NOT NULL AND u.confidence < ?\(Self.fallbackIntents.count + 3))
            OR EXISTS (SELECT 1 FROM events e
                       WHERE e.conversation_id = u.conversation_id AND e.kind = 'fallback'
                         AND e.ts >= u.ts AND (u.next_ts IS NULL OR e.ts < u.next_ts)))
        ORDER BY u.id
        """
        var arguments: [DatabaseValueConvertible] = [since.map { DatabaseValue.integer($0) } ?? .null,
                                                     until.map { DatabaseValue.integer($0) } ?? .null]
        arguments += Self.fallbackIntents.map { $0 as DatabaseValueConvertible }
        arguments.append(Self.confidenceThreshold)
        var result: [CandidateTurn] = []
        try db.prepare(sql).forEachRow(arguments) { row in
            guard let id = row[0].int64, let conversation = row[1].int64 else { return }
            result.append(CandidateTurn(turnID: id, conversationID: conversation,
                                        conversationExternalID: row[2].string ?? "", text: row[3].string ?? ""))
        }
        return result
    }

    /// Per conversation: whether it escalated (a handoff event or any agent turn) and how many
    /// user turns it has in the window.
    func conversationOutcomes(since: Int64?, until: Int64?) throws -> (escalated: Set<Int64>, userTurns: [Int64: Int]) {
        var escalated = Set<Int64>()
        try db.prepare("""
            SELECT conversation_id FROM events WHERE kind = 'handoff'
            UNION SELECT conversation_id FROM turns WHERE role = 'agent'
            """).forEachRow { row in if let id = row[0].int64 { escalated.insert(id) } }
        var userTurns: [Int64: Int] = [:]
        let window: [DatabaseValueConvertible] = [since.map { DatabaseValue.integer($0) } ?? .null,
                                                  until.map { DatabaseValue.integer($0) } ?? .null]
        try db.prepare("""
            SELECT conversation_id, COUNT(*) FROM turns
            WHERE role = 'user' AND (?1 IS NULL OR ts >= ?1) AND (?2 IS NULL OR ts < ?2)
            GROUP BY conversation_id
            """).forEachRow(window) { row in
            if let id = row[0].int64 { userTurns[id] = Int(row[1].int64 ?? 0) }
        }
        return (escalated, userTurns)
    }

    /// Example texts of each known intent: confidently labelled user turns (up to `perIntent`
    /// of the most recent per intent) and the phrases of accepted or merged suggestions.
    func referenceIntents(perIntent: Int = 200) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        let sql = """
        SELECT intent, text FROM (
            SELECT trim(intent) AS intent, text,
                   ROW_NUMBER() OVER (PARTITION BY trim(intent) ORDER BY ts DESC, id DESC) AS position
            FROM turns
            WHERE role = 'user' AND confidence >= ?1 AND intent IS NOT NULL
              AND lower(trim(intent)) NOT IN (\(Self.fallbackList))
        ) WHERE position <= ?2
        """
        var arguments: [DatabaseValueConvertible] = [Self.referenceConfidence, perIntent]
        arguments += Self.fallbackIntents.map { $0 as DatabaseValueConvertible }
        try db.prepare(sql).forEachRow(arguments) { row in
            guard let intent = row[0].string, let text = row[1].string else { return }
            result[intent, default: []].append(text)
        }
        try db.prepare("""
            SELECT CASE WHEN status = 'merged' THEN merged_into ELSE coalesce(accepted_name, name) END, phrases
            FROM suggestions WHERE status IN ('accepted', 'merged')
            """).forEachRow { row in
            guard let intent = row[0].string, !intent.isEmpty, let phrases = row[1].string else { return }
            result[intent, default: []].append(contentsOf: JSONText.stringArray(phrases))
        }
        return result
    }
}
