/// Writes outcome records into `outcomes`, one prepared statement reused for every row.
struct OutcomeWriter {
    private let statement: Statement
    private let rulesHash: String
    private let computedAt: Int64

    init(db: Database, rulesHash: String, computedAt: Int64) throws {
        statement = try db.prepare("""
            INSERT OR REPLACE INTO outcomes (
                conversation_id, outcome, engaged, escalated, contained, resolved, resolved_by, intent,
                channel, user_id, started_at, ended_at, duration_ms, turns, user_turns, bot_user_turns, fallback_turns,
                bot_turns, agent_turns, csat, api_calls, api_failures, escalated_after_api_failure,
                next_started_at, deflected, durably_resolved, rules_hash, computed_at
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, 0, ?, ?)
            """)
        self.rulesHash = rulesHash
        self.computedAt = computedAt
    }

    func write(_ record: OutcomeRecord, userID: String?, channel: String?) throws {
        var duration: Int64?
        if let start = record.startedAt, let end = record.endedAt { duration = max(0, end - start) }
        let user = userID.flatMap { $0.isEmpty ? nil : $0 }
        try statement.execute([
            record.conversationID, record.outcome.rawValue, record.engaged, record.escalated, record.contained,
            record.outcome == .resolved, record.resolvedBy?.rawValue, record.intent, channel, user,
            record.startedAt, record.endedAt, duration, record.turns, record.userTurns, record.botUserTurns, record.fallbackTurns,
            record.botTurns, record.agentTurns, record.csat, record.apiCalls, record.apiFailures,
            record.escalatedAfterAPIFailure, rulesHash, computedAt,
        ])
    }
}
