import Foundation
import Testing
@testable import ChatMine

/// The cards' comparison period and test, and the templates built into the binary.
@Suite struct ReportComparisonTests {
    @Test func twoProportionZByHand() throws {
        // 60/100 vs 40/100: pooled 0.5, standard error √(0.25 · 0.02) = 0.0707, z = 0.2 / 0.0707 = 2.828.
        let a = KPIRow(group: "all", kpi: "containment_rate", kind: "rate", numerator: 60, denominator: 100, value: nil)
        let b = KPIRow(group: "all", kpi: "containment_rate", kind: "rate", numerator: 40, denominator: 100, value: nil)
        let z = try #require(ReportHTML.twoProportionZ(a, b))
        #expect(abs(z - 2.8284) < 0.001)
        let c = KPIRow(group: "all", kpi: "containment_rate", kind: "rate", numerator: 0, denominator: 0, value: nil)
        #expect(ReportHTML.twoProportionZ(a, c) == nil)
    }

    @Test func aWindowIsComparedWithTheSpanBeforeIt() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        var lines: [String] = []
        // Week of 2–8 Nov: 40 conversations, 10 resolved. Week of 9–15 Nov: 40, 30 resolved.
        for i in 0..<40 {
            lines += ReportTestStore.conversation("a\(i)", text: "where is my parcel", intent: "track_order", channel: "web",
                                                  ending: i < 10 ? "resolved" : nil, day: 2 + i % 7)
            lines += ReportTestStore.conversation("b\(i)", text: "where is my parcel", intent: "track_order", channel: "web",
                                                  ending: i < 30 ? "resolved" : nil, day: 9 + i % 7)
        }
        try ReportTestStore.ingest(lines, in: folder, into: db)
        let zone = LocalTime.utc
        var options = ReportOptions(since: zone.parseInstant("2026-11-09"), until: zone.parseInstant("2026-11-16"))
        options.now = Date(timeIntervalSince1970: 0)
        let html = try #require(try ReportTestStore.render(db, options: options)["index.html"])
        #expect(html.contains("vs 2026-11-02 – 2026-11-08"))
        // Resolution 75% now against 25% before: +50.0 pp, a real change, good news.
        #expect(html.contains("<p class=\"delta good\">▲ +50.0 pp</p>"))
        #expect(html.contains("<b>2026-11-09 – 2026-11-15 (UTC)</b> · 40 conversations"))
    }

    @Test func embeddedTemplatesMatchTheFilesInReports() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        for name in ["page.html", "section.html", "card.html", "style.css", "sort.js"] {
            let disk = try String(contentsOf: url.appendingPathComponent("reports/" + name), encoding: .utf8)
            #expect(EmbeddedResources.files["reports/" + name] == disk, "reports/\(name) is stale in the binary")
        }
    }
}
