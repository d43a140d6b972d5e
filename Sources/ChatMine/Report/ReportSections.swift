/// The sections of the page, each a heading, a one-line lede and its body markup.
struct ReportSections {
    /// Suggestions shown as full cards; the rest are rows of a compact table.
    static let suggestionCards = 12

    let data: ReportData
    let tables: ReportTables
    let rowLimit: Int

    typealias Section = (id: String, heading: String, lede: String, body: String)

    func all() throws -> [Section] {
        var sections: [Section] = [
            ("overview", "Overview", overviewLede, try ReportHTML.cards(data)),
            ("trends", "Daily trends", HTML.escape("Per \(data.seriesUnit), by conversation start. The shaded band is the 95% interval (drawn where n ≥ 30)."), trends()),
            ("outcomes", "Outcome mix", "Every conversation ends in one outcome (rules stamped at the foot of the page).", outcomes()),
            ("intents", "Intents", "By the first understood user intent of each conversation; sort by clicking a heading.",
             tables.breakdown(data.byIntent, id: "intents", title: "Intent", csv: "intents.csv").html(limit: rowLimit)),
            ("channels", "Channels", "",
             tables.breakdown(data.byChannel, id: "channels", title: "Channel", csv: "channels.csv").html(limit: rowLimit)),
            ("hours", "Hour of week", HTML.escape("Conversations by local start time (\(data.window.zone.identifier)); darker is busier."),
             "<figure>" + ReportCharts.heatMap(data.weekHours) + "</figure>" + heatLegend + tables.hourOfWeek.csvNote),
            ("escalations", "Escalation drivers", escalationLede, escalations()),
            ("sentiment", "Sentiment", "Mean score of each conversation’s user turns, from −1 (negative) to +1 (positive).", sentiment()),
            ("suggestions", "Suggested intents", suggestionLede, suggestions()),
            ("quality", "Data quality", "What the ingest could not read, and the gaps in what it could.", quality()),
        ]
        sections.append(("all-kpis", "All KPIs", "Every KPI of the window as <code>chatmine metrics</code> computes it.",
                         tables.kpis.html(limit: 200)))
        return sections
    }

    private var heatLegend: String {
        let most = data.weekHours.values.max() ?? 0
        return "<p class=\"legend heat-legend\">none <i class=\"q0\"></i>" + (1...5).map { "<i class=\"q\($0)\"></i>" }.joined()
            + HTML.escape(" up to \(ReportFormat.count(most)) conversations in an hour") + "</p>"
    }

    private var overviewLede: String {
        let comparison = data.comparison.map { "Changes ▲▼: \($0.label); “within noise” when a two-proportion test finds no difference at 95%." }
            ?? "No earlier period in the store to compare with."
        return HTML.escape("Rates over engaged conversations (fallback: over user turns), with 95% Wilson intervals. \(comparison)")
    }

    // MARK: - Trends

    private func trends() -> String {
        let labels = data.series.map { data.seriesUnit == "day" ? String($0.key.dropFirst(5)) : $0.key }
        func rate(_ kpi: String, band: Bool = false) -> ChartSeries {
            ChartSeries(name: kpi, values: data.series.map { $0[kpi]?.value },
                        band: band ? data.series.map { g in g[kpi].flatMap { r in r.smallN ? nil : r.ciLow.map { ($0, r.ciHigh ?? $0) } } } : [])
        }
        let percent: (Double) -> String = { ReportFormat.percent($0, digits: 0) }
        var html = "<div class=\"grid2\">"
        html += figure("Conversations", legend: [], ReportCharts.lineChart(
            title: "Conversations per \(data.seriesUnit)", labels: labels,
            series: [ChartSeries(name: "conversations", values: data.series.map { $0.conversations })],
            yFormat: { ReportFormat.count($0) }))
        var outcomes = [rate("containment_rate"), rate("resolution_rate"), rate("escalation_rate")]
        outcomes[0].name = "Containment"; outcomes[1].name = "Resolution"; outcomes[2].name = "Escalation"
        html += figure("Outcome rates", legend: outcomes.map(\.name), ReportCharts.lineChart(
            title: "Containment, resolution and escalation rates", labels: labels, series: outcomes, yFormat: percent, yRange: 0...1))
        var fallback = rate("fallback_rate", band: true)
        fallback.name = "Fallback"
        let fallbackTop = ReportCharts.niceCeiling(max(fallback.band.compactMap { $0?.high }.max() ?? 0.1, 0.05))
        html += figure("Fallback rate (user turns)", legend: [], ReportCharts.lineChart(
            title: "Fallback rate", labels: labels, series: [fallback], yFormat: percent, yRange: 0...min(1, fallbackTop)))
        var csat = ChartSeries(name: "CSAT", values: data.series.map { $0["csat_mean"]?.value })
        if csat.values.allSatisfy({ $0 == nil }) {
            csat = ChartSeries(name: "Sentiment", values: data.series.map { $0["sentiment_mean"]?.value })
        }
        html += figure(csat.name == "CSAT" ? "CSAT (mean of ratings)" : "Sentiment (mean)", legend: [], ReportCharts.lineChart(
            title: csat.name, labels: labels, series: [csat], yFormat: { ReportFormat.decimal($0, digits: 1) },
            yRange: csat.name == "CSAT" ? 1...5 : -1...1))
        html += "</div>"
        return html + tables.series.csvNote
    }

    private func figure(_ caption: String, legend: [String], _ svg: String) -> String {
        var html = "<figure><figcaption>" + HTML.escape(caption)
        if !legend.isEmpty {
            html += "<span class=\"legend\">" + legend.enumerated().map { "<i class=\"s\($0.offset % 4)\"></i>\(HTML.escape($0.element))" }
                .joined(separator: " &nbsp; ") + "</span>"
        }
        return html + "</figcaption>" + svg + "</figure>"
    }

    // MARK: - Outcomes

    private func outcomes() -> String {
        let classes = data.outcomeMix.map { "o-" + $0.outcome }
        var html = ReportCharts.stackedBar(parts: data.outcomeMix.map { ($0.outcome, Double($0.count)) }, classes: classes)
        let total = Double(max(data.outcomeMix.reduce(0) { $0 + $1.count }, 1))
        html += "<div class=\"mix\">"
        for (index, part) in data.outcomeMix.enumerated() {
            html += "<div><i class=\"\(classes[index])\"></i> "
            html += HTML.escape(part.outcome.capitalized) + "<b>\(ReportFormat.count(part.count))</b>"
            html += HTML.escape(ReportFormat.percent(Double(part.count) / total)) + "</div>"
        }
        return html + "</div>" + tables.outcomes.csvNote
    }

    // MARK: - Escalations

    private var escalationLede: String {
        let share = data.total["escalation_after_api_failure_share"]
        let after = share?.value.map { "\(ReportFormat.percent($0)) of escalations came within a few turns of a failed API call." } ?? ""
        return HTML.escape("Which intents end with a human, and which backend calls fail. \(after)")
    }

    private func escalations() -> String {
        var html = "<div class=\"grid2\"><div><h3>Intents leading to escalation</h3>"
        html += tables.escalationDrivers.html(limit: 15) + "</div><div><h3>Failed API calls</h3>"
        html += tables.apiFailures.html(limit: 15) + "</div></div>"
        return html
    }

    // MARK: - Sentiment

    private func sentiment() -> String {
        guard let overview = data.sentiment, let table = tables.sentiment else {
            return "<p class=\"empty\">No sentiment scores for this window; <code>chatmine score</code> scores what is new.</p>"
        }
        var html = "<div class=\"kv\">"
        html += kv("Mean sentiment", ReportFormat.signed(overview.mean))
        html += kv("First → last turn", ReportFormat.signed(overview.meanChange))
        let changed = Double(max(overview.improved + overview.unchanged + overview.worsened, 1))
        html += kv("Improved", "\(ReportFormat.count(overview.improved)) · \(ReportFormat.percent(Double(overview.improved) / changed))")
        html += kv("Worsened", "\(ReportFormat.count(overview.worsened)) · \(ReportFormat.percent(Double(overview.worsened) / changed))")
        html += kv("Frustrated", "\(ReportFormat.count(overview.frustrated)) · \(ReportFormat.percent(Double(overview.frustrated) / Double(max(overview.scored, 1))))",
                   warn: overview.frustrated > 0)
        let turns = overview.negativeTurns + overview.neutralTurns + overview.positiveTurns
        html += kv("User turns −/0/+", "\(ReportFormat.percent(Double(overview.negativeTurns) / Double(max(turns, 1)), digits: 0)) / \(ReportFormat.percent(Double(overview.neutralTurns) / Double(max(turns, 1)), digits: 0)) / \(ReportFormat.percent(Double(overview.positiveTurns) / Double(max(turns, 1)), digits: 0))")
        html += "</div>"
        let labels = (0..<10).map { ReportFormat.signed(-1 + 0.2 * Double($0) + 0.1, digits: 1) }
        let classes = (0..<10).map { $0 < 4 ? "neg" : $0 < 6 ? "neu" : "pos" }
        html += "<div class=\"narrow\">" + figure("Conversations by mean sentiment", legend: [], ReportCharts.bars(
            title: "Conversations by mean sentiment", labels: labels, values: overview.histogram.map(Double.init),
            classes: classes, valueFormat: { ReportFormat.count($0) })) + "</div>"
        return html + table.csvNote
    }

    private func kv(_ label: String, _ value: String, warn: Bool = false) -> String {
        "<div\(warn ? " class=\"warn\"" : "")>\(HTML.escape(label))<b>\(HTML.escape(value))</b></div>"
    }

    // MARK: - Suggestions

    private var suggestionLede: String {
        let counts = data.suggestionCounts
        let parts = ["pending", "accepted", "merged", "rejected"].map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ")
        return HTML.escape("Clusters of what the bot did not understand, ranked by what accepting them would gain. \(parts). ")
            + "Review with <code>chatmine suggestions accept|reject|rename|merge ID</code>."
    }

    private func suggestions() -> String {
        guard !data.suggestions.isEmpty else {
            return "<p class=\"empty\">No suggestions yet: run <code>chatmine cluster</code>.</p>"
        }
        var html = "<div class=\"suggestions\">"
        for s in data.suggestions.prefix(Self.suggestionCards) { html += ReportSuggestionCard.html(s) }
        html += "</div>"
        let rest = Array(data.suggestions.dropFirst(Self.suggestionCards))
        guard !rest.isEmpty else { return html + tables.suggestions.csvNote }
        html += "<h3 class=\"more\">More suggestions</h3>"
        var compact = ReportTable(id: "more_suggestions", csvFile: tables.suggestions.csvFile, columns: [
            .text("Lineage", csv: "lineage_id"), .text("Name", csv: "name"), .text("Status", csv: "status"), .text("Trend", csv: "trend"),
            .number("Utterances", csv: "size"), .number("Gain", csv: "gain"), .text("Recommendation", csv: "recommendation"),
            .text("Example", csv: "example"),
        ], rows: [], totalRows: nil)
        compact.rows = rest.map { s in
            [.text(s.lineageID), .text(s.acceptedName ?? s.name, limit: 40), .text(s.status), .text(s.trend), .count(Double(s.size)),
             .number(s.gain, display: ReportFormat.decimal(s.gain, digits: 1)),
             .text(s.recommendation == "add_phrases" ? "add to \(s.nearestIntent ?? "?")" : s.recommendation == "new_intent" ? "new intent" : "none", limit: 40),
             .text(s.phrases.first ?? "", limit: 70)]
        }
        return html + compact.html(limit: rest.count)
    }

    // MARK: - Quality

    private func quality() -> String {
        let q = data.quality
        var html = "<div class=\"kv\">"
        html += kv("Files read", ReportFormat.count(q.files))
        html += kv("Records read", ReportFormat.count(q.records))
        html += kv("Rejected records", ReportFormat.count(q.rejects), warn: q.rejects > 0)
        html += kv("Unparsed share", ReportFormat.percent(q.unparsedShare, digits: 2), warn: (q.unparsedShare ?? 0) > 0.01)
        html += kv("Turns without time", ReportFormat.count(q.turnsWithoutTime), warn: q.turnsWithoutTime > 0)
        html += kv("User turns without intent", q.userTurns > 0 ? ReportFormat.percent(Double(q.userTurnsWithoutIntent) / Double(q.userTurns)) : "–")
        html += kv("Conversations without channel", ReportFormat.count(q.conversationsWithoutChannel))
        html += kv("Conversations without user id", ReportFormat.count(q.conversationsWithoutUser))
        if let unscored = q.unscoredTurns { html += kv("Turns not yet scored", ReportFormat.count(unscored), warn: unscored > 0) }
        html += kv("Last clustering", q.lastClusterRun.map { String($0.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "never")
        html += "</div>"
        if !q.topReasons.isEmpty {
            html += "<div class=\"grid2\"><div><h3>Most common reject reasons</h3>" + tables.rejects.html(limit: 8) + "</div>"
            html += "<div><h3>Files with rejects</h3><div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>File</th><th class=\"num\" data-type=\"num\">Rejects</th><th class=\"num\" data-type=\"num\">Records</th></tr></thead><tbody>"
            for file in q.filesWithRejects {
                html += "<tr><td><code>\(HTML.escape(file.path, limit: 90))</code></td><td class=\"num\">\(ReportFormat.count(file.rejects))</td>"
                html += "<td class=\"num\">\(ReportFormat.count(file.records))</td></tr>"
            }
            html += "</tbody></table></div></div></div>"
        }
        return html
    }
}
