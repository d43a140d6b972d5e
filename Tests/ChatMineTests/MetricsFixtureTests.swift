import Foundation
import Testing
@testable import ChatMine

/// KPIs of fixtures/kpi/outcomes.jsonl, each expected number worked out by hand from the file
/// (the comments in each test show the working).
@Suite("Metrics on the hand-made fixture")
struct MetricsFixtureTests {
    private func run(_ db: Database, by grouping: MetricsGrouping = .all, zone: String = "UTC", since: String? = nil, until: String? = nil) throws -> MetricsResult {
        let local = try LocalTime(identifier: zone)
        let request = MetricsRequest(since: since.flatMap(local.parseInstant), until: until.flatMap(local.parseInstant), grouping: grouping, zone: local)
        return try MetricsRunner.run(db: db, rules: .default, request: request)
    }

    private func expectRate(_ result: MetricsResult, _ kpi: String, _ numerator: Double, _ denominator: Double, group: String = "all", sourceLocation: SourceLocation = #_sourceLocation) {
        let row = result.row(kpi, group: group)
        #expect(row?.numerator == numerator, "\(kpi) numerator", sourceLocation: sourceLocation)
        #expect(row?.denominator == denominator, "\(kpi) denominator", sourceLocation: sourceLocation)
    }

    @Test("every conversation gets the outcome worked out by hand")
    func outcomes() throws {
        let db = try MetricsFixtureStore.open("outcomes.jsonl")
        try OutcomeEngine.refresh(db: db, rules: .default)
        let outcomes = try MetricsFixtureStore.outcomes(db)
        // fixtures/kpi/expected-outcomes.csv: worked out by hand, the reason in its last column.
        let expected = try String(contentsOf: MetricsFixtureStore.root.appendingPathComponent("fixtures/kpi/expected-outcomes.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", maxSplits: 6, omittingEmptySubsequences: false).map(String.init) }
        #expect(expected.count == 11)
        #expect(outcomes.count == 11)
        for fields in expected {
            let row = outcomes[fields[0]]
            #expect(row?["outcome"].string == fields[1], "\(fields[0]) outcome")
            #expect((row?["resolved_by"].string ?? "") == fields[2], "\(fields[0]) resolved_by")
            #expect((row?["intent"].string ?? "") == fields[3], "\(fields[0]) intent")
            #expect(row?["deflected"].int64 == Int64(fields[4]), "\(fields[0]) deflected")
            #expect(row?["durably_resolved"].int64 == Int64(fields[5]), "\(fields[0]) durably_resolved")
        }
        #expect(outcomes["k01"]?["resolved_by"].string == "confirmation")
        #expect(outcomes["k05"]?["resolved_by"].string == "csat")
        #expect(outcomes["k07"]?["resolved_by"].string == "event")
        // k03: failed card_lookup at 11:01:00, then a bot and a user turn, then the handoff.
        #expect(outcomes["k03"]?["escalated_after_api_failure"].int64 == 1)
        #expect(outcomes["k08"]?["escalated_after_api_failure"].int64 == 0)
        // Intent = first understood intent of a turn that is more than a greeting.
        #expect(outcomes["k01"]?["intent"].string == "track_order")
        #expect(outcomes["k03"]?["intent"].string == "cancel_card")
        #expect(outcomes["k09"]?["intent"].string == "change_address")
        #expect(outcomes["k10"]?["intent"].isNull == true)  // its only intent got a fallback event
        let hash = try OutcomeRules.default.hash()
        #expect(outcomes.values.allSatisfy { $0["rules_hash"].string == hash })
    }

    @Test("whole-store KPIs match the hand count")
    func wholeStore() throws {
        let db = try MetricsFixtureStore.open("outcomes.jsonl")
        let result = try run(db)
        #expect(result.conversations == 11)
        #expect(result.row("conversations")?.value == 11)
        // engaged: all but k02 and k11 (greetings only) = 9
        expectRate(result, "engagement_rate", 9, 11)
        // contained: k01 k04 k05 k06 k07 k09 k10
        expectRate(result, "containment_rate", 7, 9)
        // resolved: k01 k05 k07 k09 k10
        expectRate(result, "resolution_rate", 5, 9)
        expectRate(result, "escalation_rate", 2, 9)
        expectRate(result, "abandonment_rate", 2, 9)
        // deflected: k04 (u4 back after 2.9 d), k05 (u5 back after 4 d), k06, k07 (no user id), k09, k10;
        // not k01 (u1 back 11 h later in k08).
        expectRate(result, "true_deflection_rate", 6, 9)
        // durable: k07, k09, k10; not k01 (back in 11 h) nor k05 (back in 4 d).
        expectRate(result, "durable_resolution_rate", 3, 9)
        expectRate(result, "engaged_without_user_id", 1, 9)
        // Bot-handled user turns 21; not understood: k03 (0.4), k04 (no intent), k06 (no intent),
        // k09 ("perfect, solved" no intent), k10 (fallback event; "Thank you so much!" no intent).
        expectRate(result, "fallback_rate", 6, 21)
        // CSAT: k05 = 5, k06 = 2.
        let csat = try #require(result.row("csat_mean"))
        #expect(csat.value == 3.5)
        #expect(csat.denominator == 2)
        expectRate(result, "csat_response_rate", 2, 11)
        expectRate(result, "csat_satisfied_rate", 1, 2)
        // turns sorted: 2 2 2 3 3 3 3 3 5 6 8 → median (rank 6) 3, p90 (rank 10) 6
        #expect(result.row("turns_median")?.value == 3)
        #expect(result.row("turns_p90")?.value == 6)
        // durations (s) sorted: 1 30 30 31 40 60 60 120 180 300 360 → median 60, p90 300
        #expect(result.row("duration_median_s")?.value == 60)
        #expect(result.row("duration_p90_s")?.value == 300)
        // latencies: five of 1 s, seven of 2 s, two of 3 s, one of 5 s → median (rank 8) 2 s, p90 (rank 14) 3 s
        #expect(result.row("bot_latency_median_ms")?.value == 2000)
        #expect(result.row("bot_latency_p90_ms")?.value == 3000)
        #expect(result.row("bot_latency_median_ms")?.denominator == 15)
        expectRate(result, "api_failure_rate", 1, 2)
        expectRate(result, "api_failure_rate[card_lookup]", 1, 1)
        expectRate(result, "api_failure_rate[order_status]", 0, 1)
        expectRate(result, "escalation_after_api_failure_share", 1, 2)
        // 7 contained × (6.00 − 0.50)
        #expect(result.row("estimated_savings")?.value == 38.5)
        // Nothing is scored in this fixture: the sentiment KPIs run but have nothing to average.
        #expect(result.skipped.isEmpty)
        #expect((result.row("sentiment_mean")?.denominator ?? 0) == 0)
        #expect(result.row("containment_rate")?.smallN == true)
    }

    @Test("days follow the time zone; a conversation crossing midnight belongs to its start day")
    func timeZones() throws {
        let db = try MetricsFixtureStore.open("outcomes.jsonl")
        let utc = try run(db, by: .day)
        // k09 starts 23:58 UTC on the 2nd and ends on the 3rd: it counts on the 2nd.
        #expect(utc.row("conversations", group: "2026-11-02")?.value == 9)
        #expect(utc.row("conversations", group: "2026-11-03") == nil)
        #expect(utc.row("conversations", group: "2026-11-05")?.value == 1)
        #expect(utc.row("conversations", group: "2026-11-06")?.value == 1)
        // Shanghai (UTC+8): k08 (20:00Z) and k09 (23:58Z) start on the 3rd.
        let shanghai = try run(db, by: .day, zone: "Asia/Shanghai")
        #expect(shanghai.row("conversations", group: "2026-11-02")?.value == 7)
        #expect(shanghai.row("conversations", group: "2026-11-03")?.value == 2)
        // The daily aggregates agree, for both zones.
        let daily = try db.count("SELECT SUM(conversations) FROM daily_metrics WHERE tz = 'Asia/Shanghai' AND day = '2026-11-03'")
        #expect(daily == 2)
        #expect(try db.count("SELECT SUM(conversations) FROM daily_metrics WHERE tz = 'UTC' AND day = '2026-11-02'") == 9)
        // Window in Shanghai days: the 3rd only → k08, k09.
        let window = try run(db, zone: "Asia/Shanghai", since: "2026-11-03", until: "2026-11-04")
        #expect(window.conversations == 2)
    }

    @Test("a window without CSAT, and an empty window")
    func windows() throws {
        let db = try MetricsFixtureStore.open("outcomes.jsonl")
        let noCSAT = try run(db, since: "2026-11-03", until: "2026-11-06")  // only k10
        #expect(noCSAT.conversations == 1)
        let csat = try #require(noCSAT.row("csat_mean"))
        #expect(csat.value == nil)
        #expect(csat.denominator == 0)
        expectRate(noCSAT, "csat_response_rate", 0, 1)
        #expect(noCSAT.row("csat_satisfied_rate")?.value == nil)
        let empty = try run(db, since: "2027-01-01")
        #expect(empty.conversations == 0)
        #expect(empty.rows.isEmpty)
        #expect(MetricsFormatter.render(empty, as: .table).contains("No conversations in this window."))
    }

    @Test("per-intent and per-channel tables")
    func groupings() throws {
        let db = try MetricsFixtureStore.open("outcomes.jsonl")
        let intents = try run(db, by: .intent)
        // track_order: k01 (resolved), k05 (resolved), k08 (escalated)
        #expect(intents.row("conversations", group: "track_order")?.value == 3)
        expectRate(intents, "containment_rate", 2, 3, group: "track_order")
        expectRate(intents, "resolution_rate", 2, 3, group: "track_order")
        // (none): k02, k11 (greetings only), k10 (fallback event)
        #expect(intents.row("conversations", group: "(none)")?.value == 3)
        let channels = try run(db, by: .channel)
        // app: k03 k05 k09 k11
        #expect(channels.row("conversations", group: "app")?.value == 4)
        expectRate(channels, "containment_rate", 2, 3, group: "app")
    }
}
