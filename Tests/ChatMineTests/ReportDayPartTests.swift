import Foundation
import Testing
@testable import ChatMine

/// A report over a window of whole days, added up from per-day parts, must be the report made
/// by reading every conversation of the window: same files, byte for byte.
@Suite struct ReportDayPartTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// 500 generated conversations over 2026-11-01..07 (mixed languages), ingested and scored.
    static func store(_ folder: TemporaryFolder) throws -> Database {
        let db = try folder.database()
        let log = ByteSink.memory()
        try SyntheticLogGenerator(options: GeneratorOptions(conversations: 500, seed: 7, language: .mixed)).write(to: log)
        let path = try folder.write("day.jsonl", String(decoding: log.bytes, as: UTF8.self))
        _ = try ingest([path], into: db)
        try score(db)
        return db
    }

    static func score(_ db: Database) throws {
        _ = try SentimentStore(database: db, scorer: SentimentScorer(lexicon: try SentimentLexicon.load(path: nil, mode: .extend))).run()
    }

    /// The report's files both ways; the day parts' way twice (computing, then reading the parts).
    static func expectSameReport(_ db: Database, since: String, until: String, zone: LocalTime = .utc, _ comment: Comment) throws {
        var options = ReportOptions(zone: zone, now: now)
        options.since = (try #require(zone.dayBounds(since))).start
        options.until = (try #require(zone.dayBounds(until))).start
        options.usesDayParts = false
        let exact = try ReportTestStore.render(db, options: options)
        options.usesDayParts = true
        let computed = try ReportTestStore.render(db, options: options)
        let stored = try ReportTestStore.render(db, options: options)
        #expect(exact.keys.sorted() == computed.keys.sorted(), comment)
        for (name, text) in exact.sorted(by: { $0.key < $1.key }) {
            #expect(computed[name] == text, "\(comment): \(name) differs when computed from day parts")
            #expect(stored[name] == text, "\(comment): \(name) differs when read from stored day parts")
        }
    }

    @Test func aWindowOfDaysGivesTheSameReportBothWays() throws {
        let folder = try TemporaryFolder()
        let db = try Self.store(folder)
        // The window's figures, its medians and the comparison with the three days before it.
        try Self.expectSameReport(db, since: "2026-11-04", until: "2026-11-07", "UTC window")
        #expect(try db.count("SELECT COUNT(*) FROM report_days WHERE tz = 'UTC'") == 6)
        #expect(try db.count("SELECT COUNT(DISTINCT measure) FROM report_day_values") == 6)
        // Local days of another zone have their own parts.
        try Self.expectSameReport(db, since: "2026-11-02", until: "2026-11-06", zone: try LocalTime(identifier: "Asia/Shanghai"), "Shanghai window")
    }

    @Test func daysWhoseConversationsChangeAreRecomputed() throws {
        let folder = try TemporaryFolder()
        let db = try Self.store(folder)
        try Self.expectSameReport(db, since: "2026-11-03", until: "2026-11-06", "before")
        // A late file: a new conversation on 11-04, and a new turn, event and CSAT for an existing one.
        let existing = try #require(try db.scalar("""
            SELECT external_id FROM conversations WHERE started_at >= ? AND started_at < ? ORDER BY id LIMIT 1
            """, [NightlyLogs.day("2026-11-04") + 3_600_000, NightlyLogs.day("2026-11-05")])?.string)
        let late = NightlyLogs.conversation("late-1", day: "2026-11-04", text: "I want to talk to a human now", hour: 23) + """
            {"conversation_id":"\(existing)","message_id":"\(existing)-late","timestamp":"2026-11-04T23:59:00Z","role":"user","text":"this is useless, agent please"}
            {"conversation_id":"\(existing)","timestamp":"2026-11-04T23:59:30Z","event":"handoff"}

            """
        _ = try ingest([try folder.write("late.jsonl", late)], into: db)
        // A user of a contained conversation of 11-03 comes back on 11-04 within 24 h: 11-03's
        // conversations do not change, but its true deflection does.
        let returning = try #require(try db.rows("""
            SELECT user_id, ended_at FROM outcomes WHERE contained = 1 AND deflected = 1 AND user_id IS NOT NULL
              AND started_at >= ? AND ended_at >= ? AND ended_at < ? ORDER BY conversation_id LIMIT 1
            """, [NightlyLogs.day("2026-11-03"), NightlyLogs.day("2026-11-03") + 6 * 3_600_000, NightlyLogs.day("2026-11-04")]).first)
        let user = try #require(returning[0].string)
        let back = """
            {"conversation_id":"back-1","message_id":"back-1-1","timestamp":"2026-11-04T05:00:00Z","role":"user","text":"it did not work","user_id":"\(user)","channel":"web"}

            """
        _ = try ingest([try folder.write("back.jsonl", back)], into: db)
        try Self.expectSameReport(db, since: "2026-11-03", until: "2026-11-04", "a return on the next day, day alone")
        // The report made before scoring, then after it: both must match a fresh computation.
        try Self.expectSameReport(db, since: "2026-11-03", until: "2026-11-06", "after a late file, unscored")
        try Self.score(db)
        try Self.expectSameReport(db, since: "2026-11-03", until: "2026-11-06", "after scoring it")
    }

    @Test func addingUpRowsFollowsEachKind() {
        let rows: [[KPIRow]] = [
            [KPIRow(group: "all", kpi: "resolution_rate", kind: "rate", numerator: 3, denominator: 10, value: nil),
             KPIRow(group: "all", kpi: "csat_mean", kind: "mean", numerator: nil, denominator: 0, value: nil),
             KPIRow(group: "all", kpi: "conversations", kind: "count", numerator: 12, denominator: nil, value: 12),
             KPIRow(group: "all", kpi: "turns_median", kind: "median", numerator: nil, denominator: 12, value: 4)],
            [KPIRow(group: "all", kpi: "resolution_rate", kind: "rate", numerator: 1, denominator: 10, value: nil),
             KPIRow(group: "all", kpi: "csat_mean", kind: "mean", numerator: 9, denominator: 2, value: 4.5),
             KPIRow(group: "all", kpi: "conversations", kind: "count", numerator: 3, denominator: nil, value: 3)],
        ]
        let merged = Dictionary(uniqueKeysWithValues: ReportDayMerge.kpis(rows).map { ($0.kpi, $0) })
        #expect(merged["resolution_rate"]?.value == 0.2)
        #expect(merged["csat_mean"]?.value == 4.5)
        #expect(merged["csat_mean"]?.denominator == 2)
        #expect(merged["conversations"]?.value == 15)
        #expect(merged["turns_median"] == nil)
    }
}
