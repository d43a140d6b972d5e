import Foundation
@testable import ChatMine

/// Builds stores for the report, review and export tests from generic JSONL written here, plus
/// clustering results inserted directly (so every suggestion field can carry a chosen string).
enum ReportTestStore {
    /// One generic-format record as a JSON line.
    static func line(_ fields: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// A conversation: a user turn with `text`, `intent` and `confidence`, a bot answer, an
    /// api_call named `api`, then `ending` ("resolved", "handoff" or nil), on `day` at `hour`.
    static func conversation(_ id: String, text: String, intent: String?, confidence: Double = 0.95, channel: String,
                             api: String? = nil, apiOK: Bool = true, ending: String? = nil, day: Int = 2, hour: Int = 10,
                             user: String? = nil) -> [String] {
        let stamp = String(format: "2026-11-%02dT%02d:00:00.000Z", day, hour)
        let later = String(format: "2026-11-%02dT%02d:00:05.000Z", day, hour)
        let end = String(format: "2026-11-%02dT%02d:01:00.000Z", day, hour)
        var turn: [String: Any] = ["conversation_id": id, "message_id": id + "-1", "timestamp": stamp, "role": "user", "text": text,
                                   "channel": channel, "user_id": user ?? "u-" + id]
        if let intent { turn["intent"] = intent; turn["confidence"] = confidence }
        var lines = [line(turn)]
        if let api {
            lines.append(line(["conversation_id": id, "timestamp": later, "event": "api_call", "name": api, "status": apiOK ? "ok" : "error", "latency_ms": 120]))
        }
        lines.append(line(["conversation_id": id, "message_id": id + "-2", "timestamp": later, "role": "bot", "text": "Let me check that for you."]))
        if let ending { lines.append(line(["conversation_id": id, "timestamp": end, "event": ending])) }
        return lines
    }

    /// Ingests JSONL text written to `name` inside `folder`.
    @discardableResult
    static func ingest(_ lines: [String], named name: String = "log.jsonl", in folder: TemporaryFolder, into db: Database) throws -> IngestSummary {
        let path = try folder.write(name, lines.joined(separator: "\n") + "\n")
        var options = IngestOptions()
        options.showProgress = false
        options.maxRejectRate = 1
        return try Ingestor(db: db, options: options).ingest([path])
    }

    /// A cluster run with one cluster and suggestion per entry (lineage ids C00001, C00002, …).
    static func insertSuggestions(_ suggestions: [(name: String, phrases: [String], terms: [String], nearest: String?)], into db: Database) throws {
        try db.execute("""
            INSERT INTO cluster_runs (created_at, embedder, seed, k_chosen, min_cluster_size, candidates, distinct_texts, clustered, noise, seconds)
            VALUES ('2026-11-07T00:00:00Z', 'test', 1, ?, 2, 10, 10, 10, 0, 0.1)
            """, [suggestions.count])
        let run = db.lastInsertedRowID
        for (index, s) in suggestions.enumerated() {
            let lineage = String(format: "C%05d", index + 1)
            let terms = jsonArray(s.terms), phrases = jsonArray(s.phrases)
            try db.execute("""
                INSERT INTO clusters (cluster_run_id, lineage_id, name, top_terms, phrases, example_conversations, size, distinct_texts,
                    share, cohesion, dimensions, trend, nearest_intent, similarity, margin, recommendation, conversations,
                    escalation_rate, fallback_rate, gain)
                VALUES (?, ?, ?, ?, ?, '[]', ?, ?, 0.1, 0.5, 0, 'new', ?, 0.4, 0.1, 'new_intent', 3, 0.5, 0.5, ?)
                """, [run, lineage, s.name, terms, phrases, 10 - index, s.phrases.count, s.nearest.map { DatabaseValue.text($0) } ?? .null,
                      Double(10 - index)])
            let cluster = db.lastInsertedRowID
            try db.execute("""
                INSERT INTO suggestions (lineage_id, cluster_id, cluster_run_id, name, recommendation, nearest_intent, similarity, margin,
                    size, trend, gain, rank, top_terms, phrases, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'new_intent', ?, 0.4, 0.1, ?, 'new', ?, ?, ?, ?, '2026-11-07T00:00:00Z', '2026-11-07T00:00:00Z')
                """, [lineage, cluster, run, s.name, s.nearest.map { DatabaseValue.text($0) } ?? .null, 10 - index, Double(10 - index), index + 1,
                      terms, phrases])
        }
    }

    /// A JSON array of strings, as the clustering stage stores lists in TEXT columns.
    static func jsonArray(_ values: [String]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: values) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Renders the report of `db` into memory: file name → text.
    static func render(_ db: Database, options: ReportOptions = ReportOptions(now: Date(timeIntervalSince1970: 1_795_000_000))) throws -> [String: String] {
        let files = try ReportWriter(db: db, options: options).render()
        return Dictionary(files.contents.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
    }
}
