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

    /// The conversations with activity in `[since, until)` as a `FROM` source aliased `c` (joined
    /// to turns with CROSS JOIN, which keeps it the outer loop: otherwise the planner walks every
    /// turn in conversation order for the window functions), read
    /// through the `conversations_ended` index when the window has a start (so a night's window
    /// costs what the window holds, not what the store holds). Binds `?1` = since, `?2` = until.
    private static func windowConversations(since: Int64?, until: Int64?) -> String {
        var conditions: [String] = []
        if since != nil { conditions.append("c.ended_at >= ?1") }
        // The unary + keeps the planner on the end index: nearly every stored conversation
        // started before a recent window ends.
        if until != nil { conditions.append("+c.started_at < ?2") }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return "(SELECT c.id, c.external_id FROM conversations c\(filter)) c"
    }

    /// The condition keeping turns `t` whose time is inside `[since, until)`, or "1".
    private static func turnWindow(since: Int64?, until: Int64?) -> String {
        var conditions: [String] = []
        if since != nil { conditions.append("t.ts >= ?1") }
        if until != nil { conditions.append("t.ts < ?2") }
        return conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
    }

    private static func windowArguments(since: Int64?, until: Int64?) -> [DatabaseValueConvertible] {
        [since.map { DatabaseValue.integer($0) } ?? .null, until.map { DatabaseValue.integer($0) } ?? .null]
    }

    /// User turns in `[since, until)` (epoch ms; nil = open) that the bot did not understand:
    /// a fallback intent or none, confidence under the threshold, or a fallback event between
    /// the turn and the user's next turn.
    func candidates(since: Int64?, until: Int64?) throws -> [CandidateTurn] {
        let sql = """
        WITH user_turns AS (
            SELECT t.id, t.conversation_id, c.external_id, t.ts, t.text, t.intent, t.confidence,
                   LEAD(t.ts) OVER (PARTITION BY t.conversation_id ORDER BY t.ts, t.id) AS next_ts
            FROM \(Self.windowConversations(since: since, until: until))
            CROSS JOIN turns t ON t.conversation_id = c.id
            WHERE t.role = 'user' AND \(Self.turnWindow(since: since, until: until))
        )
        SELECT u.id, u.conversation_id, u.external_id, u.text
        FROM user_turns u
        WHERE length(trim(u.text)) > 0 AND (
            lower(trim(coalesce(u.intent, ''))) IN (\(Self.fallbackList))
            OR (u.confidence IS NOT NULL AND u.confidence < ?\(Self.fallbackIntents.count + 3))
            OR EXISTS (SELECT 1 FROM events e
                       WHERE e.conversation_id = u.conversation_id AND e.kind = 'fallback'
                         AND e.ts >= u.ts AND (u.next_ts IS NULL OR e.ts < u.next_ts)))
        ORDER BY u.id
        """
        var arguments = Self.windowArguments(since: since, until: until)
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

    /// Per conversation active in the window: whether it escalated (a handoff event or any
    /// agent turn) and how many user turns it has in the window.
    func conversationOutcomes(since: Int64?, until: Int64?) throws -> (escalated: Set<Int64>, userTurns: [Int64: Int]) {
        let conversations = Self.windowConversations(since: since, until: until)
        // Only the bounds the SQL names may be bound (SQLite counts parameters up to the highest).
        let window = Array(Self.windowArguments(since: since, until: until).prefix(until != nil ? 2 : since != nil ? 1 : 0))
        var escalated = Set<Int64>()
        try db.prepare("""
            SELECT c.id FROM \(conversations)
            WHERE EXISTS (SELECT 1 FROM events e WHERE e.conversation_id = c.id AND e.kind = 'handoff')
               OR EXISTS (SELECT 1 FROM turns t WHERE t.conversation_id = c.id AND t.role = 'agent')
            """).forEachRow(window) { row in if let id = row[0].int64 { escalated.insert(id) } }
        var userTurns: [Int64: Int] = [:]
        try db.prepare("""
            SELECT t.conversation_id, COUNT(*) FROM \(conversations) CROSS JOIN turns t ON t.conversation_id = c.id
            WHERE t.role = 'user' AND \(Self.turnWindow(since: since, until: until))
            GROUP BY t.conversation_id
            """).forEachRow(window) { row in
            if let id = row[0].int64 { userTurns[id] = Int(row[1].int64 ?? 0) }
        }
        return (escalated, userTurns)
    }

    /// Example texts of each known intent: confidently labelled user turns of the window
    /// `[since, until)` (up to `perIntent` of the most recent per intent; nil bounds = the whole
    /// store) and the phrases of accepted or merged suggestions. The window keeps a night's cost
    /// independent of the store's age; a window of a day still holds thousands of labelled turns.
    func referenceIntents(since: Int64? = nil, until: Int64? = nil, perIntent: Int = 200) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        let sql = """
        SELECT intent, text FROM (
            SELECT trim(t.intent) AS intent, t.text,
                   ROW_NUMBER() OVER (PARTITION BY trim(t.intent) ORDER BY t.ts DESC, t.id DESC) AS position
            FROM \(Self.windowConversations(since: since, until: until))
            CROSS JOIN turns t ON t.conversation_id = c.id
            WHERE t.role = 'user' AND t.confidence >= ?3 AND t.intent IS NOT NULL
              AND \(Self.turnWindow(since: since, until: until))
              AND lower(trim(t.intent)) NOT IN (\((0..<Self.fallbackIntents.count).map { "?\($0 + 5)" }.joined(separator: ", ")))
        ) WHERE position <= ?4
        """
        var arguments = Self.windowArguments(since: since, until: until)
        arguments += [Self.referenceConfidence, perIntent] as [DatabaseValueConvertible]
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
