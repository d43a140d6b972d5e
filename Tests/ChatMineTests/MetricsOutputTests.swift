import Foundation
import Testing
@testable import ChatMine

/// Table, CSV and JSON output of `chatmine metrics`.
@Suite("Metrics output")
struct MetricsOutputTests {
    private func result(group: String = "all") -> MetricsResult {
        MetricsResult(
            rows: [
                KPIRow(group: group, kpi: "containment_rate", kind: "rate", numerator: 7, denominator: 9, value: nil),
                KPIRow(group: group, kpi: "sentiment_mean", kind: "mean", numerator: -1.5, denominator: 3, value: -0.5),
            ],
            skipped: [], conversations: 11, rulesVersion: "v\"1", rulesHash: String(repeating: "ab", count: 32),
            request: MetricsRequest(), refresh: RefreshSummary(recomputedConversations: 0, recomputedDays: 0, totalConversations: 11, rulesChanged: false, rulesVersion: "v\"1", rulesHash: "")
        )
    }

    @Test("CSV: the documented columns, formula cells neutralised, negative numbers kept")
    func csv() {
        let text = MetricsFormatter.render(result(group: "=HYPERLINK(\"x\")"), as: .csv)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "group,kpi,numerator,denominator,value,ci_low,ci_high,small_n,rules_version,rules_hash")
        #expect(lines[1].hasPrefix("\"'=HYPERLINK(\"\"x\"\")\",containment_rate,7,9,0.777778,0.452"))
        #expect(lines[1].contains(",true,\"v\"\"1\","))
        #expect(lines[2].contains(",sentiment_mean,-1.5,3,-0.5,,,true,"))
        for prefix in ["=", "+", "-", "@", "\t", "\r"] {
            #expect(CSVWriter.cell(prefix + "x").hasPrefix("'") || CSVWriter.cell(prefix + "x").hasPrefix("\"'"))
        }
        #expect(CSVWriter.cell("plain") == "plain")
    }

    @Test("JSON: parses, strings escaped, rules stamped")
    func json() throws {
        let text = MetricsFormatter.render(result(group: "line\nbreak \u{01} \"quoted\""), as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let rules = try #require(object["rules"] as? [String: Any])
        #expect(rules["version"] as? String == "v\"1")
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["group"] as? String == "line\nbreak \u{01} \"quoted\"")
        #expect(rows[0]["numerator"] as? Int == 7)
        #expect(rows[0]["small_n"] as? Bool == true)
        #expect(rows[1]["value"] as? Double == -0.5)
    }

    @Test("table: percentages with intervals, small-n marked, rules stamped")
    func table() {
        let text = MetricsFormatter.render(result(), as: .table)
        #expect(text.contains("77.8%"))
        #expect(text.contains("45.3–93.7%"))
        #expect(text.contains("7/9"))
        #expect(text.contains("* fewer than 30"))
        #expect(text.contains("Rules v\"1 (sha256 abababababab)"))
    }

    @Test("wide table: one line per intent, a column per KPI, small samples starred")
    func wide() throws {
        let db = try MetricsFixtureStore.open("outcomes.jsonl")
        let result = try MetricsRunner.run(db: db, rules: .default, request: MetricsRequest(grouping: .intent, kpis: MetricsFormatter.wideDefaults))
        let lines = MetricsFormatter.render(result, as: .table, wide: true).split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("intent ") })
        #expect(header.contains("containment_rate"))
        #expect(!header.contains("sentiment_mean"))  // no sentiment table yet
        // track_order: k01, k05, k08 → 3 conversations, containment 2/3
        let trackOrder = try #require(lines.first { $0.hasPrefix("track_order ") })
        let cells = trackOrder.split(separator: " ").map(String.init)
        #expect(cells[1] == "3")
        #expect(cells[2] == "66.7%*")
    }
}
