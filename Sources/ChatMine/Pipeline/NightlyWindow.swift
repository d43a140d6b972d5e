import Foundation

/// The span of time the cluster and report stages of a nightly run cover, as epoch
/// milliseconds (until exclusive).
public struct NightlyWindow: Sendable, Equatable, CustomStringConvertible {
    /// The first instant covered (epoch ms).
    public var since: Int64
    /// The first instant not covered (epoch ms).
    public var until: Int64

    /// A window from `since` (inclusive) to `until` (exclusive).
    public init(since: Int64, until: Int64) {
        self.since = since
        self.until = until
    }

    static let day: Int64 = 86_400_000

    /// `2026-10-04..2026-11-02` (UTC days, the end exclusive).
    public var description: String {
        "\(Timestamp.iso(since).prefix(10))..\(Timestamp.iso(until).prefix(10))"
    }

    /// The union of two windows (the smallest window covering both).
    public func union(_ other: NightlyWindow) -> NightlyWindow {
        NightlyWindow(since: min(since, other.since), until: max(until, other.until))
    }

    /// Epoch milliseconds of `YYYY-MM-DD` (midnight UTC) or an ISO-8601 time.
    public static func parseDate(_ text: String) -> Int64? {
        ClusterWindow.epochMilliseconds(text)
    }

    /// The whole UTC days from `first` to `last` (timestamps), plus `trendDays` days before.
    public static func covering(first: Int64, last: Int64, trendDays: Int) -> NightlyWindow {
        let firstDay = first.dividedRoundingDown(by: day)
        let lastDay = last.dividedRoundingDown(by: day)
        return NightlyWindow(since: (firstDay - Int64(trendDays)) * day, until: (lastDay + 1) * day)
    }

    /// The whole local days of `zone` from `first` to `last`, plus `trendDays` days before (so
    /// that the report adds up whole days of the zone it shows).
    public static func covering(first: Int64, last: Int64, trendDays: Int, zone: LocalTime) -> NightlyWindow {
        guard zone.identifier != "UTC", var since = zone.dayBounds(zone.dayKey(first))?.start,
              let until = zone.dayBounds(zone.dayKey(last))?.end else {
            return covering(first: first, last: last, trendDays: trendDays)
        }
        for _ in 0..<max(0, trendDays) {
            guard let previous = zone.dayBounds(zone.dayKey(since - 1))?.start else { break }
            since = previous
        }
        return NightlyWindow(since: since, until: until)
    }

    /// This window without the trend days beyond `kept` (of `trendDays` it was made with): the
    /// days the new data touched plus `kept` days before.
    public func keepingTrendDays(_ kept: Int, of trendDays: Int) -> NightlyWindow {
        let dropped = Int64(max(0, trendDays - kept))
        return NightlyWindow(since: min(until - Self.day, since + dropped * Self.day), until: until)
    }

    /// The earliest and latest timestamps of turns and events stored after the given row ids.
    static func newDataSpan(db: Database, afterTurn: Int64, afterEvent: Int64) throws -> (first: Int64, last: Int64)? {
        var first: Int64?
        var last: Int64?
        for (table, mark) in [("turns", afterTurn), ("events", afterEvent)] {
            let row = try db.rows("SELECT MIN(ts), MAX(ts) FROM \(table) WHERE id > ? AND ts IS NOT NULL", [mark]).first
            if let low = row?[0].int64 { first = min(first ?? low, low) }
            if let high = row?[1].int64 { last = max(last ?? high, high) }
        }
        guard let first, let last else { return nil }
        return (first, last)
    }

    /// The newest turn or event timestamp in the store.
    static func newestData(db: Database) throws -> Int64? {
        let turns = try db.scalar("SELECT MAX(ts) FROM turns")?.int64
        let events = try db.scalar("SELECT MAX(ts) FROM events")?.int64
        switch (turns, events) {
        case let (t?, e?): return max(t, e)
        case let (t?, nil): return t
        case let (nil, e?): return e
        default: return nil
        }
    }

    // MARK: - The window still owed by an interrupted run

    static let pendingKey = "nightly.pending_window"

    /// The window a run that did not finish still owes (kept in settings until a run completes).
    static func pending(db: Database) throws -> NightlyWindow? {
        guard let text = try db.scalar("SELECT value FROM settings WHERE key = ?", [pendingKey])?.string else { return nil }
        let parts = text.split(separator: ",").compactMap { Int64($0) }
        guard parts.count == 2 else { return nil }
        return NightlyWindow(since: parts[0], until: parts[1])
    }

    /// Records the window a run owes, so a run killed after ingest still reports those days next time.
    static func savePending(_ window: NightlyWindow, db: Database) throws {
        try db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       [pendingKey, "\(window.since),\(window.until)"])
    }

    /// Forgets the owed window once every stage has run.
    static func clearPending(db: Database) throws {
        try db.execute("DELETE FROM settings WHERE key = ?", [pendingKey])
    }
}
