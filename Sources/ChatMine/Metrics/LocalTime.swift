import Foundation

/// Days, weeks and hours of UTC instants as seen in one time zone (Foundation's tz database;
/// SQLite has none, so every local-time key is computed here, in Swift).
public struct LocalTime: Sendable {
    /// The zone's identifier, e.g. "Europe/Berlin" or "UTC".
    public let identifier: String
    /// The zone.
    public let timeZone: TimeZone
    private let calendar: Calendar

    /// The zone named `identifier`; throws for an unknown name.
    public init(identifier: String) throws {
        guard let zone = TimeZone(identifier: identifier) else {
            throw ChatMineError("unknown time zone '\(identifier)'", hint: "use an IANA name such as UTC, Europe/Berlin or Asia/Shanghai")
        }
        self.identifier = identifier
        timeZone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    /// UTC.
    public static let utc: LocalTime = {
        guard let zone = try? LocalTime(identifier: "UTC") else { preconditionFailure("Foundation knows no UTC") }
        return zone
    }()

    /// Milliseconds to add to a UTC instant to get local wall-clock time.
    public func offsetMilliseconds(at ms: Int64) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(ms) / 1000))) * 1000
    }

    /// Local days since 1970-01-01 and milliseconds into that day.
    private func localDay(_ ms: Int64) -> (day: Int64, msOfDay: Int64) {
        let local = ms + offsetMilliseconds(at: ms)
        let day = local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
        return (day, local - day * 86_400_000)
    }

    /// The local calendar day, "YYYY-MM-DD".
    public func dayKey(_ ms: Int64) -> String {
        let (y, m, d) = Self.civil(fromDays: localDay(ms).day)
        return Self.format(y, m, d)
    }

    /// The ISO-8601 week of the local day, "YYYY-Www".
    public func weekKey(_ ms: Int64) -> String {
        let days = localDay(ms).day
        let weekday = Self.isoWeekday(days)
        let thursday = days - Int64(weekday) + 4
        let (year, _, _) = Self.civil(fromDays: thursday)
        let yearStart = Self.days(fromCivil: year, 1, 1)
        let week = (thursday - yearStart) / 7 + 1
        return "\(year)-W" + (week < 10 ? "0\(week)" : "\(week)")
    }

    /// The local hour of day, "00"…"23".
    public func hourKey(_ ms: Int64) -> String {
        let hour = localDay(ms).msOfDay / 3_600_000
        return hour < 10 ? "0\(hour)" : "\(hour)"
    }

    /// The local hour of the week, "1 Mon 09" (ISO weekday first, so the keys sort in order).
    public func weekHourKey(_ ms: Int64) -> String {
        let weekday = Self.isoWeekday(localDay(ms).day)
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        return "\(weekday) \(names[weekday - 1]) \(hourKey(ms))"
    }

    /// The UTC instants [start, end) of a local day given as "YYYY-MM-DD".
    public func dayBounds(_ day: String) -> (start: Int64, end: Int64)? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var noon = DateComponents()
        noon.year = parts[0]; noon.month = parts[1]; noon.day = parts[2]; noon.hour = 12
        guard let middle = calendar.date(from: noon),
              let next = calendar.date(byAdding: .day, value: 1, to: middle) else { return nil }
        let start = calendar.startOfDay(for: middle)
        let end = calendar.startOfDay(for: next)
        return (Int64((start.timeIntervalSince1970 * 1000).rounded()), Int64((end.timeIntervalSince1970 * 1000).rounded()))
    }

    /// Parses `--since/--until`: "YYYY-MM-DD" (local midnight) or ISO-8601, with a zone or
    /// (without one) in local time. Returns epoch milliseconds UTC.
    public func parseInstant(_ text: String) -> Int64? {
        if text.count == 10, let bounds = dayBounds(text), dayKey(bounds.start) == text { return bounds.start }
        for options in [ISO8601DateFormatter.Options.withInternetDateTime, [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        for pattern in ["yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            formatter.dateFormat = pattern
            if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        }
        return nil
    }

    // MARK: - Civil calendar arithmetic (proleptic Gregorian, H. Hinnant's algorithms)

    /// ISO weekday of a day count since 1970-01-01: 1 = Monday … 7 = Sunday.
    static func isoWeekday(_ days: Int64) -> Int {
        let weekday = Int(((days % 7) + 7 + 3) % 7)  // 1970-01-01 was a Thursday
        return weekday + 1
    }

    /// Year, month, day of a day count since 1970-01-01 (the ingest's calendar code).
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let date = Timestamp.civil(fromDays: Int(days))
        return (Int64(date.year), Int64(date.month), Int64(date.day))
    }

    /// Day count since 1970-01-01 of a civil date (the ingest's calendar code).
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        Int64(Timestamp.daysFromCivil(year: Int(year), month: Int(month), day: Int(day)))
    }

    private static func format(_ y: Int64, _ m: Int64, _ d: Int64) -> String {
        "\(y)-" + (m < 10 ? "0\(m)" : "\(m)") + "-" + (d < 10 ? "0\(d)" : "\(d)")
    }
}
