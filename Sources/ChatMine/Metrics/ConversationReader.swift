/// Reads the conversations listed in `temp.dirty_conversations`, one whole log at a time.
struct ConversationReader {
    let db: Database

    /// Calls `body` once per dirty conversation with its turns and events.
    func forEachDirtyConversation(_ body: (ConversationLog) throws -> Void) throws {
        var headers: [Int64: ConversationLog] = [:]
        try db.prepare("""
            SELECT c.id, c.user_id, c.channel, c.started_at, c.ended_at
            FROM conversations c JOIN dirty_conversations d ON d.id = c.id
            """).forEachRow { row in
            guard let id = row[0].int64 else { return }
            headers[id] = ConversationLog(id: id, userID: row[1].string, channel: row[2].string, startedAt: row[3].int64, endedAt: row[4].int64)
        }
        var events: [Int64: [ConversationEvent]] = [:]
        try db.prepare("""
            SELECT e.conversation_id, e.id, e.ts, e.kind, e.name, e.status, e.ok, e.score
            FROM dirty_conversations d JOIN events e ON e.conversation_id = d.id
            """).forEachRow { row in
            guard let conversation = row[0].int64, let id = row[1].int64 else { return }
            events[conversation, default: []].append(ConversationEvent(
                id: id, ts: row[2].int64, kind: row[3].string ?? "", name: row[4].string,
                status: row[5].string ?? row[5].int64.map(String.init), ok: row[6].int64, score: row[7].double))
        }
        var current: ConversationLog?
        func emit() throws {
            guard var log = current else { return }
            log.events = events.removeValue(forKey: log.id) ?? []
            headers.removeValue(forKey: log.id)
            try body(log)
            current = nil
        }
        try db.prepare("""
            SELECT t.conversation_id, t.id, t.ts, t.role, t.text, t.intent, t.confidence, s.format
            FROM dirty_conversations d JOIN turns t ON t.conversation_id = d.id
            LEFT JOIN sources s ON s.id = t.source_id
            ORDER BY d.id
            """).forEachRow { row in
            guard let conversation = row[0].int64, let id = row[1].int64 else { return }
            if current?.id != conversation {
                try emit()
                current = headers[conversation] ?? ConversationLog(id: conversation)
            }
            current?.turns.append(ConversationTurn(
                id: id, ts: row[2].int64, role: row[3].string ?? "", text: row[4].string ?? "",
                intent: row[5].string, confidence: row[6].double,
                sourceLogsNLU: !LogFormats.withoutNLU.contains(row[7].string ?? "")))
        }
        try emit()
        for id in headers.keys.sorted() {
            current = headers[id]
            try emit()
        }
    }
}
