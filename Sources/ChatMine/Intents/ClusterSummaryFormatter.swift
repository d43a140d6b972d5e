import Foundation

/// Renders a cluster run as a table, CSV or JSON.
public enum ClusterSummaryFormatter {
    /// The run in `format` ("table", "csv" or "json"), ending with a newline.
    public static func render(_ summary: ClusterRunSummary, format: String) -> String {
        switch format {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return ((try? encoder.encode(summary)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
        case "csv":
            var lines = ["rank,lineage_id,name,size,share,trend,cohesion,recommendation,nearest_intent,similarity,margin,escalation_rate,fallback_rate,gain,top_terms,phrases"]
            for c in summary.clusters {
                let fields: [String] = [
                    "\(c.rank)", c.lineageID, c.name, "\(c.size)", fixed(c.share, 4), c.trend.rawValue, fixed(c.cohesion, 3),
                    c.recommendation, c.nearestIntent ?? "", c.similarity.map { fixed($0, 3) } ?? "", c.margin.map { fixed($0, 3) } ?? "",
                    fixed(c.escalationRate, 3), fixed(c.fallbackRate, 3), fixed(c.gain, 1),
                    c.topTerms.joined(separator: "; "), c.phrases.joined(separator: " | "),
                ]
                lines.append(fields.map(csvField).joined(separator: ","))
            }
            return lines.joined(separator: "\n") + "\n"
        default:
            return table(summary)
        }
    }

    private static func table(_ summary: ClusterRunSummary) -> String {
        var out = "\(summary.candidates) candidate utterances (\(summary.distinctTexts) distinct), "
        out += "\(summary.clusters.count) clusters, \(summary.noise) left as noise, \(fixed(summary.seconds, 2)) s [\(summary.embedder)]\n"
        guard !summary.clusters.isEmpty else { return out + (summary.gone.isEmpty ? "" : "gone: \(summary.gone.joined(separator: ", "))\n") }
        let header = ["#", "id", "name", "size", "share", "trend", "suggestion", "gain", "example"]
        var rows: [[String]] = [header]
        for c in summary.clusters {
            let suggestion = c.recommendation == "add_phrases" ? "add to \(c.nearestIntent ?? "?") (\(fixed(c.similarity ?? 0, 2)))" : "new intent"
            let example = c.phrases.first.map { truncate($0, 40) } ?? ""
            rows.append(["\(c.rank)", c.lineageID, truncate(c.name, 32), "\(c.size)", fixed(c.share * 100, 1) + "%", c.trend.rawValue, suggestion, fixed(c.gain, 1), example])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            out += row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces) + "\n"
        }
        if !summary.gone.isEmpty { out += "gone: \(summary.gone.joined(separator: ", "))\n" }
        return out
    }

    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    static func truncate(_ text: String, _ length: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count <= length ? flat : String(flat.prefix(length - 1)) + "…"
    }

    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
