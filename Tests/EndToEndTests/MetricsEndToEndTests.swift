import Foundation
import Testing

/// Runs the built `chatmine` binary: ingest the KPI fixture, then `metrics` and `outcomes`.
@Suite("metrics end to end")
struct MetricsEndToEndTests {
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chatmine-metrics-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A store holding fixtures/kpi/outcomes.jsonl, ingested by the binary.
    static func fixtureStore() throws -> String {
        let db = try scratch() + "/store.sqlite"
        let ingest = try BinaryRunner.run(["ingest", BinaryRunner.fixture("kpi/outcomes.jsonl"), "--db", db, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return db
    }

    @Test("usage errors exit 64, a missing store exits 1 with a hint")
    func errors() throws {
        let bad = try BinaryRunner.run(["metrics", "--by", "month"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("Error: Invalid value 'month' for '--by'"))
        #expect(try BinaryRunner.run(["metrics", "--tz", "Mars/Olympus"]).status == 64)
        #expect(try BinaryRunner.run(["metrics", "--since", "yesterday", "--db", "/nonexistent/x.sqlite"]).status == 64)
        #expect(try BinaryRunner.run(["metrics", "--since", "2026-11-05", "--until", "2026-11-01"]).status == 64)
        let missing = try BinaryRunner.run(["metrics", "--db", try Self.scratch() + "/none.sqlite"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Error: no store at"))
        #expect(missing.stderr.contains("Hint:"))
    }

    @Test("--show-rules prints the default rules as JSON; --show-queries the SQL")
    func show() throws {
        let rules = try BinaryRunner.run(["metrics", "--show-rules", "--db", try Self.scratch() + "/none.sqlite"])
        #expect(rules.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(rules.stdout.utf8)) as? [String: Any]
        #expect(object?["confidence_threshold"] as? Double == 0.5)
        let queries = try BinaryRunner.run(["metrics", "--show-queries"])
        #expect(queries.stdout.contains("-- queries/outcomes.sql"))
        #expect(queries.stdout.contains("containment_rate"))
    }

    @Test("CSV of the fixture: hand-counted numbers, one row per group and KPI")
    func csv() throws {
        let db = try Self.fixtureStore()
        let run = try BinaryRunner.run(["metrics", "--db", db, "--format", "csv", "--by", "channel", "--kpis", "conversations,containment_rate"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("11 of 11 conversations recomputed"))
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "group,kpi,numerator,denominator,value,ci_low,ci_high,small_n,rules_version,rules_hash")
        // app: k03 k05 k09 k11 (engaged k03 k05 k09; contained k05 k09); web: the other seven
        // (engaged k01 k04 k06 k07 k08 k10; contained all but k08).
        #expect(lines.contains { $0.hasPrefix("app,conversations,4,,4,,,false,") })
        #expect(lines.contains { $0.hasPrefix("app,containment_rate,2,3,0.666667,") })
        #expect(lines.contains { $0.hasPrefix("web,conversations,7,,7,,,false,") })
        #expect(lines.contains { $0.hasPrefix("web,containment_rate,5,6,0.833333,") })
        #expect(lines.count == 5)
        // A second run has nothing to recompute and says nothing.
        let again = try BinaryRunner.run(["metrics", "--db", db, "--format", "json"])
        #expect(again.stderr.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(object["conversations"] as? Int == 11)
        #expect((object["rules"] as? [String: Any])?["version"] as? String == "default-3")
    }

    @Test("changing the rules says so; outcomes explains a conversation")
    func rulesAndOutcomes() throws {
        let db = try Self.fixtureStore()
        #expect(try BinaryRunner.run(["metrics", "--db", db, "-q"]).status == 0)
        let rules = try Self.scratch() + "/rules.json"
        try #"{"version": "strict", "confidence_threshold": 0.95}"#.write(toFile: rules, atomically: true, encoding: .utf8)
        let changed = try BinaryRunner.run(["metrics", "--db", db, "--rules", rules, "--kpis", "fallback_rate", "--format", "csv"])
        #expect(changed.stderr.contains("Rules changed"))
        #expect(changed.stdout.contains("all,fallback_rate,15,21,"))
        #expect(changed.stdout.contains(",strict,"))
        let explain = try BinaryRunner.run(["outcomes", "--db", db, "--conversation", "k04"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("abandoned"))
        #expect(explain.stdout.contains("no thanks, that didn't help"))
        #expect(try BinaryRunner.run(["outcomes", "--db", db, "--conversation", "nope"]).status == 1)
        let bad = try Self.scratch() + "/bad.json"
        try "{ not json".write(toFile: bad, atomically: true, encoding: .utf8)
        let invalid = try BinaryRunner.run(["metrics", "--db", db, "--rules", bad])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("not valid JSON"))
    }
}
