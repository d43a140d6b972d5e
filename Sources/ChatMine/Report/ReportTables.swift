/// The report's tables, built from its data; each becomes an HTML table and a CSV file.
struct ReportTables {
    let data: ReportData
    let csvLimit: Int

    /// Per-intent or per-channel KPIs.
    func breakdown(_ groups: [KPIGroup], id: String, title: String, csv: String) -> ReportTable {
        let total = max(data.total.conversations, 1)
        let rows = groups.prefix(csvLimit).map { group -> [ReportTable.Cell] in
            [group.key == "(none)" ? .markup("<span class=\"muted\">(\(id == "intents" ? "no intent understood" : "none"))</span>", csv: "(none)") : .text(group.key),
             .count(group.conversations),
             .number(group.conversations / total, display: ReportFormat.percent(group.conversations / total)),
             .rate(group["containment_rate"]), .rate(group["resolution_rate"]), .rate(group["escalation_rate"]),
             .rate(group["abandonment_rate"]), .rate(group["fallback_rate"]),
             .number(group["csat_mean"]?.value, display: ReportFormat.decimal(group["csat_mean"]?.value)),
             .number(group["sentiment_mean"]?.value, display: ReportFormat.signed(group["sentiment_mean"]?.value))]
        }
        return ReportTable(id: id, csvFile: csv, columns: [
            .text(title, csv: id), .number("Conversations", csv: "conversations"), .number("Share", csv: "share"),
            .rate("Containment", csv: "containment_rate"), .rate("Resolution", csv: "resolution_rate"),
            .rate("Escalation", csv: "escalation_rate"), .rate("Abandonment", csv: "abandonment_rate"),
            .rate("Fallback", csv: "fallback_rate"), .number("CSAT", csv: "csat_mean"), .number("Sentiment", csv: "sentiment_mean"),
        ], rows: Array(rows), totalRows: groups.count > csvLimit ? groups.count : nil)
    }

    /// Every KPI of the window, as `chatmine metrics` computes it.
    var kpis: ReportTable {
        // Per-API failure rates have their own table; here they would bury the others.
        let rows = data.total.rows.values.filter { !$0.kpi.hasPrefix("api_failure_rate[") }.sorted { $0.kpi < $1.kpi }.map { row -> [ReportTable.Cell] in
            [.text(row.kpi), .text(row.kind), .number(row.value, display: ReportFormat.value(row)),
             .number(row.numerator, display: ReportFormat.count(row.numerator)),
             .number(row.denominator, display: ReportFormat.count(row.denominator)),
             .number(row.ciLow, display: row.ciLow.map { ReportFormat.percent($0) } ?? ""),
             .number(row.ciHigh, display: row.ciHigh.map { ReportFormat.percent($0) } ?? ""),
             .markup(row.smallN ? ReportHTML.smallFlag : "", csv: row.smallN ? "true" : "false")]
        }
        return ReportTable(id: "kpis", csvFile: "kpis.csv", columns: [
            .text("KPI", csv: "kpi"), .text("Kind", csv: "kind"), .number("Value", csv: "value"),
            .number("Numerator", csv: "numerator"), .number("Denominator", csv: "denominator"),
            .number("CI low", csv: "ci_low"), .number("CI high", csv: "ci_high"), .text("", csv: "small_n"),
        ], rows: rows, totalRows: nil)
    }

    /// The daily (or weekly) series behind the trend charts.
    var series: ReportTable {
        let rows = data.series.map { group -> [ReportTable.Cell] in
            [.text(group.key), .count(group.conversations), .rate(group["containment_rate"]), .rate(group["resolution_rate"]),
             .rate(group["escalation_rate"]), .rate(group["fallback_rate"]),
             .number(group["csat_mean"]?.value, display: ReportFormat.decimal(group["csat_mean"]?.value))]
        }
        return ReportTable(id: "trend", csvFile: "trend_by_\(data.seriesUnit).csv", columns: [
            .text(data.seriesUnit == "day" ? "Day" : "Week", csv: data.seriesUnit), .number("Conversations", csv: "conversations"),
            .rate("Containment", csv: "containment_rate"), .rate("Resolution", csv: "resolution_rate"),
            .rate("Escalation", csv: "escalation_rate"), .rate("Fallback", csv: "fallback_rate"), .number("CSAT", csv: "csat_mean"),
        ], rows: rows, totalRows: nil)
    }

    /// Conversations per outcome.
    var outcomes: ReportTable {
        let total = Double(max(data.outcomeMix.reduce(0) { $0 + $1.count }, 1))
        return ReportTable(id: "outcomes", csvFile: "outcomes.csv", columns: [
            .text("Outcome", csv: "outcome"), .number("Conversations", csv: "conversations"), .number("Share", csv: "share"),
        ], rows: data.outcomeMix.map { [.text($0.outcome), .count(Double($0.count)),
                                         .number(Double($0.count) / total, display: ReportFormat.percent(Double($0.count) / total))] },
        totalRows: nil)
    }

    /// Intents ranked by the escalations they lead to.
    var escalationDrivers: ReportTable {
        let escalations = max(data.total["escalation_rate"]?.numerator ?? 0, 1)
        let ranked = data.byIntent.filter { ($0["escalation_rate"]?.numerator ?? 0) > 0 }
            .sorted { ($0["escalation_rate"]?.numerator ?? 0, $1.key) > ($1["escalation_rate"]?.numerator ?? 0, $0.key) }
        let rows = ranked.prefix(csvLimit).map { group -> [ReportTable.Cell] in
            let escalated = group["escalation_rate"]?.numerator ?? 0
            let label: ReportTable.Cell = group.key == "(none)"
                ? .markup("<span class=\"muted\">(no intent understood)</span>", csv: "(none)") : .text(group.key)
            return [label, .count(escalated),
                    .number(escalated / escalations, display: ReportFormat.percent(escalated / escalations)),
                    .rate(group["escalation_rate"]), .count(group.conversations)]
        }
        return ReportTable(id: "escalation_drivers", csvFile: "escalation_drivers.csv", columns: [
            .text("Intent", csv: "intent"), .number("Escalated", csv: "escalated"), .number("Share", csv: "share_of_escalations"),
            .rate("Rate", csv: "escalation_rate"), .number("Conversations", csv: "conversations"),
        ], rows: Array(rows), totalRows: ranked.count > csvLimit ? ranked.count : nil)
    }

    /// Backend calls by API, most failures first.
    var apiFailures: ReportTable {
        let rows = data.apis.prefix(csvLimit).map { api -> [ReportTable.Cell] in
            [.text(api.name), .count(api.row.denominator), .count(api.row.numerator), .rate(api.row),
             .count(Double(api.escalatedAfterFailure)),
             .number(api.failedConversations > 0 ? Double(api.escalatedAfterFailure) / Double(api.failedConversations) : nil,
                     display: api.failedConversations > 0 ? ReportFormat.percent(Double(api.escalatedAfterFailure) / Double(api.failedConversations)) : "–")]
        }
        return ReportTable(id: "api_failures", csvFile: "api_failures.csv", columns: [
            .text("API", csv: "api"), .number("Calls", csv: "calls"), .number("Failed", csv: "failed"),
            .rate("Failure rate", csv: "failure_rate"), .number("Escalated after", csv: "escalated_after_failure"),
            .number("of failed", csv: "escalated_share_of_failed_conversations"),
        ], rows: Array(rows), totalRows: data.apis.count > csvLimit ? data.apis.count : nil)
    }

    /// Conversations per hour of the week.
    var hourOfWeek: ReportTable {
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        var rows: [[ReportTable.Cell]] = []
        for (d, day) in days.enumerated() {
            for hour in 0..<24 {
                let key = "\(d + 1) \(day) \(hour < 10 ? "0" : "")\(hour)"
                rows.append([.text(day), .number(Double(hour), display: String(hour)), .count(data.weekHours[key] ?? 0)])
            }
        }
        return ReportTable(id: "hour_of_week", csvFile: "hour_of_week.csv", columns: [
            .text("Weekday", csv: "weekday"), .number("Hour", csv: "hour"), .number("Conversations", csv: "conversations"),
        ], rows: rows, totalRows: nil)
    }

    /// The sentiment histogram.
    var sentiment: ReportTable? {
        guard let overview = data.sentiment else { return nil }
        let rows = overview.histogram.enumerated().map { index, count -> [ReportTable.Cell] in
            let low = -1 + 0.2 * Double(index)
            return [.number(low, display: ReportFormat.signed(low, digits: 1)), .number(low + 0.2, display: ReportFormat.signed(low + 0.2, digits: 1)),
                    .count(Double(count))]
        }
        return ReportTable(id: "sentiment", csvFile: "sentiment.csv", columns: [
            .number("From", csv: "from"), .number("To", csv: "to"), .number("Conversations", csv: "conversations"),
        ], rows: rows, totalRows: nil)
    }

    /// Suggested intents with their review state.
    var suggestions: ReportTable {
        let rows = data.suggestions.map { s -> [ReportTable.Cell] in
            [.text(s.lineageID), .text(s.name), .text(s.status), .text(s.acceptedName ?? s.mergedInto ?? ""),
             .text(s.recommendation), .text(s.nearestIntent ?? ""), .number(s.similarity, display: ReportFormat.decimal(s.similarity)),
             .number(s.margin, display: ReportFormat.decimal(s.margin)), .count(Double(s.size)), .text(s.trend),
             .number(s.gain, display: ReportFormat.decimal(s.gain, digits: 1)), .text(s.phrases.joined(separator: " | "), limit: 200)]
        }
        return ReportTable(id: "suggestions", csvFile: "suggestions.csv", columns: [
            .text("Lineage", csv: "lineage_id"), .text("Name", csv: "name"), .text("Status", csv: "status"),
            .text("Decision", csv: "decided_name"), .text("Recommendation", csv: "recommendation"),
            .text("Nearest intent", csv: "nearest_intent"), .number("Similarity", csv: "similarity"), .number("Margin", csv: "margin"),
            .number("Utterances", csv: "size"), .text("Trend", csv: "trend"), .number("Gain", csv: "gain"), .text("Phrases", csv: "phrases"),
        ], rows: rows, totalRows: nil)
    }

    /// The most common reject reasons.
    var rejects: ReportTable {
        ReportTable(id: "rejects", csvFile: "data_quality.csv", columns: [
            .text("Reason", csv: "reason"), .number("Records", csv: "records"),
        ], rows: data.quality.topReasons.map { [.text($0.reason, limit: 120), .count(Double($0.count))] }, totalRows: nil)
    }
}
