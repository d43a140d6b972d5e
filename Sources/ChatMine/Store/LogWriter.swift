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
///
/// Turns and events go in `rowsPerInsert` rows per INSERT (SQLite's cost per statement run is
/// paid once for many rows), their values bound from one reusable buffer; an INSERT that stores
/// fewer rows than it was given is looked at row by row afterwards, which tells duplicates from
/// conflicts exactly as inserting one row at a time would.
final class LogWriter {
    /// Rows per multi-row INSERT; 64 × 13 parameters stays under SQLite's oldest limit of 999.
    static let rowsPerInsert = 64

    private let db: Database
    private let upsertConversation: Statement
    private let insertTurn: Statement
    private let insertTurns: Statement
    private let insertEvent: Statement
    private let insertEvents: Statement
    private let storedTurnHash: Statement
    private let storedEventHash: Statement
    private let insertReject: Statement
    private var rows = BulkRows()

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
        func insert(_ table: String, _ columns: String, parameters: Int, rows: Int) throws -> Statement {
            let row = "(" + Array(repeating: "?", count: parameters).joined(separator: ", ") + ")"
            return try db.prepare("""
                INSERT INTO \(table) (\(columns))
                VALUES \(Array(repeating: row, count: rows).joined(separator: ", "))
                ON CONFLICT (conversation_id, record_key) DO NOTHING
                """)
        }
        let turnColumns = "conversation_id, record_key, content_hash, message_id, ts, role, text, intent, confidence, source_id, source_line"
        let eventColumns = "conversation_id, record_key, content_hash, event_id, ts, kind, name, status, ok, latency_ms, score, source_id, source_line"
        insertTurn = try insert("turns", turnColumns, parameters: 11, rows: 1)
        insertTurns = try insert("turns", turnColumns, parameters: 11, rows: Self.rowsPerInsert)
        insertEvent = try insert("events", eventColumns, parameters: 13, rows: 1)
        insertEvents = try insert("events", eventColumns, parameters: 13, rows: Self.rowsPerInsert)
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
        let records = batch.records
        let conversations = try upsertConversations(records, sourceID: sourceID)
        var turns: [Int] = []
        var events: [Int] = []
        turns.reserveCapacity(records.count)
        for index in records.indices where conversations[index] != nil {
            if case .turn = records[index].record { turns.append(index) } else { events.append(index) }
        }
        var conflicts: [(index: Int, reject: RejectedRecord)] = []
        try insert(turns, records, conversations, single: insertTurn, multi: insertTurns, lookup: storedTurnHash,
                   stored: &counts.turns, duplicates: &counts.duplicates, conflicts: &conflicts) { rows, item, conversation in
            guard case .turn(let turn) = item.record else { return }
            rows.append(conversation)
            rows.append(item.key)
            rows.append(item.contentHash)
            rows.append(turn.messageID)
            rows.append(turn.timestamp)
            rows.append(turn.role.rawValue)
            rows.append(turn.text)
            rows.append(turn.intent)
            rows.append(turn.confidence)
            rows.append(sourceID)
            rows.append(Int64(item.line))
        } conflict: { item in
            guard case .turn(let turn) = item.record else { return nil }
            return RejectedRecord(line: item.line, reason: "duplicate message id '\(turn.messageID ?? "")' in conversation '\(turn.conversationID)' with different content", raw: String(turn.text.prefix(1000)))
        }
        try insert(events, records, conversations, single: insertEvent, multi: insertEvents, lookup: storedEventHash,
                   stored: &counts.events, duplicates: &counts.duplicates, conflicts: &conflicts) { rows, item, conversation in
            guard case .event(let event) = item.record else { return }
            rows.append(conversation)
            rows.append(item.key)
            rows.append(item.contentHash)
            rows.append(event.eventID)
            rows.append(event.timestamp)
            rows.append(event.kind.rawValue)
            rows.append(event.name)
            rows.append(event.status)
            rows.append(event.ok)
            rows.append(event.latencyMs)
            rows.append(event.score)
            rows.append(sourceID)
            rows.append(Int64(item.line))
        } conflict: { item in
            guard case .event(let event) = item.record else { return nil }
            return RejectedRecord(line: item.line, reason: "duplicate event id '\(event.eventID ?? "")' in conversation '\(event.conversationID)' with different content", raw: event.kind.rawValue)
        }
        // Conflicts in record order, as if the records had been written one by one.
        conflicts.sort { $0.index < $1.index }
        for reject in batch.rejects + conflicts.map(\.reject) {
            try insertReject.execute([sourceID, path, reject.line, reject.reason, reject.raw, now])
            counts.rejects += db.changes
        }
        return counts
    }

    /// Inserts the records at `indices` (all turns or all events), `rowsPerInsert` at a time and
    /// the rest one by one; counts what was stored and sorts what was not into duplicates and
    /// conflicts.
    private func insert(_ indices: [Int], _ records: [KeyedRecord], _ conversations: [Int64?],
                        single: Statement, multi: Statement, lookup: Statement,
                        stored: inout Int, duplicates: inout Int, conflicts: inout [(index: Int, reject: RejectedRecord)],
                        bind: (inout BulkRows, KeyedRecord, Int64) -> Void,
                        conflict: (KeyedRecord) -> RejectedRecord?) throws {
        var start = 0
        while start < indices.count {
            let count = indices.count - start >= Self.rowsPerInsert ? Self.rowsPerInsert : 1
            let chunk = indices[start..<start + count]
            start += count
            rows.removeAll()
            for index in chunk {
                guard let conversation = conversations[index] else { continue }
                bind(&rows, records[index], conversation)
            }
            let inserted = try rows.execute(count == 1 ? single : multi, in: db)
            stored += inserted
            guard inserted < count else { continue }
            // Some rows were already stored: those stored with other content under the same id
            // are conflicts, the rest duplicates (a row this INSERT stored has its own content).
            var conflicting = 0
            for index in chunk {
                guard let conversation = conversations[index], try storedDifferently(records[index], conversation, lookup),
                      let reject = conflict(records[index]) else { continue }
                conflicts.append((index, reject))
                conflicting += 1
            }
            duplicates += count - inserted - conflicting
        }
    }

    private func storedDifferently(_ item: KeyedRecord, _ conversation: Int64, _ lookup: Statement) throws -> Bool {
        guard item.keyedByID else { return false }
        guard case .blob(let stored)? = try lookup.rows([conversation, DatabaseValue.blob(item.key.bytes)]).first?.values.first else { return false }
        return stored != item.contentHash.bytes
    }

    /// Creates or extends the batch's conversations once each; returns each record's
    /// conversation row id. Records of one conversation mostly follow each other, so the
    /// conversation is looked up by name only when it changes.
    private func upsertConversations(_ records: [KeyedRecord], sourceID: Int64) throws -> [Int64?] {
        struct Summary {
            var external: String
            var user: String?
            var channel: String?
            var first: Int64?
            var last: Int64?
        }
        var summaries: [Summary] = []
        var slots: [String: Int] = [:]
        var slotOfRecord: [Int] = []
        slotOfRecord.reserveCapacity(records.count)
        var previous: (id: String, slot: Int)?
        for item in records {
            var id: String, user: String?, channel: String?, ts: Int64?
            switch item.record {
            case .turn(let t): (id, user, channel, ts) = (t.conversationID, t.userID, t.channel, t.timestamp)
            case .event(let e): (id, user, channel, ts) = (e.conversationID, e.userID, e.channel, e.timestamp)
            }
            let slot: Int
            if let previous, previous.id == id {
                slot = previous.slot
            } else if let known = slots[id] {
                slot = known
            } else {
                slot = summaries.count
                slots[id] = slot
                summaries.append(Summary(external: id))
            }
            previous = (id, slot)
            slotOfRecord.append(slot)
            if summaries[slot].user == nil { summaries[slot].user = user }
            if summaries[slot].channel == nil { summaries[slot].channel = channel }
            if let ts {
                summaries[slot].first = min(summaries[slot].first ?? ts, ts)
                summaries[slot].last = max(summaries[slot].last ?? ts, ts)
            }
        }
        var ids: [Int64?] = []
        ids.reserveCapacity(summaries.count)
        for summary in summaries {
            rows.removeAll()
            rows.append(summary.external)
            rows.append(summary.user)
            rows.append(summary.channel)
            rows.append(summary.first)
            rows.append(summary.last)
            rows.append(sourceID)
            ids.append(try rows.firstInteger(upsertConversation))
        }
        return slotOfRecord.map { ids[$0] }
    }
}
