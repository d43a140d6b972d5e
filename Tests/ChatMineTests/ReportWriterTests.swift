import Foundation
import Testing
@testable import ChatMine

/// The report's files: CSV cells, table bounds, the atomic folder swap, sections from the stages.
@Suite struct ReportWriterTests {
    /// RFC 4180 records (quoted fields, doubled quotes, line breaks inside quotes).
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false, i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if quoted {
                if c == "\"" {
                    let next = text.index(after: i)
                    if next < text.endIndex, text[next] == "\"" { field.append("\""); i = next } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { record.append(field); field = ""
            } else if c == "\n" { record.append(field); records.append(record); record = []; field = ""
            } else { field.append(c) }
            i = text.index(after: i)
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    /// Names that a spreadsheet would run (the ingest trims leading tabs and CRs from names; the
    /// table test below covers those).
    static let formulas = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(A1:A9)", "-2+3", "@cmd"]

    @Test func csvCellsThatLookLikeFormulasAreNeutralised() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        var lines: [String] = []
        for (i, formula) in Self.formulas.enumerated() {
            lines += ReportTestStore.conversation("c\(i)", text: formula, intent: formula, channel: formula, api: formula, apiOK: false, ending: "handoff")
        }
        try ReportTestStore.ingest(lines, in: folder, into: db)
        let files = try ReportTestStore.render(db)
        for name in ["channels.csv", "intents.csv", "escalation_drivers.csv", "api_failures.csv"] {
            let records = Self.parseCSV(try #require(files[name], "\(name) written"))
            let labels = records.dropFirst().map { $0[0] }
            #expect(labels.count == Self.formulas.count, "\(name): one row per name")
            for label in labels {
                let first = label.unicodeScalars.first
                #expect(first == "'", "\(name): \(label.debugDescription) starts with a quote")
                #expect(Self.formulas.contains(String(label.dropFirst())), "\(name): the text after the quote is the name")
            }
        }
        // Numbers the program wrote keep their sign: the sentiment column may be negative, never quoted.
        let intents = Self.parseCSV(try #require(files["intents.csv"]))
        let column = try #require(intents.first?.firstIndex(of: "sentiment_mean"))
        #expect(intents.dropFirst().allSatisfy { !$0[column].hasPrefix("'") })
    }

    @Test func tableCellsStartingWithTabOrCarriageReturnAreNeutralised() {
        let table = ReportTable(id: "t", csvFile: "t.csv", columns: [.text("Name", csv: "name"), .number("Value", csv: "value")],
                                rows: [[.text("\tTAB"), .count(-3)], [.text("\rCR"), .number(-0.5, display: "−0.5")]], totalRows: nil)
        let records = Self.parseCSV(table.csv)
        #expect(records.count == 3)
        #expect(records[1] == ["'\tTAB", "-3"])
        #expect(records[2] == ["'\rCR", "-0.5"])
    }

    @Test func tablesAreBoundedAndPointAtTheirCSV() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        var lines: [String] = []
        for i in 0..<120 { lines += ReportTestStore.conversation("c\(i)", text: "question \(i)", intent: "intent_\(i)", channel: "web") }
        try ReportTestStore.ingest(lines, in: folder, into: db)
        var options = ReportOptions(now: Date(timeIntervalSince1970: 0))
        options.tableRowLimit = 25
        let files = try ReportTestStore.render(db, options: options)
        let html = try #require(files["index.html"])
        let intentTable = try #require(html.range(of: "<table class=\"data\" id=\"intents\">"))
        let tableEnd = try #require(html.range(of: "</table>", range: intentTable.upperBound..<html.endIndex))
        #expect(html[intentTable.upperBound..<tableEnd.lowerBound].components(separatedBy: "<tr>").count - 1 == 26, "a header row and 25 rows")
        #expect(html.contains("Showing 25 of 120 rows; all are in <a href=\"intents.csv\">"))
        #expect(Self.parseCSV(try #require(files["intents.csv"])).count == 121, "the CSV holds every intent")
    }

    @Test func kpisComeFromTheMetricsEngine() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        // 3 resolved, 1 escalated (handoff), all engaged: containment 3/4, resolution 3/4, escalation 1/4.
        var lines: [String] = []
        for i in 0..<3 { lines += ReportTestStore.conversation("r\(i)", text: "where is my parcel", intent: "track_order", channel: "web", ending: "resolved") }
        lines += ReportTestStore.conversation("e0", text: "where is my parcel", intent: "track_order", channel: "app", ending: "handoff")
        try ReportTestStore.ingest(lines, in: folder, into: db)
        let files = try ReportTestStore.render(db)
        let kpis = Self.parseCSV(try #require(files["kpis.csv"]))
        func value(_ kpi: String) -> String? { kpis.first { $0.first == kpi }?[2] }
        #expect(value("containment_rate") == "0.75")
        #expect(value("escalation_rate") == "0.25")
        #expect(value("conversations") == "4")
        let outcomes = Self.parseCSV(try #require(files["outcomes.csv"]))
        #expect(outcomes.contains(["resolved", "3", "0.75"]))
        #expect(outcomes.contains(["escalated", "1", "0.25"]))
        let html = try #require(files["index.html"])
        #expect(html.contains("<p class=\"value\">75.0%<span class=\"flag\""), "containment 75% flagged: 4 engaged is a small sample")
    }

    @Test func failedAPICallsAreTracedToTheEscalationsAfterThem() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        var lines: [String] = []
        // order_status fails in three conversations: two escalate, one resolves. card_api works, then a handoff.
        lines += ReportTestStore.conversation("f1", text: "where is my order", intent: "track_order", channel: "web", api: "order_status", apiOK: false, ending: "handoff")
        lines += ReportTestStore.conversation("f2", text: "where is my order", intent: "track_order", channel: "web", api: "order_status", apiOK: false, ending: "handoff")
        lines += ReportTestStore.conversation("f3", text: "where is my order", intent: "track_order", channel: "web", api: "order_status", apiOK: false, ending: "resolved")
        lines += ReportTestStore.conversation("k1", text: "block my card", intent: "card_lost", channel: "web", api: "card_api", apiOK: true, ending: "handoff")
        try ReportTestStore.ingest(lines, in: folder, into: db)
        let records = Self.parseCSV(try #require(try ReportTestStore.render(db)["api_failures.csv"]))
        #expect(records.first == ["api", "calls", "failed", "failure_rate", "failure_rate_ci_low", "failure_rate_ci_high",
                                  "escalated_after_failure", "escalated_share_of_failed_conversations"])
        let order = try #require(records.first { $0.first == "order_status" })
        #expect(order[1] == "3" && order[2] == "3" && order[3] == "1" && order[6] == "2" && order[7] == "0.666667")
        let card = try #require(records.first { $0.first == "card_api" })
        #expect(card[2] == "0" && card[6] == "0" && card[7] == "")
        #expect(records[1].first == "order_status", "ranked by the escalations after failures")
    }

    @Test func aReportFolderIsReplacedWholeAndOtherFoldersAreLeftAlone() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        try ReportTestStore.ingest(ReportTestStore.conversation("c1", text: "hi there, refund please", intent: "refund", channel: "web"), in: folder, into: db)
        let out = folder.file("report")
        let writer = ReportWriter(db: db, options: ReportOptions())
        _ = try writer.write(to: out)
        try Data("stale".utf8).write(to: URL(fileURLWithPath: out + "/stale.csv"))
        let summary = try writer.write(to: out)
        let names = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(!names.contains("stale.csv"), "the old folder was replaced, not merged")
        #expect(names.contains("index.html") && names.contains("intents.csv"))
        #expect(summary.conversations == 1)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!siblings.contains { $0.contains(".tmp-") || $0.contains(".old-") }, "no staging folders left behind")

        let foreign = folder.file("documents")
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: foreign + "/thesis.txt"))
        #expect(throws: ChatMineError.self) { try writer.write(to: foreign) }
        #expect(FileManager.default.fileExists(atPath: foreign + "/thesis.txt"))
    }

    @Test func reviewDecisionsAndEmptyStagesShowInThePage() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        try ReportTestStore.ingest(ReportTestStore.conversation("c1", text: "gift wrap?", intent: nil, channel: "web"), in: folder, into: db)
        var html = try #require(try ReportTestStore.render(db)["index.html"])
        #expect(html.contains("No sentiment scores for this window"))
        #expect(html.contains("No suggestions yet"))
        try ReportTestStore.insertSuggestions([
            (name: "gift_wrapping", phrases: ["gift wrap?"], terms: ["gift"], nearest: nil),
            (name: "pet_policy", phrases: ["can my dog fly"], terms: ["dog"], nearest: "baggage"),
        ], into: db)
        try SuggestionReview(db: db).accept("C00001", as: "gift_wrap")
        try SuggestionReview(db: db).reject("C00002", reason: "out of scope for the bot")
        html = try #require(try ReportTestStore.render(db)["index.html"])
        #expect(html.contains("Accepted as <code>gift_wrap</code>"))
        #expect(html.contains("Rejected on ") && html.contains("out of scope for the bot"))
        #expect(html.contains("<span class=\"badge lineage\" title=\"lineage id: stays the same from run to run\">C00002</span>"))
    }
}
