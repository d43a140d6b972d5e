import Foundation
import Testing
@testable import ChatMine

/// User query folders, the sentiment family once its table exists, and the built-in set.
@Suite("Metrics queries")
struct MetricsQueryTests {
    private func folder(_ files: [String: String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chatmine-queries-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, sql) in files { try sql.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
        return path
    }

    @Test("the built-in families are embedded, in reading order, each a single statement")
    func builtIn() {
        let names = KPIQuery.builtIn().map(\.name)
        #expect(names == ["outcomes.sql", "deflection.sql", "fallback.sql", "csat.sql", "length.sql", "latency.sql", "api.sql", "savings.sql", "sentiment.sql"])
        #expect(KPIQuery.builtIn().first { $0.name == "sentiment.sql" }?.requiredTables == ["conversation_sentiment"])
    }

    @Test("--queries runs a user's own SQL; a broken file is a clear error")
    func userQueries() throws {
        let db = try MetricsFixtureStore.open("outcomes.jsonl")
        let path = try folder(["web.sql": """
            SELECT s.grp, 'web_share' AS kpi, 'rate' AS kind,
                   SUM(CASE WHEN o.channel = 'web' THEN 1 ELSE 0 END) AS numerator, COUNT(*) AS denominator, NULL AS value
            FROM metric_scope s JOIN outcomes o ON o.conversation_id = s.conversation_id GROUP BY s.grp
            """, "notes.txt": "not a query"])
        let result = try MetricsRunner.run(db: db, rules: .default, request: MetricsRequest(queries: try KPIQuery.directory(path)))
        // web: k01 k02 k04 k06 k07 k08 k10 = 7 of 11
        #expect(result.rows.count == 1)
        #expect(result.row("web_share")?.numerator == 7)
        #expect(result.row("web_share")?.denominator == 11)
        #expect(result.row("web_share")?.ciLow != nil)

        let broken = try folder(["bad.sql": "SELECT grp FROM nowhere"])
        #expect(throws: ChatMineError.self) {
            try MetricsRunner.run(db: db, rules: .default, request: MetricsRequest(queries: try KPIQuery.directory(broken)))
        }
        let noColumns = try folder(["cols.sql": "SELECT grp, 'x' AS kpi FROM metric_scope"])
        #expect(throws: ChatMineError.self) {
            try MetricsRunner.run(db: db, rules: .default, request: MetricsRequest(queries: try KPIQuery.directory(noColumns)))
        }
        #expect(throws: ChatMineError.self) { try KPIQuery.directory(try folder([:])) }
    }

    @Test("sentiment_mean appears once conversation_sentiment exists")
    func sentiment() throws {
        let db = try MetricsFixtureStore.open("outcomes.jsonl")
        // The table comes from the sentiment migration; the scores here are set by hand.
        try db.execute("""
            INSERT INTO conversation_sentiment (conversation_id, mean, frustrated)
            SELECT id, CASE external_id WHEN 'k01' THEN 0.5 WHEN 'k04' THEN -0.7 END, CASE external_id WHEN 'k04' THEN 1 ELSE 0 END
            FROM conversations WHERE external_id IN ('k01', 'k04')
            """)
        let result = try MetricsRunner.run(db: db, rules: .default, request: MetricsRequest(grouping: .intent))
        #expect(result.skipped.isEmpty)
        // track_order: k01 0.5 (k05, k08 unscored); reset_password: k04 −0.7
        #expect(result.row("sentiment_mean", group: "track_order")?.value == 0.5)
        #expect(result.row("sentiment_mean", group: "reset_password")?.value == -0.7)
        #expect(result.row("sentiment_mean", group: "track_order")?.denominator == 1)
        #expect(result.row("frustration_rate", group: "reset_password")?.numerator == 1)
        #expect(result.row("frustration_rate", group: "track_order")?.numerator == 0)
    }

    @Test("--kpis keeps only the named KPIs and their per-API variants")
    func filter() throws {
        let db = try MetricsFixtureStore.open("outcomes.jsonl")
        let result = try MetricsRunner.run(db: db, rules: .default, request: MetricsRequest(kpis: ["api_failure_rate", "containment_rate"]))
        #expect(Set(result.rows.map(\.kpi)) == ["api_failure_rate", "api_failure_rate[card_lookup]", "api_failure_rate[order_status]", "containment_rate"])
    }
}
