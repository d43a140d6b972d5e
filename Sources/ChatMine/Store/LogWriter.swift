/// Counts of what one batch changed in the store.
struct WriteCounts: Sendable {
    var turns = 0
    var events = 0
    var duplicates = 0
    var rejects = 0
}

/// Writes decoded records into conversations, turns, events and rejects with statements
/// prepared once. Records whose key is already stored are skipped (that is what makes ingest
/// idempotent); a record whose id is stored with different content is rejected.
final class LogWriter {
    private let db: Database
    private let upsertConversation: Statement
    private let insertTurn: Statement
    private let insertEvent: Statement
    private let storedTurnHash: Statement
    private let storedEventHash: Statement
    private let insertReject: Statement

    init(db: Database) throws {
        self.db = db
        upsertConversation = try db.prepare("""
            INSERT INTO conversations (external_id, user_id, channel, started_at, ended_at, source_id)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (external_id) DO UPDATE SET
                user_id = coalesce(conversations.user_id, excluded.user_id),
                channel = coalesce(conversations.channel, excluded.channel),
                started_at = min(coalesce(conversations.started_at, excluded.started_at), coalesce(excluded.started_at, conversations.started_at)),
                ended_at = max(coalesce(conversations.ended_at, excluded.ended_at), coalesce(excluded.ended_at, conversations.ended_at))
            RETURNING id
            """)
        insertTurn = try db.prepare("""
            INSERT INTO turns (conversation_id, record_key, content_hash, message_id, ts, role, text, intent, confidence, source_id, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (conversation_id, record_key) DO NOTHING
            """)
        insertEvent = try db.prepare("""
            INSERT INTO events (conversation_id, record_key, content_hash, event_id, ts, kind, name, status, ok, latency_ms, score, source_id, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (conversation_id, record_key) DO NOTHING
            """)
        storedTurnHash = try db.prepare("SELECT content_hash FROM turns WHERE conversation_id = ? AND record_key = ?")
        storedEventHash = try db.prepare("SELECT content_hash FROM events WHERE conversation_id = ? AND record_key = ?")
        insertReject = try db.prepare("""
            INSERT INTO rejects (source_id, path, line, reason, raw, rejected_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (source_id, line) DO NOTHING
            """)
    }

    /// Writes a batch's records and rejects for a source. Call inside a transaction.
    func write(_ batch: IngestBatch, sourceID: Int64, path: String, now: String) throws -> WriteCounts {
        var counts = WriteCounts()
        let conversationIDs = try upsertConversations(batch.records, sourceID: sourceID)
        var rejects = batch.rejects
        for item in batch.records {
            guard let conversation = conversationIDs[item.record.conversationID] else { continue }
            switch item.record {
            case .turn(let turn):
                insertTurn.clear()
                try insertTurn.bind(.integer(conversation), at: 1)
                try insertTurn.bind(item.key, at: 2)
                try insertTurn.bind(item.contentHash, at: 3)
                try insertTurn.bind(turn.messageID.databaseValue, at: 4)
                try insertTurn.bind(turn.timestamp.databaseValue, at: 5)
                try insertTurn.bind(.text(turn.role.rawValue), at: 6)
                try insertTurn.bind(.text(turn.text), at: 7)
                try insertTurn.bind(turn.intent.databaseValue, at: 8)
                try insertTurn.bind(turn.confidence.databaseValue, at: 9)
                try insertTurn.bind(.integer(sourceID), at: 10)
                try insertTurn.bind(.integer(Int64(item.line)), at: 11)
                try insertTurn.executeBound()
                if db.changes > 0 {
                    counts.turns += 1
                } else if try conflicts(item, conversation, storedTurnHash) {
                    rejects.append(RejectedRecord(line: item.line, reason: "duplicate message id '\(turn.messageID ?? "")' in conversation '\(turn.conversationID)' with different content", raw: String(turn.text.prefix(1000))))
                } else {
                    counts.duplicates += 1
                }
            case .event(let event):
                insertEvent.clear()
                try insertEvent.bind(.integer(conversation), at: 1)
                try insertEvent.bind(item.key, at: 2)
                try insertEvent.bind(item.contentHash, at: 3)
                try insertEvent.bind(event.eventID.databaseValue, at: 4)
                try insertEvent.bind(event.timestamp.databaseValue, at: 5)
                try insertEvent.bind(.text(event.kind.rawValue), at: 6)
                try insertEvent.bind(event.name.databaseValue, at: 7)
                try insertEvent.bind(event.status.databaseValue, at: 8)
                try insertEvent.bind(event.ok.databaseValue, at: 9)
                try insertEvent.bind(event.latencyMs.databaseValue, at: 10)
                try insertEvent.bind(event.score.databaseValue, at: 11)
                try insertEvent.bind(.integer(sourceID), at: 12)
                try insertEvent.bind(.integer(Int64(item.line)), at: 13)
                try insertEvent.executeBound()
                if db.changes > 0 {
                    counts.events += 1
                } else if try conflicts(item, conversation, storedEventHash) {
                    rejects.append(RejectedRecord(line: item.line, reason: "duplicate event id '\(event.eventID ?? "")' in conversation '\(event.conversationID)' with different content", raw: event.kind.rawValue))
                } else {
                    counts.duplicates += 1
                }
            }
        }
        for reject in rejects {
            try insertReject.execute([sourceID, path, reject.line, reject.reason, reject.raw, now])
            counts.rejects += db.changes
        }
        return counts
    }

    private func conflicts(_ item: KeyedRecord, _ conversation: Int64, _ lookup: Statement) throws -> Bool {
        guard item.keyedByID else { return false }
        guard case .blob(let stored)? = try lookup.rows([conversation, DatabaseValue.blob(item.key.bytes)]).first?.values.first else { return false }
        return stored != item.contentHash.bytes
    }

    /// Creates or extends the batch's conversations once each; returns their row ids.
    private func upsertConversations(_ records: [KeyedRecord], sourceID: Int64) throws -> [String: Int64] {
        struct Summary {
            var user: String?
            var channel: String?
            var first: Int64?
            var last: Int64?
        }
        var order: [String] = []
        var summaries: [String: Summary] = [:]
        for item in records {
            let id = item.record.conversationID
            var user: String?, channel: String?, ts: Int64?
            switch item.record {
            case .turn(let t): (user, channel, ts) = (t.userID, t.channel, t.timestamp)
            case .event(let e): (user, channel, ts) = (e.userID, e.channel, e.timestamp)
            }
            if summaries[id] == nil { order.append(id) }
            var summary = summaries[id] ?? Summary()
            summary.user = summary.user ?? user
            summary.channel = summary.channel ?? channel
            if let ts {
                summary.first = min(summary.first ?? ts, ts)
                summary.last = max(summary.last ?? ts, ts)
            }
            summaries[id] = summary
        }
        var ids: [String: Int64] = [:]
        ids.reserveCapacity(order.count)
        for external in order {
            guard let summary = summaries[external] else { continue }
            let rows = try upsertConversation.rows([external, summary.user, summary.channel, summary.first, summary.last, sourceID])
            if let id = rows.first?.values.first?.int64 { ids[external] = id }
        }
        return ids
    }
}
