import Foundation
import Testing
@testable import ChatMine

/// Incremental refresh, rule changes, intervals and local time.
@Suite("Metrics engine")
struct MetricsEngineTests {
    @Test("a second refresh recomputes nothing; new turns recompute only their conversation and days")
    func incremental() throws {
        let db = try MetricsFixtureStore.open("outcomes.jsonl")
        let first = try OutcomeEngine.refresh(db: db, rules: .default)
        #expect(first.recomputedConversations == 11)
        #expect(first.rulesChanged == false)
        let second = try OutcomeEngine.refresh(db: db, rules: .default)
        #expect(second.recomputedConversations == 0)
        #expect(second.recomputedDays == 0)
        #expect(try db.count("SELECT deflected FROM outcomes o JOIN conversations c ON c.id = o.conversation_id WHERE external_id = 'k06'") == 1)

        // u6 comes back 20 hours after k06 ended (14:02 on the 2nd): k06 is no longer deflected.
        try MetricsFixtureStore.load(db, jsonl: """
            {"conversation_id":"k12","timestamp":"2026-11-03T10:02:00.000Z","role":"user","text":"my refund again","intent":"refund","confidence":0.9,"channel":"web","user_id":"u6"}
            {"conversation_id":"k12","timestamp":"2026-11-03T10:02:02.000Z","role":"bot","text":"Checking","channel":"web","user_id":"u6"}
            """, keyPrefix: "k12")
        let third = try OutcomeEngine.refresh(db: db, rules: .default)
        #expect(third.recomputedConversations == 1)
        // Days rebuilt in UTC: the 3rd (k12) and the 2nd (k06's deflection changed).
        #expect(third.recomputedDays == 2)
        #expect(try db.count("SELECT deflected FROM outcomes o JOIN conversations c ON c.id = o.conversation_id WHERE external_id = 'k06'") == 0)
        #expect(try db.count("SELECT SUM(deflected) FROM daily_metrics WHERE tz = 'UTC' AND day = '2026-11-02'") == 4)  // k04 k05 k07 k09 (k06 no longer)
        #expect(try db.count("SELECT SUM(conversations) FROM daily_metrics WHERE tz = 'UTC' AND day = '2026-11-03'") == 1)

        // A turn appended to an existing conversation recomputes it: k04 now thanks.
        let k04 = try #require(try db.scalar("SELECT id FROM conversations WHERE external_id = 'k04'")?.int64)
        #expect(try db.count("SELECT COUNT(*) FROM turns WHERE conversation_id = ?", [k04]) == 3)
        try MetricsFixtureStore.load(db, jsonl: """
            {"conversation_id":"k04","message_id":"k04-0004","timestamp":"2026-11-02T12:01:00.000Z","role":"user","text":"ok that worked, thanks"}
            """, keyPrefix: "k04")
        let fourth = try OutcomeEngine.refresh(db: db, rules: .default)
        #expect(fourth.recomputedConversations == 1)
        #expect(try db.scalar("SELECT outcome FROM outcomes WHERE conversation_id = ?", [k04])?.string == "resolved")
    }

    @Test("changing the rules recomputes history and says so")
    func rulesChange() throws {
        let db = try MetricsFixtureStore.open("outcomes.jsonl")
        try OutcomeEngine.refresh(db: db, rules: .default)
        var strict = OutcomeRules.default
        strict.version = "strict-1"
        strict.confidenceThreshold = 0.95
        let summary = try OutcomeEngine.refresh(db: db, rules: strict)
        #expect(summary.rulesChanged)
        #expect(summary.recomputedConversations == 11)
        #expect(summary.message.contains("Rules changed"))
        #expect(summary.message.contains("strict-1"))
        // Under 0.95, not understood: k01 0.93 0.9; k03 0.4 0.88; k04 0.91 + none; k05 0.9 0.8;
        // k06 0.85 + none; k08 0.9; k09 0.6 + none; k10 event + none → 15 of 21.
        let result = try MetricsRunner.run(db: db, rules: strict, request: MetricsRequest())
        #expect(result.row("fallback_rate")?.numerator == 15)
        #expect(result.row("fallback_rate")?.denominator == 21)
        #expect(result.rulesVersion == "strict-1")
        #expect(try db.count("SELECT COUNT(*) FROM outcomes WHERE rules_hash = ?", [try strict.hash()]) == 11)
        // After ingest, refresh(db:) keeps the stored rules: nothing to recompute.
        #expect(try OutcomeEngine.refresh(db: db).recomputedConversations == 0)
        // The stored rules are used next time when none are given.
        #expect(try OutcomeEngine.resolveRules(db: db, path: nil) == strict)
        #expect(try OutcomeEngine.resolveRules(db: db, path: "default") == OutcomeRules.default)
    }

    @Test("conversations deleted with their outcomes rebuild the daily aggregates")
    func deletion() throws {
        let db = try MetricsFixtureStore.open("outcomes.jsonl")
        try OutcomeEngine.refresh(db: db, rules: .default)
        let k11 = try #require(try db.scalar("SELECT id FROM conversations WHERE external_id = 'k11'")?.int64)
        try db.execute("DELETE FROM turns WHERE conversation_id = ?", [k11])
        try db.execute("DELETE FROM events WHERE conversation_id = ?", [k11])
        try db.execute("DELETE FROM conversations WHERE id = ?", [k11])
        try OutcomeEngine.refresh(db: db, rules: .default)
        #expect(try db.count("SELECT COUNT(*) FROM daily_metrics WHERE tz = 'UTC' AND day = '2026-11-06'") == 0)
        #expect(try db.count("SELECT SUM(conversations) FROM daily_metrics WHERE tz = 'UTC'") == 10)
    }

    @Test("a conversation without timestamps is classified and grouped as (no time)")
    func noTimestamps() throws {
        let db = try MetricsFixtureStore.open("outcomes.jsonl")
        try MetricsFixtureStore.load(db, jsonl: """
            {"conversation_id":"k13","message_id":"k13-1","role":"user","text":"where is my parcel","intent":"track_order","confidence":0.9}
            {"conversation_id":"k13","message_id":"k13-2","role":"bot","text":"On its way"}
            {"conversation_id":"k13","message_id":"k13-3","role":"user","text":"thanks!"}
            """, keyPrefix: "k13")
        let result = try MetricsRunner.run(db: db, rules: .default, request: MetricsRequest(grouping: .day))
        #expect(result.row("conversations", group: "(no time)")?.value == 1)
        #expect(result.row("resolution_rate", group: "(no time)")?.numerator == 1)
        // Outside any window; the windowed total stays at the fixture's 11.
        let windowed = try MetricsRunner.run(db: db, rules: .default, request: MetricsRequest(since: LocalTime.utc.parseInstant("2026-01-01")))
        #expect(windowed.conversations == 11)
    }

    @Test("Wilson intervals match the hand computation")
    func wilson() throws {
        // 7 of 9: p = .7778, z² = 3.8415; centre .9912, spread .3454, scale 1.4268 → [.4526, .9368]
        let interval = try #require(Wilson.interval(successes: 7, trials: 9))
        #expect(abs(interval.low - 0.4526) < 0.0005)
        #expect(abs(interval.high - 0.9368) < 0.0005)
        // 0 of 10: [0, z²/n ÷ (1 + z²/n)] = [0, .2775]
        let zero = try #require(Wilson.interval(successes: 0, trials: 10))
        #expect(zero.low == 0)
        #expect(abs(zero.high - 0.2775) < 0.0005)
        #expect(Wilson.interval(successes: 0, trials: 0) == nil)
        let row = KPIRow(group: "all", kpi: "x", kind: "rate", numerator: 30, denominator: 40, value: nil)
        #expect(row.value == 0.75)
        #expect(row.smallN == false)
        #expect(KPIRow(group: "all", kpi: "x", kind: "rate", numerator: 1, denominator: 29, value: nil).smallN)
    }

    @Test("local days, weeks and hours")
    func localTime() throws {
        let berlin = try LocalTime(identifier: "Europe/Berlin")
        // 2026-10-25: clocks go back at 03:00 CEST → the day lasts 25 hours.
        let autumn = try #require(berlin.dayBounds("2026-10-25"))
        #expect(autumn.end - autumn.start == 25 * 3_600_000)
        // 2026-03-29: clocks go forward → 23 hours.
        let spring = try #require(berlin.dayBounds("2026-03-29"))
        #expect(spring.end - spring.start == 23 * 3_600_000)
        // 2026-11-02T23:30Z is 00:30 on the 3rd in Berlin (CET, UTC+1).
        let late = try #require(LocalTime.utc.parseInstant("2026-11-02T23:30:00Z"))
        #expect(berlin.dayKey(late) == "2026-11-03")
        #expect(LocalTime.utc.dayKey(late) == "2026-11-02")
        #expect(berlin.hourKey(late) == "00")
        // 2026-11-02 is a Monday.
        #expect(LocalTime.utc.weekHourKey(late) == "1 Mon 23")
        // ISO weeks: 2026-01-01 is a Thursday (week 1); 2027-01-01 a Friday (week 53 of 2026).
        #expect(LocalTime.utc.weekKey(try #require(LocalTime.utc.parseInstant("2026-01-01"))) == "2026-W01")
        #expect(LocalTime.utc.weekKey(try #require(LocalTime.utc.parseInstant("2027-01-01"))) == "2026-W53")
        #expect(LocalTime.utc.weekKey(try #require(LocalTime.utc.parseInstant("2024-12-30"))) == "2025-W01")
        // YYYY-MM-DD means local midnight.
        let shanghai = try LocalTime(identifier: "Asia/Shanghai")
        #expect(shanghai.parseInstant("2026-11-03") == LocalTime.utc.parseInstant("2026-11-02T16:00:00Z"))
        #expect(shanghai.parseInstant("yesterday") == nil)
        #expect(throws: ChatMineError.self) { try LocalTime(identifier: "Mars/Olympus") }
    }
}
