import Foundation

/// How every number in the report is written, so cards, tables and charts agree.
enum ReportFormat {
    /// A count with thousands separators: 12,345.
    static func count(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return count(Int64(value.rounded()))
    }

    /// A count with thousands separators.
    static func count(_ value: Int64) -> String {
        let digits = String(abs(value))
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return value < 0 ? "−" + grouped : grouped
    }

    /// A count with thousands separators.
    static func count(_ value: Int) -> String { count(Int64(value)) }

    /// A proportion as a percentage with one decimal: 0.1234 → 12.3%.
    static func percent(_ value: Double?, digits: Int = 1) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.\(digits)f%%", value * 100)
    }

    /// A plain decimal: 4.27.
    static func decimal(_ value: Double?, digits: Int = 2) -> String {
        guard let value, value.isFinite else { return "–" }
        let text = String(format: "%.\(digits)f", value)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// A signed decimal: +0.12, −0.30.
    static func signed(_ value: Double?, digits: Int = 2) -> String {
        guard let value, value.isFinite else { return "–" }
        let text = String(format: "%.\(digits)f", abs(value))
        if Double(text) == 0 { return "±" + text }
        return (value < 0 ? "−" : "+") + text
    }

    /// A change of a proportion in percentage points: +1.2 pp.
    static func points(_ delta: Double?) -> String {
        guard let delta, delta.isFinite else { return "–" }
        return signed(delta * 100, digits: 1) + " pp"
    }

    /// A duration in milliseconds, in the unit that reads best: 850 ms, 2.4 s, 3.1 min.
    static func duration(milliseconds value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        if value < 1000 { return String(format: "%.0f ms", value) }
        if value < 60_000 { return String(format: "%.1f s", value / 1000) }
        return String(format: "%.1f min", value / 60_000)
    }

    /// A KPI row's value as its kind reads: rates as percentages, counts grouped, means with decimals.
    static func value(_ row: KPIRow?) -> String {
        guard let row, let value = row.value else { return "–" }
        switch row.kind {
        case "rate": return percent(value)
        case "count": return count(value)
        case "mean", "amount": return decimal(value)
        default:
            if row.kpi.hasSuffix("_ms") { return duration(milliseconds: value) }
            if row.kpi.hasSuffix("_s") { return duration(milliseconds: value * 1000) }
            return decimal(value, digits: value == value.rounded() ? 0 : 1)
        }
    }

    /// A plain number for CSV cells: integers without decimals, others to 6 decimals, nil empty.
    static func csv(_ value: Double?) -> String { MetricsFormatter.plain(value) }

    /// An instant as "2026-11-03 14:05 UTC" in the report's zone.
    static func instant(_ ms: Int64, zone: LocalTime) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone.timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000)) + " " + zone.identifier
    }
}
