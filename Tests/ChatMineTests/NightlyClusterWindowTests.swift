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
