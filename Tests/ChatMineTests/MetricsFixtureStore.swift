import Foundation
@testable import ChatMine

/// Loads a generic-JSONL fixture into a fresh in-memory store with direct SQL inserts, the way
/// ingest would (conversation span = first to last timestamp of its records).
enum MetricsFixtureStore {
    /// The package root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh store holding fixtures/kpi/NAME.
    static func open(_ name: String) throws -> Database {
        let db = try Database(path: ":memory:")
        try load(db, path: root.appendingPathComponent("fixtures/kpi/\(name)").path)
        return db
    }

    /// Appends the records of a JSONL file to a store.
    static func load(_ db: Database, path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try load(db, jsonl: text, keyPrefix: path)
    }

    /// Appends JSONL records to a store.
    static func load(_ db: Database, jsonl: String, keyPrefix: String) throws {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let findConversation = try db.prepare("SELECT id FROM conversations WHERE external_id = ?")
        let insertConversation = try db.prepare("INSERT INTO conversations (external_id, user_id, channel, started_at, ended_at) VALUES (?, ?, ?, ?, ?)")
        let widen = try db.prepare("""
            UPDATE conversations SET started_at = COALESCE(MIN(started_at, ?1), started_at, ?1), ended_at = COALESCE(MAX(ended_at, ?1), ended_at, ?1),
                user_id = COALESCE(user_id, ?2), channel = COALESCE(channel, ?3) WHERE id = ?4
            """)
        let insertTurn = try db.prepare("INSERT INTO turns (conversation_id, record_key, message_id, ts, role, text, intent, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        let insertEvent = try db.prepare("INSERT INTO events (conversation_id, record_key, ts, kind, name, status, ok, latency_ms, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        try db.inTransaction {
            for (number, line) in jsonl.split(separator: "\n").enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                guard let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let external = record["conversation_id"] as? String else { continue }
                let ts = (record["timestamp"] as? String).flatMap { iso.date(from: $0) }.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
                let user = record["user_id"] as? String
                let channel = record["channel"] as? String
                let id: Int64
                if let existing = try findConversation.rows([external]).first?[0].int64 {
                    id = existing
                    try widen.execute([ts, user, channel, id])
                } else {
                    try insertConversation.execute([external, user, channel, ts, ts])
                    id = db.lastInsertedRowID
                }
                let key = DatabaseValue.blob(Array("\(keyPrefix):\(number)".utf8))
                if let event = record["event"] as? String {
                    let ok = (record["ok"] as? NSNumber).map { $0.int64Value }
                    try insertEvent.execute([id, key, ts, event, record["name"] as? String, record["status"] as? String, ok,
                                             (record["latency_ms"] as? NSNumber)?.doubleValue, (record["score"] as? NSNumber)?.doubleValue])
                } else {
                    try insertTurn.execute([id, key, record["message_id"] as? String, ts, record["role"] as? String ?? "user",
                                            record["text"] as? String ?? "", record["intent"] as? String, (record["confidence"] as? NSNumber)?.doubleValue])
                }
            }
        }
    }

    /// The stored outcome of each conversation, by external id.
    static func outcomes(_ db: Database) throws -> [String: Row] {
        var result: [String: Row] = [:]
        for row in try db.rows("SELECT c.external_id, o.* FROM outcomes o JOIN conversations c ON c.id = o.conversation_id") {
            if let id = row[0].string { result[id] = row }
        }
        return result
    }
}

extension MetricsResult {
    /// The row of one KPI in one group.
    func row(_ kpi: String, group: String = "all") -> KPIRow? {
        rows.first { $0.kpi == kpi && $0.group == group }
    }
}
