import Testing
@testable import ChatMine

/// The cluster stage's window (new days plus `cluster_days`) and local-day windows.
@Suite struct NightlyClusterWindowTests {
    static let day: Int64 = 86_400_000

    @Test func clusteringKeepsTheNewDaysAndTheDaysAskedFor() {
        // New data on 2026-11-20 and 21, 28 trend days: the report covers 10-23..11-22.
        let window = NightlyWindow.covering(first: NightlyLogs.day("2026-11-20") + 5_000, last: NightlyLogs.day("2026-11-21") + 9_000, trendDays: 28)
        #expect(window.description == "2026-10-23..2026-11-22")
        #expect(window.keepingTrendDays(0, of: 28).description == "2026-11-20..2026-11-22")
        #expect(window.keepingTrendDays(6, of: 28).description == "2026-11-14..2026-11-22")
        #expect(window.keepingTrendDays(40, of: 28) == window)
    }

    @Test func aZoneGivesWholeLocalDays() throws {
        let shanghai = try LocalTime(identifier: "Asia/Shanghai")
        // 2026-11-20T20:00Z is 11-21 04:00 in Shanghai: the window is Shanghai's 11-19 and 11-20 and 11-21.
        let window = NightlyWindow.covering(first: NightlyLogs.day("2026-11-20") + 20 * 3_600_000, last: NightlyLogs.day("2026-11-20") + 20 * 3_600_000,
                                            trendDays: 2, zone: shanghai)
        #expect(window.since == NightlyLogs.day("2026-11-18") + 16 * 3_600_000)
        #expect(window.until == NightlyLogs.day("2026-11-21") + 16 * 3_600_000)
        #expect(ReportDayCache.days(since: window.since, until: window.until, zone: shanghai)?.map(\.day) == ["2026-11-19", "2026-11-20", "2026-11-21"])
        #expect(ReportDayCache.days(since: window.since, until: window.until, zone: .utc) == nil, "not whole UTC days")
    }
}

/// Nightly keeps the report's day parts its next windows can use, and no older ones.
@Suite struct NightlyReportPartsTests {
    @Test func partsOlderThanTheComparisonPeriodAreDropped() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", NightlyLogs.conversation("c1", day: "2026-11-20"))
        let (nightly, _) = NightlyLogs.nightly(folder) { $0.reportFolder = folder.file("report") }
        _ = try nightly.run()
        let db = try Database(path: folder.file("store.sqlite"))
        // Window 10-23..11-21 (28 trend days), compared with the 29 days before: parts from 09-24 on.
        #expect(try db.count("SELECT COUNT(*) FROM report_days WHERE day = '2026-11-20'") == 1)
        #expect(try db.scalar("SELECT MIN(day) FROM report_days")?.string == "2026-09-24")
        try db.execute("INSERT INTO report_days (tz, day, format, rules_hash, lexicon, part, computed_at) VALUES ('UTC', '2026-01-05', 1, '', '', '{}', 0)")
        try db.execute("INSERT INTO report_day_values (tz, day, measure, value, n) VALUES ('UTC', '2026-01-05', 'turns', 2, 1)")
        try folder.write("inbox/b.jsonl", NightlyLogs.conversation("c2", day: "2026-11-21"))
        _ = try nightly.run()
        #expect(try db.count("SELECT COUNT(*) FROM report_days WHERE day = '2026-01-05'") == 0)
        #expect(try db.count("SELECT COUNT(*) FROM report_day_values WHERE day = '2026-01-05'") == 0)
        #expect(try db.count("SELECT COUNT(*) FROM report_days WHERE day = '2026-11-20'") == 1)
    }
}
