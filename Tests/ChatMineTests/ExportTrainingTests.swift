import Foundation
import Testing
@testable import ChatMine

/// `export training`: what is exported, folded and held back, and the files parsed back.
@Suite struct ExportTrainingTests {
    /// Parses the subset of YAML the Rasa writer emits: `version`, `nlu:`, `- intent:` entries
    /// (plain or double-quoted names) with a literal `examples: |` block of `- ` lines.
    static func parseRasa(_ text: String) throws -> (version: String, intents: [(name: String, examples: [String])]) {
        var version = "", intents: [(String, [String])] = []
        var inExamples = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            if line.hasPrefix("version: ") {
                version = String(line.dropFirst("version: ".count))
                guard version.hasPrefix("\""), version.hasSuffix("\"") else { throw ChatMineError("unquoted version \(version)") }
                version = String(version.dropFirst().dropLast())
            } else if line == "nlu:" || line == "nlu: []" {
                continue
            } else if line.hasPrefix("- intent: ") {
                var name = String(line.dropFirst("- intent: ".count))
                if name.hasPrefix("\"") {
                    guard name.hasSuffix("\""), name.count >= 2 else { throw ChatMineError("bad quoted name \(name)") }
                    name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
                } else if name.contains(": ") || name.hasPrefix("[") || name.hasPrefix("{") || name.contains(" #") {
                    throw ChatMineError("plain name that YAML would misread: \(name)")
                }
                intents.append((name, []))
                inExamples = false
            } else if line == "  examples: |" {
                guard !intents.isEmpty else { throw ChatMineError("examples before an intent") }
                inExamples = true
            } else if inExamples, line.hasPrefix("    - ") {
                intents[intents.count - 1].1.append(String(line.dropFirst("    - ".count)))
            } else {
                throw ChatMineError("unexpected line: \(line)")
            }
        }
        return (version, intents)
    }

    static let trackOrder = ["where is my order", "track my order please", "where is my parcel", "has my order shipped yet",
                             "when will my order arrive", "order tracking number", "my order has not arrived", "status of my order shipment"]
    static let refund = ["i want a refund", "refund my money please", "how do i get my money back", "refund for my purchase",
                         "when will i get my refund", "money back for the broken item", "request a refund", "refund status of my return"]

    /// Traffic for two intents, a misplaced phrase, placeholders, duplicates, a low-confidence
    /// and a fallback turn, and four suggestions (accepted, merged, rejected, pending).
    static func store(in folder: TemporaryFolder) throws -> Database {
        let db = try folder.database()
        var lines: [String] = []
        var n = 0
        func add(_ text: String, _ intent: String?, confidence: Double = 0.95) {
            n += 1
            lines += ReportTestStore.conversation("c\(n)", text: text, intent: intent, confidence: confidence, channel: "web")
        }
        for text in trackOrder { add(text, "track_order") }
        for text in refund { add(text, "refund") }
        add("Where is my order?", "track_order")                      // folds into "where is my order"
        add("where   is my\norder", "track_order")                    // folds too
        add("where is my order tracking parcel shipped", "refund")    // mislabelled: reads like track_order
        add("my email is [EMAIL] and my card [CARD]", "refund")
        add("call me on [PHONE:1a2b3c4d]", "refund")
        add("[EMAIL](work) refund", "refund")
        add("same words twice", "refund")
        add("same words twice", "track_order")
        add("refund refund maybe", "refund", confidence: 0.6)         // under --min-confidence
        add("blah blah", "nlu_fallback")                              // a fallback intent is never training data
        try ReportTestStore.ingest(lines, in: folder, into: db)
        try ReportTestStore.insertSuggestions([
            (name: "gift_wrapping", phrases: ["can you gift wrap it", "gift wrapping available?"], terms: ["gift"], nearest: nil),
            (name: "order_late", phrases: ["my parcel is late"], terms: ["late"], nearest: "track_order"),
            (name: "spam", phrases: ["buy cheap watches"], terms: ["buy"], nearest: nil),
            (name: "pending_one", phrases: ["not decided yet"], terms: ["decided"], nearest: nil),
        ], into: db)
        let review = SuggestionReview(db: db)
        try review.accept("C00001", as: "gift_wrap")
        try review.merge("C00002", into: "track_order")
        try review.reject("C00003", reason: "spam")
        return db
    }

    static func export(_ db: Database, _ options: ExportOptions) throws -> (text: String, summary: ExportSummary) {
        try TrainingExporter(db: db, options: options).render()
    }

    @Test func rasaExportParsesBackWithReviewedSuggestionsOnly() throws {
        let folder = try TemporaryFolder()
        let db = try Self.store(in: folder)
        let (text, summary) = try Self.export(db, ExportOptions(format: .rasa))
        let parsed = try Self.parseRasa(text)
        #expect(parsed.version == "3.1")
        let byName = Dictionary(parsed.intents.map { ($0.name, Set($0.examples)) }, uniquingKeysWith: { $0.union($1) })
        #expect(byName["gift_wrap"] == ["can you gift wrap it", "gift wrapping available?"])
        #expect(byName["track_order"] == ["my parcel is late"], "merged phrases train their target")
        #expect(byName["spam"] == nil && byName["pending_one"] == nil && byName["not decided yet"] == nil)
        #expect(summary.suggestions == 2)
        #expect(text.hasPrefix("version: \"3.1\"\nnlu:\n- intent: "))
    }

    @Test func trafficIsFoldedFilteredAndPlaceholdersKept() throws {
        let folder = try TemporaryFolder()
        let db = try Self.store(in: folder)
        let (text, summary) = try Self.export(db, ExportOptions(format: .rasa, includeTraffic: true, minConfidence: 0.9))
        let parsed = try Self.parseRasa(text)
        let all = parsed.intents.flatMap { intent in intent.examples.map { ($0, intent.name) } }
        let trackOrder = all.filter { $0.1 == "track_order" }.map(\.0)
        #expect(trackOrder.filter { $0.lowercased().hasPrefix("where is my order") && $0.count <= 19 }.count == 1, "three spellings fold into one")
        #expect(summary.duplicatesFolded >= 2)
        #expect(all.contains { $0 == ("my email is [EMAIL] and my card [CARD]", "refund") }, "placeholders exported as they are")
        #expect(all.contains { $0 == ("call me on [PHONE]", "refund") }, "a hashed placeholder becomes its plain kind, never a value")
        #expect(all.contains { $0 == ("[EMAIL] (work) refund", "refund") }, "no Rasa entity annotation can form")
        #expect(!all.contains { $0.0 == "refund refund maybe" }, "under the confidence floor")
        #expect(!all.contains { $0.1 == "nlu_fallback" || $0.0 == "blah blah" })
        #expect(!all.contains { $0.0 == "same words twice" }, "a text under two intents is held back")
        #expect(summary.heldBack.contains { $0.text == "same words twice" && $0.reason == "same text under several intents" })
        let misplaced = try #require(summary.heldBack.first { $0.text == "where is my order tracking parcel shipped" }, "the mislabelled phrase is held back")
        #expect(misplaced.intent == "refund" && misplaced.nearestIntent == "track_order")
        #expect(!all.contains { $0.0 == "where is my order tracking parcel shipped" })
        for phrase in Self.trackOrder.dropFirst() { #expect(all.contains { $0 == (phrase, "track_order") }, "kept: \(phrase)") }
    }

    @Test func csvAndJSONLParseBack() throws {
        let folder = try TemporaryFolder()
        let db = try Self.store(in: folder)
        let csv = try Self.export(db, ExportOptions(format: .csv, includeTraffic: true)).text
        let records = ReportWriterTests.parseCSV(csv)
        #expect(records.first == ["text", "intent"])
        #expect(records.contains(["my email is [EMAIL] and my card [CARD]", "refund"]))
        #expect(records.dropFirst().allSatisfy { $0.count == 2 })
        let jsonl = try Self.export(db, ExportOptions(format: .jsonl, includeTraffic: true)).text
        let objects = try jsonl.split(separator: "\n").map { line -> [String: Any] in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.count == records.count - 1, "the same phrases in both formats")
        #expect(objects.contains { $0["text"] as? String == "can you gift wrap it" && $0["intent"] as? String == "gift_wrap" && $0["source"] as? String == "suggestion:C00001" })
        let folded = try #require(objects.first { ($0["text"] as? String)?.lowercased() == "where is my order" })
        #expect(folded["count"] as? Int == 3)
    }

    @Test func exportWritesTheFileAndTheCollisionsBesideIt() throws {
        let folder = try TemporaryFolder()
        let db = try Self.store(in: folder)
        let out = folder.file("train/nlu.yml")
        let summary = try TrainingExporter(db: db, options: ExportOptions(includeTraffic: true)).export(to: out)
        #expect(summary.collisionsPath == folder.file("train/nlu.collisions.csv"))
        let collisions = ReportWriterTests.parseCSV(try String(contentsOfFile: folder.file("train/nlu.collisions.csv"), encoding: .utf8))
        #expect(collisions.first == ["text", "intent", "nearest_intent", "own_similarity", "nearest_similarity", "reason", "source"])
        #expect(collisions.count == summary.heldBack.count + 1)
        #expect(try Self.parseRasa(String(contentsOfFile: out, encoding: .utf8)).intents.count == summary.intents)
    }

    @Test func yamlNamesAreQuotedWhenPlainWouldMisread() {
        #expect(TrainingWriters.yamlScalar("track_order") == "track_order")
        #expect(TrainingWriters.yamlScalar("yes") == "\"yes\"")
        #expect(TrainingWriters.yamlScalar("123") == "\"123\"")
        #expect(TrainingWriters.yamlScalar("a: b") == "\"a: b\"")
        #expect(TrainingWriters.yamlScalar("查询余额") == "\"查询余额\"")
        #expect(TrainingWriters.yamlScalar("say \"hi\"") == "\"say \\\"hi\\\"\"")
    }
}
