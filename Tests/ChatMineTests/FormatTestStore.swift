import Foundation
@testable import ChatMine

/// A fresh temporary store with platform fixtures ingested by the library's `Ingestor`, and
/// the queries the format tests make of it.
final class FormatTestStore {
    /// fixtures/platforms in the repository.
    static let fixtures = Fixtures.path("platforms")

    private let folder: TemporaryFolder
    let db: Database
    private(set) var summary = IngestSummary()

    /// The temporary folder holding the store; tests may write inputs there.
    var directory: String { folder.path }

    init() throws {
        folder = try TemporaryFolder()
        db = try folder.database()
    }

    /// Ingests fixture files (paths relative to fixtures/platforms, or absolute).
    @discardableResult
    func ingest(_ paths: [String], format: String = "auto") throws -> IngestSummary {
        summary = try ChatMineTests.ingest(paths.map { $0.hasPrefix("/") ? $0 : Self.fixtures + "/" + $0 }, into: db) { $0.format = format }
        return summary
    }

    /// A turn as stored.
    struct Turn: Equatable, CustomStringConvertible {
        var role: String
        var text: String
        var intent: String?
        var confidence: Double?
        var description: String { "\(role): \(text) [\(intent ?? "-") \(confidence.map { String($0) } ?? "-")]" }
    }

    /// An event as stored.
    struct Event: Equatable, CustomStringConvertible {
        var kind: String
        var name: String? = nil
        var status: String? = nil
        var ok: Int64? = nil
        var score: Double? = nil
        var latency: Double? = nil
        var description: String { "\(kind) \(name ?? "-") \(status ?? "-") ok=\(ok.map { String($0) } ?? "-") score=\(score.map { String($0) } ?? "-")" }
    }

    /// The turns of a conversation, in the order they were stored.
    func turns(_ conversation: String) throws -> [Turn] {
        try db.rows("""
            SELECT t.role, t.text, t.intent, t.confidence FROM turns t JOIN conversations c ON c.id = t.conversation_id
            WHERE c.external_id = ? ORDER BY t.id
            """, [conversation]).map {
            Turn(role: $0["role"].string ?? "", text: $0["text"].string ?? "", intent: $0["intent"].string, confidence: $0["confidence"].double)
        }
    }

    /// The events of a conversation, in the order they were stored.
    func events(_ conversation: String) throws -> [Event] {
        try db.rows("""
            SELECT e.kind, e.name, e.status, e.ok, e.score, e.latency_ms FROM events e JOIN conversations c ON c.id = e.conversation_id
            WHERE c.external_id = ? ORDER BY e.id
            """, [conversation]).map {
            Event(kind: $0["kind"].string ?? "", name: $0["name"].string, status: $0["status"].string, ok: $0["ok"].int64,
                  score: $0["score"].double, latency: $0["latency_ms"].double)
        }
    }

    /// A conversation's user, channel and start.
    func conversation(_ id: String) throws -> (user: String?, channel: String?, started: Int64?)? {
        guard let row = try db.rows("SELECT user_id, channel, started_at FROM conversations WHERE external_id = ?", [id]).first else { return nil }
        return (row["user_id"].string, row["channel"].string, row["started_at"].int64)
    }

    /// Every conversation id, sorted.
    func conversationIDs() throws -> [String] {
        try db.rows("SELECT external_id FROM conversations ORDER BY external_id").compactMap { $0["external_id"].string }
    }
}
