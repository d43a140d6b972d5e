import Foundation
import Testing
@testable import ChatMine

/// The review loop: decisions, their checks and history, and their survival across clustering runs.
@Suite struct SuggestionReviewTests {
    static func store(in folder: TemporaryFolder) throws -> Database {
        let db = try folder.database()
        var lines: [String] = []
        lines += ReportTestStore.conversation("k1", text: "where is my order", intent: "track_order", channel: "web")
        lines += ReportTestStore.conversation("k2", text: "refund please", intent: "refund", channel: "web")
        try ReportTestStore.ingest(lines, in: folder, into: db)
        try ReportTestStore.insertSuggestions([
            (name: "gift_wrapping", phrases: ["gift wrap?"], terms: ["gift"], nearest: nil),
            (name: "order_late", phrases: ["my parcel is late"], terms: ["late"], nearest: "track_order"),
            (name: "spam", phrases: ["buy watches"], terms: ["buy"], nearest: nil),
        ], into: db)
        return db
    }

    @Test func idsAndNames() throws {
        #expect(SuggestionReview.lineageKey("C00042") == "C00042")
        #expect(SuggestionReview.lineageKey("c42") == "C00042")
        #expect(SuggestionReview.lineageKey(" 7 ") == "C00007")
        #expect(SuggestionReview.lineageKey("X1") == "X1")
        #expect(try SuggestionReview.validIntentName(" gift_wrap ") == "gift_wrap")
        #expect(try SuggestionReview.validIntentName("礼品包装") == "礼品包装")
        for bad in ["", "two words", "<script>", "_lead", "a/b", String(repeating: "x", count: 65), "na\nme"] {
            #expect(throws: ChatMineError.self, "\(bad.debugDescription)") { try SuggestionReview.validIntentName(bad) }
        }
    }

    @Test func decisionsAreStoredWithTheirHistory() throws {
        let folder = try TemporaryFolder()
        let db = try Self.store(in: folder)
        var review = SuggestionReview(db: db)
        review.now = { Date(timeIntervalSince1970: 1_795_000_000) }
        let renamed = try review.rename("1", to: "gift_wrap")
        #expect(renamed.status == "pending" && renamed.displayName == "gift_wrap" && renamed.name == "gift_wrapping")
        let accepted = try review.accept("C00001")
        #expect(accepted.status == "accepted" && accepted.trainedIntent == "gift_wrap")
        #expect(accepted.decidedAt == "2026-11-18T11:06:40Z")
        let merged = try review.merge("c2", into: "track_order")
        #expect(merged.status == "merged" && merged.trainedIntent == "track_order")
        let rejected = try review.reject("C00003", reason: "  spam, not a customer need ")
        #expect(rejected.status == "rejected" && rejected.reason == "spam, not a customer need" && rejected.trainedIntent == nil)
        #expect(try review.history("C00001").map(\.action) == ["rename", "accept"])
        #expect(try review.history("C00003").first?.reason == "spam, not a customer need")
        #expect(try review.list(status: "accepted").map(\.lineageID) == ["C00001"])
        // A rejected suggestion can be accepted after all.
        #expect(try review.accept("C00003", as: "watch_sales").status == "accepted")
    }

    @Test func decisionsThatWouldConfuseTheBotAreRefused() throws {
        let folder = try TemporaryFolder()
        let db = try Self.store(in: folder)
        let review = SuggestionReview(db: db)
        #expect(throws: ChatMineError.self, "accepting under an existing intent's name") { try review.accept("C00001", as: "refund") }
        #expect(throws: ChatMineError.self, "merging into an intent nobody uses") { try review.merge("C00001", into: "no_such_intent") }
        #expect(throws: ChatMineError.self, "an unknown id") { try review.accept("C00099") }
        try review.accept("C00001", as: "gift_wrap")
        #expect(throws: ChatMineError.self, "a second suggestion under an accepted name") { try review.accept("C00002", as: "gift_wrap") }
        #expect(try review.merge("C00002", into: "gift_wrap").mergedInto == "gift_wrap", "an accepted suggestion is an intent to merge into")
        #expect(throws: ChatMineError.self, "renaming a merged suggestion") { try review.rename("C00002", to: "other") }
        #expect(try review.find("C00002").status == "merged", "a refused decision changes nothing")
    }

    @Test func decisionsSurviveReclustering() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        let log = ByteSink.memory()
        _ = try SyntheticLogGenerator(options: GeneratorOptions(conversations: 120, seed: 11, unknownShare: 0.5)).write(to: log)
        try ReportTestStore.ingest([String(decoding: log.bytes, as: UTF8.self)], in: folder, into: db)
        var settings = ClusteringSettings()
        settings.k = 6
        let run = ClusterRun(db: db, discovery: IntentDiscovery(embedder: TFIDFEmbedder(), settings: settings))
        let first = try run.run(since: nil, until: nil)
        let review = SuggestionReview(db: db)
        let ids = first.clusters.map(\.lineageID)
        try #require(ids.count >= 3)
        try review.accept(ids[0], as: "first_accepted")
        try review.reject(ids[1], reason: "noise")
        try review.rename(ids[2], to: "renamed_pending")
        let second = try run.run(since: nil, until: nil)
        let kept = Set(second.clusters.map(\.lineageID))
        #expect(kept.contains(ids[0]) && kept.contains(ids[1]) && kept.contains(ids[2]), "the same data keeps its lineages")
        #expect(try review.find(ids[0]).status == "accepted" && review.find(ids[0]).acceptedName == "first_accepted")
        #expect(try review.find(ids[1]).status == "rejected" && review.find(ids[1]).reason == "noise")
        #expect(try review.find(ids[2]).displayName == "renamed_pending")
        #expect(try review.find(ids[0]).trend != "new", "the second run saw it before")
    }
}
