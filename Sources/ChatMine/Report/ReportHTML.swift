import Foundation

/// Assembles `index.html` from the template parts and the sections.
enum ReportHTML {
    /// The small-sample marker shown beside any rate whose denominator is under 30.
    static let smallFlag = "<span class=\"flag\" title=\"fewer than 30 in the denominator: read with care\">low n</span>"

    /// The whole page.
    static func page(_ data: ReportData, sections: [(id: String, heading: String, lede: String, body: String)]) throws -> String {
        let section = try ReportTemplate("section.html")
        let script = try ReportTemplate("sort.js").text
        let hash = "sha256-" + Data(SHA256.digest(Array(script.utf8))).base64EncodedString()
        let nav = sections.map { "<a href=\"#\(HTML.escape($0.id))\">\(HTML.escape($0.heading))</a>" }.joined()
        let body = sections.map { part in
            section.fill(["id": HTML.escape(part.id), "heading": HTML.escape(part.heading), "lede": part.lede, "body": part.body])
        }.joined(separator: "\n")
        var stamp = "<b>\(HTML.escape(data.window.label))</b> · \(ReportFormat.count(data.total.conversations)) conversations"
        stamp += " · rules <code>\(HTML.escape(data.rulesVersion))</code> <code>\(HTML.escape(String(data.rulesHash.prefix(12))))</code>"
        stamp += " · generated \(HTML.escape(data.generatedAt))"
        return try ReportTemplate("page.html").fill([
            "title": HTML.escape(data.title),
            "generator": HTML.escape("chatmine \(ChatMineVersion.current)"),
            "script_hash": hash,
            "style": try ReportTemplate("style.css").text,
            "stamp": stamp,
            "nav": nav,
            "sections": body,
            "footer": footer(data),
            "script": script,
        ])
    }

    private static func footer(_ data: ReportData) -> String {
        var html = "<p>Window \(HTML.escape(data.window.label)), by conversation start; days and hours in \(HTML.escape(data.window.zone.identifier)). "
        html += "Outcome rules <code>\(HTML.escape(data.rulesVersion))</code>, sha256 <code>\(HTML.escape(data.rulesHash))</code>.</p>"
        html += "<p>KPI queries: \(data.queryNames.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: " ")). "
        html += "Rates carry 95% Wilson intervals; “low n” marks fewer than 30 in the denominator.</p>"
        for skip in data.skipped { html += "<p>Skipped \(HTML.escape(skip)).</p>" }
        html += "<p>Store <code>\(HTML.escape(data.database))</code> · chatmine \(HTML.escape(ChatMineVersion.current)) · every chat line here was written by a customer and is shown as text.</p>"
        return html
    }

    // MARK: - KPI cards

    /// Whether a rise of the KPI is good news (nil: neither).
    private static let direction: [String: Bool] = [
        "containment_rate": true, "resolution_rate": true, "true_deflection_rate": true, "escalation_rate": false,
        "abandonment_rate": false, "fallback_rate": false, "csat_mean": true, "sentiment_mean": true,
    ]

    /// The cards of the overview, in reading order.
    static let cardKPIs: [(kpi: String, label: String)] = [
        ("conversations", "Conversations"), ("containment_rate", "Containment"), ("resolution_rate", "Resolution"),
        ("escalation_rate", "Escalation"), ("abandonment_rate", "Abandonment"), ("fallback_rate", "Fallback (turns)"),
        ("true_deflection_rate", "True deflection"), ("csat_mean", "CSAT"), ("sentiment_mean", "Sentiment"),
    ]

    /// The KPI cards.
    static func cards(_ data: ReportData) throws -> String {
        let template = try ReportTemplate("card.html")
        guard data.total.conversations > 0 else { return "<p class=\"empty\">No conversations in this window.</p>" }
        var html = "<div class=\"cards\">"
        for (kpi, label) in cardKPIs {
            guard let row = data.total[kpi] else { continue }
            html += template.fill(card(row: row, label: label, comparison: data.comparison))
        }
        return html + "</div>"
    }

    private static func card(row: KPIRow, label: String, comparison: ReportComparison?) -> [String: String] {
        let shown = row.kpi == "sentiment_mean" ? ReportFormat.signed(row.value) : ReportFormat.value(row)
        var values: [String: String] = ["label": HTML.escape(label), "value": HTML.escape(shown), "tone": ""]
        let recent = comparison?.recent[row.kpi], earlier = comparison?.earlier[row.kpi]
        switch row.kind {
        case "rate":
            if let value = row.value, let low = row.ciLow, let high = row.ciHigh {
                values["whisker"] = ReportCharts.whisker(value: value, low: low, high: high,
                                                         earlier: comparison?.recent[row.kpi] == row ? earlier?.value : nil)
                values["detail"] = HTML.escape("95% CI \(ReportFormat.percent(low)) – \(ReportFormat.percent(high)) · \(ReportFormat.count(row.numerator)) of \(ReportFormat.count(row.denominator))")
            }
        case "mean":
            values["detail"] = HTML.escape("mean of \(ReportFormat.count(row.denominator)) \(row.kpi == "csat_mean" ? "ratings" : "conversations")")
        default:
            values["detail"] = ""
        }
        if row.smallN { values["flag"] = smallFlag }
        guard comparison != nil, let now = recent?.value, let before = earlier?.value else {
            values["delta"] = ""
            values["delta_tone"] = "flat"
            return values
        }
        let delta = now - before
        var text: String
        var significant = true
        switch row.kind {
        case "rate":
            text = ReportFormat.points(delta)
            if let a = recent, let b = earlier { significant = twoProportionZ(a, b).map { abs($0) >= 1.96 } ?? false }
        case "count":
            text = before > 0 ? ReportFormat.signed(delta / before * 100, digits: 1) + "%" : ReportFormat.signed(delta, digits: 0)
        default:
            text = ReportFormat.signed(delta)
        }
        let arrow = abs(delta) < 1e-12 ? "→" : delta > 0 ? "▲" : "▼"
        text = "\(arrow) \(text)"
        if !significant { text += " (within noise)" }
        values["delta"] = HTML.escape(text)
        // Means carry no variance here, so no test: their change is shown without colour.
        if let better = direction[row.kpi], row.kind == "rate", significant, abs(delta) > 1e-12 {
            values["delta_tone"] = (delta > 0) == better ? "good" : "bad"
        } else {
            values["delta_tone"] = "flat"
        }
        return values
    }

    /// The two-proportion z statistic of two rate rows (nil when either is empty).
    static func twoProportionZ(_ a: KPIRow, _ b: KPIRow) -> Double? {
        guard let x1 = a.numerator, let n1 = a.denominator, let x2 = b.numerator, let n2 = b.denominator, n1 > 0, n2 > 0 else { return nil }
        let pooled = (x1 + x2) / (n1 + n2)
        let se = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        guard se > 0 else { return x1 / n1 == x2 / n2 ? 0 : nil }
        return (x1 / n1 - x2 / n2) / se
    }
}
