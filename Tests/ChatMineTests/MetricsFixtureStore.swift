import Foundation
@testable import ChatMine

/// Loads fixture logs into a fresh in-memory store with the real ingest.
enum MetricsFixtureStore {
    /// The package root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh store holding fixtures/kpi/NAME.
    static func open(_ name: String) throws -> Database {
        let db = try Database(path: ":memory:")
        try load(db, path: root.appendingPathComponent("fixtures/kpi/\(name)").path)
        return db
    }

    /// Ingests a log file into a store.
    static func load(_ db: Database, path: String) throws {
        var options = IngestOptions()
        options.showProgress = false
        let summary = try Ingestor(db: db, options: options).ingest([path])
        guard summary.rejects == 0 else { throw ChatMineError("fixture \(path) has \(summary.rejects) rejected records") }
    }

    /// Ingests JSONL text (written to a scratch file first) into a store.
    static func load(_ db: Database, jsonl: String, keyPrefix: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chatmine-\(keyPrefix)-\(UUID().uuidString).jsonl").path
        try jsonl.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try load(db, path: path)
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
