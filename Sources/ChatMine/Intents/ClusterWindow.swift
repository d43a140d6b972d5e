import Foundation

/// Parses `--since/--until` values: `YYYY-MM-DD` (midnight UTC) or ISO-8601 with a zone
/// (fractional seconds allowed; no zone means UTC).
public enum ClusterWindow {
    /// Epoch milliseconds of `text`, or nil when it is not a date.
    public static func epochMilliseconds(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd"
        if trimmed.count == 10, let date = day.date(from: trimmed) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        var candidate = trimmed
        if !candidate.hasSuffix("Z") && candidate.range(of: #"[+-]\d\d:?\d\d$"#, options: .regularExpression) == nil {
            candidate += "Z"
        }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: candidate) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        }
        return nil
    }
}
