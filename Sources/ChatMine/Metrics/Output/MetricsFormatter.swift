import Foundation

/// The output formats of `chatmine metrics`.
public enum MetricsFormat: String, Sendable, CaseIterable {
    /// Aligned text for people; rates as percentages with their interval.
    case table
    /// One row per group and KPI.
    case csv
    /// One document with the rows and how they were computed.
    case json
}

/// Renders a `MetricsResult` as table, CSV or JSON; each carries the rules' version and hash.
public enum MetricsFormatter {
    /// The KPIs of the wide table when none are chosen: the per-intent view of the issue.
    public static let wideDefaults = ["conversations", "containment_rate", "resolution_rate", "escalation_rate", "fallback_rate", "csat_mean", "sentiment_mean"]

    /// The result in `format`; `wide` prints the table with one line per group and one column
    /// per KPI (rates in percent, `*` after a value whose denominator is under 30).
    public static func render(_ result: MetricsResult, as format: MetricsFormat, wide: Bool = false) -> String {
        switch format {
        case .table where wide: return wideTable(result)
        case .table: return table(result)
        case .csv: return csv(result)
        case .json: return json(result)
        }
    }

    /// The CSV columns.
    public static let csvHeader = ["group", "kpi", "numerator", "denominator", "value", "ci_low", "ci_high", "small_n", "rules_version", "rules_hash"]

    static func csv(_ result: MetricsResult) -> String {
        var writer = CSVWriter(header: csvHeader)
        for row in result.rows {
            writer.append([row.group, row.kpi, plain(row.numerator), plain(row.denominator), plain(row.value),
                           plain(row.ciLow), plain(row.ciHigh), row.smallN ? "true" : "false",
                           result.rulesVersion, result.rulesHash], numeric: [2, 3, 4, 5, 6])
        }
        return writer.text
    }

    static func json(_ result: MetricsResult) -> String {
        let request = result.request
        let rows = result.rows.map { row in
            JSONText.object([
                ("group", JSONText.string(row.group)), ("kpi", JSONText.string(row.kpi)), ("kind", JSONText.string(row.kind)),
                ("numerator", JSONText.number(row.numerator)), ("denominator", JSONText.number(row.denominator)),
                ("value", JSONText.number(row.value)), ("ci_low", JSONText.number(row.ciLow)),
                ("ci_high", JSONText.number(row.ciHigh)), ("small_n", row.smallN ? "true" : "false"),
            ], indent: 2)
        }
        let refresh = result.refresh
        return JSONText.object([
            ("chatmine_version", JSONText.string(ChatMineVersion.current)),
            ("rules", JSONText.object([("version", JSONText.string(result.rulesVersion)), ("hash", JSONText.string(result.rulesHash))], indent: 1)),
            ("window", JSONText.object([
                ("since", request.since.map { JSONText.string(iso($0)) } ?? "null"),
                ("until", request.until.map { JSONText.string(iso($0)) } ?? "null"),
                ("time_zone", JSONText.string(request.zone.identifier)),
            ], indent: 1)),
            ("by", JSONText.string(request.grouping.rawValue)),
            ("conversations", String(result.conversations)),
            ("refresh", JSONText.object([
                ("recomputed_conversations", String(refresh.recomputedConversations)),
                ("recomputed_days", String(refresh.recomputedDays)),
                ("rules_changed", refresh.rulesChanged ? "true" : "false"),
            ], indent: 1)),
            ("skipped", JSONText.array(result.skipped.map(JSONText.string), indent: 1)),
            ("rows", JSONText.array(rows, indent: 1)),
        ]) + "\n"
    }

    static func table(_ result: MetricsResult) -> String {
        let request = result.request
        var window = (request.since.map(iso) ?? "start of store") + " … " + (request.until.map(iso) ?? "end of store")
        window += " (\(request.zone.identifier)), by \(request.grouping.rawValue)"
        var text = "KPIs \(window)\n"
        text += "Rules \(result.rulesVersion) (sha256 \(result.rulesHash.prefix(12))); \(result.conversations) conversations\n\n"
        if result.rows.isEmpty {
            text += "No conversations in this window.\n"
        } else {
            var table = TextTable(header: ["group", "kpi", "value", "95% CI", "n", ""], rightAligned: [2, 4])
            var anySmall = false
            for row in result.rows {
                anySmall = anySmall || row.smallN
                table.append([row.group, row.kpi, display(row), interval(row), count(row), row.smallN ? "*" : ""])
            }
            text += table.text
            if anySmall { text += "\n* fewer than 30 in the denominator: read with care.\n" }
        }
        for skip in result.skipped { text += "Skipped \(skip)\n" }
        return text
    }

    static func wideTable(_ result: MetricsResult) -> String {
        let request = result.request
        let chosen = request.kpis.isEmpty ? wideDefaults : request.kpis
        let present = Set(result.rows.map(\.kpi))
        let columns = chosen.flatMap { name in result.rows.map(\.kpi).filter { $0 == name || $0.hasPrefix(name + "[") } }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            .filter(present.contains)
        var text = "KPIs " + (request.since.map(iso) ?? "start of store") + " … " + (request.until.map(iso) ?? "end of store")
        text += " (\(request.zone.identifier)), by \(request.grouping.rawValue)\n"
        text += "Rules \(result.rulesVersion) (sha256 \(result.rulesHash.prefix(12))); \(result.conversations) conversations\n\n"
        guard !result.rows.isEmpty else { return text + "No conversations in this window.\n" }
        var cells: [String: [String: KPIRow]] = [:]
        var groups: [String] = []
        for row in result.rows {
            if cells[row.group] == nil { groups.append(row.group) }
            cells[row.group, default: [:]][row.kpi] = row
        }
        var table = TextTable(header: [request.grouping.rawValue] + columns, rightAligned: Set(1...max(1, columns.count)))
        var anySmall = false
        for group in groups {
            table.append([group] + columns.map { kpi in
                guard let row = cells[group]?[kpi] else { return "" }
                let small = row.smallN && row.kind != "count"
                anySmall = anySmall || small
                return display(row) + (small ? "*" : "")
            })
        }
        text += table.text
        if anySmall { text += "\n* fewer than 30 in the denominator: read with care.\n" }
        for skip in result.skipped { text += "Skipped \(skip)\n" }
        return text
    }

    // MARK: - Cells

    private static func display(_ row: KPIRow) -> String {
        guard let value = row.value else { return "–" }
        switch row.kind {
        case "rate": return String(format: "%.1f%%", value * 100)
        case "count": return String(Int64(value.rounded()))
        case "mean", "amount": return String(format: "%.2f", value)
        default: return value == value.rounded() ? String(Int64(value)) : String(format: "%.1f", value)
        }
    }

    private static func interval(_ row: KPIRow) -> String {
        guard let low = row.ciLow, let high = row.ciHigh else { return "" }
        return String(format: "%.1f–%.1f%%", low * 100, high * 100)
    }

    private static func count(_ row: KPIRow) -> String {
        switch row.kind {
        case "rate", "mean":
            guard let denominator = row.denominator else { return "" }
            return row.kind == "rate" ? "\(plain(row.numerator))/\(plain(denominator))" : "n=\(plain(denominator))"
        case "median", "p90":
            return row.denominator.map { "n=\(plain($0))" } ?? ""
        default:
            return ""
        }
    }

    /// A number as plain text: integers without decimals, others to 6 decimals, nil empty.
    static func plain(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// An instant as ISO-8601 UTC.
    static func iso(_ ms: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }
}
