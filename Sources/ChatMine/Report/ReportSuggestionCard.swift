/// One suggested intent as a card: name, lineage and trend badges, the recommendation with its
/// nearest intent, top terms, representative phrases and the review decision.
enum ReportSuggestionCard {
    static func html(_ s: SuggestionView) -> String {
        var html = "<article class=\"sugg\"><header><h3>\(HTML.escape(s.acceptedName ?? s.name, limit: 60))</h3>"
        html += "<span class=\"badge lineage\" title=\"lineage id: stays the same from run to run\">\(HTML.escape(s.lineageID))</span>"
        if !s.trend.isEmpty {
            var trend = s.trend
            if let previous = s.previousSize, s.trend != "new" { trend += " · was \(ReportFormat.count(previous))" }
            html += "<span class=\"badge \(cssClass(s.trend))\">\(HTML.escape(trend))</span>"
        }
        if s.status != "pending" { html += "<span class=\"badge \(cssClass(s.status))\">\(HTML.escape(s.status))</span>" }
        html += "</header>"
        html += "<p class=\"rec\">" + recommendation(s) + "</p>"
        if !s.topTerms.isEmpty {
            html += "<p class=\"terms\">Top terms: " + s.topTerms.prefix(8).map { HTML.escape($0, limit: 30) }.joined(separator: ", ") + "</p>"
        }
        if !s.phrases.isEmpty {
            html += "<ul>" + s.phrases.prefix(5).map { "<li>\(HTML.escape($0, limit: 140))</li>" }.joined() + "</ul>"
        }
        var facts = ["\(ReportFormat.count(s.size)) utterances", "gain \(ReportFormat.decimal(s.gain, digits: 1))"]
        if let rate = s.escalationRate { facts.append("escalation \(ReportFormat.percent(rate))") }
        if let rate = s.fallbackRate { facts.append("fallback \(ReportFormat.percent(rate))") }
        if let rank = s.rank { facts.insert("#\(rank)", at: 0) }
        html += "<p class=\"facts\">" + HTML.escape(facts.joined(separator: " · ")) + "</p>"
        if let decision = decision(s) { html += "<p class=\"facts\">" + decision + "</p>" }
        return html + "</article>"
    }

    private static func recommendation(_ s: SuggestionView) -> String {
        let nearest = s.nearestIntent.map { intent in
            "<code>\(HTML.escape(intent, limit: 50))</code>" + HTML.escape(" (similarity \(ReportFormat.decimal(s.similarity)), margin \(ReportFormat.decimal(s.margin)))")
        }
        switch s.recommendation {
        case "add_phrases": return "Add these phrases to " + (nearest ?? "its nearest intent")
        case "new_intent": return "New intent" + (nearest.map { "; nearest is " + $0 } ?? "")
        default: return "No action" + (nearest.map { "; nearest is " + $0 } ?? "")
        }
    }

    private static func decision(_ s: SuggestionView) -> String? {
        let when = s.decidedAt.map { " on " + HTML.escape(String($0.prefix(10))) } ?? ""
        switch s.status {
        case "accepted": return "Accepted as <code>\(HTML.escape(s.acceptedName ?? s.name, limit: 60))</code>\(when)"
        case "merged": return "Merged into <code>\(HTML.escape(s.mergedInto ?? "", limit: 60))</code>\(when)"
        case "rejected": return "Rejected\(when)" + (s.reason.map { ": " + HTML.escape($0, limit: 140) } ?? "")
        default: return s.acceptedName.map { _ in "Renamed from <code>\(HTML.escape(s.name, limit: 60))</code>; not yet decided" }
        }
    }

    /// A CSS class for a status or trend word: only known words, so stored text never names a class.
    private static func cssClass(_ word: String) -> String {
        ["new", "growing", "stable", "shrinking", "gone", "accepted", "merged", "rejected"].contains(word) ? word : "other"
    }
}
