/// Text for `chatmine suggestions list` and `show`: an aligned table, CSV or JSON.
public enum SuggestionFormatter {
    /// The list in `format` (table, csv or json).
    public static func list(_ records: [SuggestionRecord], format: String) -> String {
        switch format {
        case "json":
            return JSONText.array(records.map(json), indent: 0) + "\n"
        case "csv":
            var writer = CSVWriter(header: ["lineage_id", "name", "status", "decided_name", "recommendation", "nearest_intent", "similarity",
                                            "margin", "size", "trend", "gain", "rank", "phrases"])
            for r in records {
                writer.append([r.lineageID, r.name, r.status, r.acceptedName ?? r.mergedInto ?? "", r.recommendation, r.nearestIntent ?? "",
                               MetricsFormatter.plain(r.similarity), MetricsFormatter.plain(r.margin), String(r.size), r.trend,
                               MetricsFormatter.plain(r.gain), r.rank.map(String.init) ?? "", r.phrases.joined(separator: " | ")],
                              numeric: [6, 7, 8, 10, 11])
            }
            return writer.text
        default:
            guard !records.isEmpty else { return "No suggestions. Run 'chatmine cluster' to find some.\n" }
            var table = TextTable(header: ["id", "name", "status", "trend", "size", "gain", "recommendation", "example"], rightAligned: [4, 5])
            for r in records {
                table.append([r.lineageID, clip(r.displayName, 28), statusText(r), r.trend, String(r.size), String(format: "%.1f", r.gain),
                              recommendationText(r), clip(r.phrases.first ?? "", 40)])
            }
            return table.text + "\nReview: chatmine suggestions show ID | accept ID [--as NAME] | reject ID [--reason TEXT] | rename ID NAME | merge ID --into INTENT\n"
        }
    }

    /// One suggestion in full: decision, recommendation, terms, phrases, member texts and history.
    public static func show(_ r: SuggestionRecord, members: [(text: String, count: Int)], history: [SuggestionDecision]) -> String {
        var text = "\(r.lineageID)  \(r.displayName)\n"
        text += "  status:          \(statusText(r))\(r.decidedAt.map { " (\($0))" } ?? "")\n"
        if let reason = r.reason { text += "  reason:          \(oneLine(reason))\n" }
        if r.acceptedName != nil { text += "  clustering name: \(r.name)\n" }
        text += "  recommendation:  \(recommendationText(r))\n"
        if let nearest = r.nearestIntent {
            text += "  nearest intent:  \(nearest) (similarity \(String(format: "%.2f", r.similarity ?? 0)), margin \(String(format: "%.2f", r.margin ?? 0)))\n"
        }
        text += "  size:            \(r.size) utterances, trend \(r.trend), gain \(String(format: "%.1f", r.gain))\(r.rank.map { ", rank \($0)" } ?? "")\n"
        text += "  top terms:       \(r.topTerms.joined(separator: ", "))\n"
        text += "  phrases:\n" + r.phrases.map { "    - \(oneLine($0))\n" }.joined()
        if !members.isEmpty {
            text += "  most frequent utterances:\n" + members.map { "    \(String($0.count).leftPadded(5))  \(oneLine($0.text))\n" }.joined()
        }
        if !history.isEmpty {
            text += "  history:\n" + history.map { d in
                "    \(d.decidedAt)  \(d.action)\(d.value.map { " \($0)" } ?? "")\(d.reason.map { ": \(oneLine($0))" } ?? "")\n"
            }.joined()
        }
        return text
    }

    /// One suggestion as a JSON object.
    public static func json(_ r: SuggestionRecord) -> String {
        func optional(_ value: String?) -> String { value.map(JSONText.string) ?? "null" }
        return JSONText.object([
            ("lineage_id", JSONText.string(r.lineageID)), ("name", JSONText.string(r.name)), ("status", JSONText.string(r.status)),
            ("accepted_name", optional(r.acceptedName)), ("merged_into", optional(r.mergedInto)), ("reason", optional(r.reason)),
            ("decided_at", optional(r.decidedAt)), ("recommendation", JSONText.string(r.recommendation)),
            ("nearest_intent", optional(r.nearestIntent)), ("similarity", JSONText.number(r.similarity)), ("margin", JSONText.number(r.margin)),
            ("size", String(r.size)), ("trend", JSONText.string(r.trend)), ("gain", JSONText.number(r.gain)),
            ("rank", r.rank.map(String.init) ?? "null"), ("top_terms", JSONText.array(r.topTerms.map(JSONText.string))),
            ("phrases", JSONText.array(r.phrases.map(JSONText.string))),
        ], indent: 1)
    }

    static func statusText(_ r: SuggestionRecord) -> String {
        switch r.status {
        case "accepted": return "accepted as \(r.acceptedName ?? r.name)"
        case "merged": return "merged into \(r.mergedInto ?? "?")"
        default: return r.status
        }
    }

    static func recommendationText(_ r: SuggestionRecord) -> String {
        switch r.recommendation {
        case "add_phrases": return "add to \(r.nearestIntent ?? "nearest intent")"
        case "new_intent": return "new intent"
        default: return "none"
        }
    }

    /// Line breaks and tabs as spaces, so one utterance stays on one terminal line.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? " " : Character($0) })
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        let line = oneLine(text)
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
