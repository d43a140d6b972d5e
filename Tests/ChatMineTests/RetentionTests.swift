import Foundation
import Testing
@testable import ChatMine

@Suite struct RetentionTests {
    static let now = NightlyLogs.day("2026-11-25")

    @Test func oldTextGoesAndEverythingComputedFromItStays() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", NightlyLogs.conversation("old", day: "2026-10-01") + NightlyLogs.conversation("new", day: "2026-11-20"))
        var (nightly, lines) = NightlyLogs.nightly(folder) { $0.retentionDays = 30 }
        nightly.now = { Self.now }
        let summary = try nightly.run()
        // 2026-11-25 minus 30 days is 2026-10-26: the conversation of 2026-10-01 is older.
        #expect(summary.stage("retention")?.count("turns_cleared") == 2)
        #expect(lines.lines.last?.hasPrefix("nightly retention ok turns_cleared=2") == true)
        let db = try Database(path: folder.file("store.sqlite"))
        let rows = try db.rows("SELECT c.external_id, t.text, t.intent FROM turns t JOIN conversations c ON c.id = t.conversation_id ORDER BY t.id")
        #expect(rows.map { $0[0].string ?? "" } == ["old", "old", "new", "new"])
        #expect(rows.map { $0[1].string ?? "?" } == ["", "", "where is my order", "It arrives tomorrow."])
        #expect(rows.map { $0[2].string } == ["track_order", nil, "track_order", nil])
        #expect(try db.count("SELECT COUNT(*) FROM turn_sentiment") == 4)
        #expect(try db.count("SELECT COUNT(*) FROM outcomes WHERE outcome = 'resolved'") == 2)
        #expect(try db.count("SELECT SUM(conversations) FROM daily_metrics WHERE tz = 'UTC'") == 2)

        // Nothing more to do on the next night; metrics are not recomputed by it.
        let again = try nightly.run()
        #expect(again.stage("retention")?.count("turns_cleared") == 0)
        #expect(try db.count("SELECT COUNT(*) FROM outcomes WHERE outcome = 'resolved'") == 2)
    }

    @Test func oldDataArrivingLateIsClearedToo() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", NightlyLogs.conversation("recent", day: "2026-11-20"))
        var (nightly, _) = NightlyLogs.nightly(folder) { $0.retentionDays = 30 }
        nightly.now = { Self.now }
        #expect(try nightly.run().stage("retention")?.count("turns_cleared") == 0)
        try folder.write("inbox/b.jsonl", NightlyLogs.conversation("late", day: "2026-09-01"))
        #expect(try nightly.run().stage("retention")?.count("turns_cleared") == 2)
        // Time passes: the recent conversation crosses the cutoff.
        nightly.now = { Self.now + 40 * 86_400_000 }
        #expect(try nightly.run().stage("retention")?.count("turns_cleared") == 2)
        let db = try Database(path: folder.file("store.sqlite"))
        #expect(try db.count("SELECT COUNT(*) FROM turns WHERE text <> ''") == 0)
        #expect(try db.count("SELECT COUNT(*) FROM turns") == 4)
    }

    @Test func aStoreMadeByNightlyUsesIncrementalVacuumFromTheStart() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", NightlyLogs.conversation("c1", day: "2026-11-20"))
        let (nightly, _) = NightlyLogs.nightly(folder)
        _ = try nightly.run()
        let db = try Database(path: folder.file("store.sqlite"))
        #expect(try db.count("PRAGMA auto_vacuum") == 2)
        #expect(try db.scalar("PRAGMA journal_mode")?.string == "wal")
    }

    @Test func anExistingStoreIsSwitchedOnceAndGivesPagesBack() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        #expect(try db.count("PRAGMA auto_vacuum") == 0)
        var lines = ""
        for index in 0..<400 {
            lines += NightlyLogs.conversation("c\(index)", day: "2026-09-01", text: String(repeating: "long text \(index) ", count: 40))
        }
        try folder.write("a.jsonl", lines)
        _ = try ingest([folder.file("a.jsonl")], into: db)
        let retention = Retention(db: db)
        let first = try retention.run(days: 30, now: Self.now)
        #expect(first.turnsCleared == 800)
        #expect(first.enabledAutoVacuum)
        #expect(try db.count("PRAGMA auto_vacuum") == 2)
        #expect(try db.count("PRAGMA freelist_count") == 0)
        let second = try retention.run(days: 30, now: Self.now)
        #expect(second == RetentionSummary())
    }

    /// The case the in-place update could not handle: short texts on a store already in
    /// incremental auto-vacuum mode. Each pass must hand pages back, and keep every row.
    @Test func eachPassOnShortTextsGivesWholePagesBack() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("store.sqlite")
        try Retention.prepareNewStore(path: path)
        let db = try Database(path: path)
        var lines = ""
        for day in 1...20 {
            let date = "2026-09-\(day < 10 ? "0" : "")\(day)"
            for index in 0..<150 {
                lines += NightlyLogs.conversation("d\(day)-c\(index)", day: date, text: "where is my order \(index) of day \(day)", hour: index % 24)
            }
        }
        try folder.write("a.jsonl", lines)
        _ = try ingest([folder.file("a.jsonl")], into: db)
        _ = try SentimentStore(database: db, scorer: SentimentScorer(lexicon: try SentimentLexicon.load(path: nil, mode: .extend))).run()
        let retention = Retention(db: db)
        #expect(try db.count("PRAGMA auto_vacuum") == 2)
        for (keepSince, cleared) in [("2026-09-11", 3_000), ("2026-09-16", 1_500)] {
            // Days before keepSince lose their text: 150 conversations × 2 turns a day.
            let days = Int((Self.now - NightlyLogs.day(keepSince)) / 86_400_000)
            let pagesBefore = try db.count("PRAGMA page_count")
            let summary = try retention.run(days: days, now: Self.now)
            #expect(summary.turnsCleared == cleared)
            #expect(!summary.enabledAutoVacuum)
            #expect(summary.pagesReclaimed > 0)
            #expect(try db.count("PRAGMA page_count") < pagesBefore)
        }
        #expect(try db.count("SELECT COUNT(*) FROM turns") == 6_000)
        #expect(try db.count("SELECT COUNT(*) FROM turns WHERE text = ''") == 4_500)
        #expect(try db.count("SELECT COUNT(*) FROM turn_sentiment") == 6_000)
        #expect(try db.count("SELECT COUNT(*) FROM turns t JOIN conversations c ON c.id = t.conversation_id WHERE t.text = '' AND c.started_at >= ?", [NightlyLogs.day("2026-09-16")]) == 0)
        #expect(try db.rows("PRAGMA integrity_check").first?[0].string == "ok")
        #expect(try db.rows("PRAGMA foreign_key_check").isEmpty)
        #expect(try db.count("PRAGMA foreign_keys") == 1)
    }
}
