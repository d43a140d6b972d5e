import Foundation
import Testing
@testable import ChatMine

@Suite("Ingest")
struct IngestTests {
    @Test func storesTheGenericFixturesWithTheirHandCountedRecords() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        let summary = try ingest([Fixtures.path("generic/support.jsonl"), Fixtures.path("generic/support.csv")], into: db)
        #expect(summary.turns == 14 + 5)
        #expect(summary.events == 7 + 1)
        #expect(summary.rejects == 0)
        #expect(try db.count("SELECT count(*) FROM conversations") == 6)
        #expect(try db.count("SELECT count(*) FROM events WHERE kind = 'api_call' AND ok = 0") == 1)
        #expect(try db.count("SELECT count(*) FROM events WHERE kind = 'api_call' AND ok = 1") == 1)
        #expect(try db.count("SELECT count(*) FROM events WHERE kind = 'handoff'") == 2)
        #expect(try db.scalar("SELECT score FROM events WHERE kind = 'csat'")?.double == 5)
        // Role aliases: customer → user, assistant → bot.
        #expect(try db.scalar("SELECT role FROM turns WHERE message_id = 'g-003-1'")?.string == "user")
        #expect(try db.scalar("SELECT role FROM turns WHERE message_id = 'g-003-2'")?.string == "bot")
        // Epoch seconds and milliseconds, and +08:00 offsets, all land in UTC milliseconds.
        #expect(try db.scalar("SELECT ts FROM turns WHERE message_id = 'g-003-1'")?.int64 == 1_793_610_000_000)
        #expect(try db.scalar("SELECT ts FROM turns WHERE message_id = 'g-003-2'")?.int64 == 1_793_610_002_500)
        #expect(try db.scalar("SELECT ts FROM turns WHERE message_id = 'g-002-1'")?.int64 == 1_793_610_000_000 + (6 * 3600 + 58 * 60 + 10) * 1000)
        // Text is kept exactly: Chinese, emoji, quotes and line breaks.
        #expect(try db.scalar("SELECT text FROM turns WHERE message_id = 'g-002-1'")?.string == "我的退款什么时候到账？")
        #expect(try db.scalar("SELECT text FROM turns WHERE message_id = 'g-001-5'")?.string == "thanks, that worked 👍")
        #expect(try db.scalar("SELECT text FROM turns WHERE message_id = 'c-101-2'")?.string == "Sure. Your return label:\nhttps://example.com/label/123")
        #expect(try db.scalar("SELECT text FROM turns WHERE message_id = 'c-102-1'")?.string == #"the app says "error 42", what now?"#)
        // Conversations carry their first user id and channel and their time span.
        let row = try #require(try db.rows("SELECT user_id, channel, started_at, ended_at FROM conversations WHERE external_id = 'g-001'").first)
        #expect(row["user_id"].string == "u-ana")
        #expect(row["channel"].string == "web")
        let firstTurn: Int64 = 1_793_610_000_000 - 2000
        #expect(row["started_at"].int64 == firstTurn)
        #expect(row["ended_at"].int64 == 1_793_610_045_000)
    }

    @Test func ingestingThreeTimesChangesNothing() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        let files = [Fixtures.path("generic/support.jsonl"), Fixtures.path("generic/support.csv"), Fixtures.path("generic/rejects.jsonl")]
        _ = try ingest(files, into: db)
        let first = try checksum(db)
        for _ in 0..<2 {
            let again = try ingest(files, into: db)
            #expect(again.turns == 0 && again.events == 0 && again.rejects == 0)
            #expect(again.unchangedFiles == 3)
            #expect(try checksum(db) == first)
        }
    }

    @Test func aFileThatGrewAddsOnlyItsNewPart() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        let line1 = #"{"conversation_id":"a","timestamp":"2026-11-02T09:00:00Z","role":"user","text":"one"}"#
        let line2 = #"{"conversation_id":"a","timestamp":"2026-11-02T09:00:01Z","role":"bot","text":"two"}"#
        let path = try folder.write("grow.jsonl", line1 + "\n")
        #expect(try ingest([path], into: db).turns == 1)
        try folder.write("grow.jsonl", line1 + "\n" + line2 + "\n" + line1 + "\n")
        let grown = try ingest([path], into: db)
        #expect(grown.resumedFiles == 1)
        // The repeated first line sits at another position, so it is a new record by position.
        #expect(grown.turns == 2)
        #expect(grown.duplicates == 0)
        #expect(try db.count("SELECT bytes_consumed FROM sources") == (line1.utf8.count + 1) * 2 + line2.utf8.count + 1)
        #expect(try db.count("SELECT count(*) FROM sources") == 1)
    }

    @Test func aRewrittenFileIsReadAgainButStoredRecordsAreNotDuplicated() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        let a = #"{"conversation_id":"a","message_id":"1","timestamp":"2026-11-02T09:00:00Z","role":"user","text":"one"}"#
        let b = #"{"conversation_id":"a","message_id":"2","timestamp":"2026-11-02T09:00:01Z","role":"bot","text":"two"}"#
        let path = try folder.write("log.jsonl", a + "\n" + b + "\n")
        _ = try ingest([path], into: db)
        try folder.write("log.jsonl", b + "\n" + a + "\n")
        let again = try ingest([path], into: db)
        #expect(again.turns == 0)
        #expect(again.duplicates == 2)
        #expect(try db.count("SELECT count(*) FROM turns") == 2)
    }

    @Test func anIncompleteLastLineWaitsForTheNextRun() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        let whole = #"{"conversation_id":"a","timestamp":"2026-11-02T09:00:00Z","role":"user","text":"one"}"#
        let path = try folder.write("live.jsonl", whole + "\n" + #"{"conversation_id":"a","timest"#)
        let first = try ingest([path], into: db)
        #expect(first.turns == 1 && first.rejects == 0)
        #expect(first.notes.count == 1)
        try folder.write("live.jsonl", whole + "\n" + #"{"conversation_id":"a","timestamp":"2026-11-02T09:00:02Z","role":"bot","text":"two"}"# + "\n")
        let second = try ingest([path], into: db)
        #expect(second.turns == 1 && second.rejects == 0)
    }

    @Test func badRecordsGoToRejectsWithTheirReasons() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        let summary = try ingest([Fixtures.path("generic/rejects.jsonl")], into: db)
        #expect(summary.turns == 2)
        #expect(summary.rejects == 8)
        #expect(summary.rejectRate == 0.8)
        let reasons = try db.rows("SELECT line, reason FROM rejects ORDER BY line").map { (Int($0["line"].int64 ?? 0), $0["reason"].string ?? "") }
        #expect(reasons.map(\.0) == [2, 3, 4, 5, 6, 7, 8, 9])
        #expect(reasons[0].1.contains("invalid JSON"))
        #expect(reasons[1].1.contains("before 2000"))
        #expect(reasons[2].1.contains("unknown role 'wizard'"))
        #expect(reasons[3].1.contains("missing conversation id"))
        #expect(reasons[4].1.contains("without text"))
        #expect(reasons[5].1.contains("unknown event 'teleport'"))
        #expect(reasons[6].1.contains("outside 1–5"))
        #expect(reasons[7].1.contains("not a JSON object"))
        #expect(try db.scalar("SELECT raw FROM rejects WHERE line = 4")?.string?.contains("wizard") == true)
    }

    @Test func aConflictingDuplicateIdIsRejected() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        let path = try folder.write("dup.jsonl", """
            {"conversation_id":"a","message_id":"7","timestamp":"2026-11-02T09:00:00Z","role":"user","text":"original"}
            {"conversation_id":"a","message_id":"7","timestamp":"2026-11-02T09:00:00Z","role":"user","text":"original"}
            {"conversation_id":"a","message_id":"7","timestamp":"2026-11-02T09:00:00Z","role":"user","text":"changed"}

            """)
        let summary = try ingest([path], into: db)
        #expect(summary.turns == 1)
        #expect(summary.duplicates == 1)
        #expect(summary.rejects == 1)
        #expect(try db.scalar("SELECT reason FROM rejects")?.string?.contains("different content") == true)
        #expect(try db.scalar("SELECT text FROM turns")?.string == "original")
    }

    @Test func readsBOMCRLFGzipAndFoldersInSortedOrder() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        let csv = "\u{FEFF}conversation_id,timestamp,role,text\r\nz,2026-11-02T09:00:00Z,user,\"hello, there\"\r\n"
        try folder.write("in/b/second.csv", csv)
        try folder.write("in/a/first.jsonl", #"{"conversation_id":"y","timestamp":"2026-11-02T09:00:00Z","role":"user","text":"first"}"# + "\r\n")
        try folder.write("in/.hidden/skip.jsonl", #"{"conversation_id":"x","timestamp":"2026-11-02T09:00:00Z","role":"user","text":"hidden"}"# + "\n")
        try folder.write("in/notes.md", "not a log")
        let gzipped = try gzip(#"{"conversation_id":"w","timestamp":"2026-11-02T09:00:00Z","role":"user","text":"zipped 你好"}"# + "\n")
        try folder.write("in/c.jsonl.gz", bytes: gzipped)
        let summary = try ingest([folder.file("in")], into: db)
        #expect(summary.files == 3)
        #expect(summary.rejects == 0)
        let order = try db.rows("SELECT c.external_id FROM turns t JOIN conversations c ON c.id = t.conversation_id ORDER BY t.id").compactMap { $0[0].string }
        #expect(order == ["y", "z", "w"])
        #expect(try db.scalar("SELECT text FROM turns WHERE text LIKE 'zipped%'")?.string == "zipped 你好")
        #expect(try db.scalar("SELECT text FROM turns WHERE text LIKE 'hello%'")?.string == "hello, there")
        #expect(try db.count("SELECT compressed FROM sources WHERE path LIKE '%.gz'") == 1)
    }

    @Test func mapsCustomColumnsAndJSONPaths() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        let path = try folder.write("custom.jsonl", #"{"meta":{"chat":"k1"},"who":"human","body":"need help","at":"2026-11-02T09:00:00Z"}"# + "\n")
        let unmapped = try ingest([path], into: db)
        #expect(unmapped.rejects == 1)
        let db2 = try Database(path: folder.file("second.sqlite"))
        let mapped = try ingest([path], into: db2) { options in
            options.context.fields = try! FieldMap(mappings: ["conversation_id=meta.chat", "role=who", "text=body", "timestamp=at"])
        }
        #expect(mapped.turns == 1 && mapped.rejects == 0)
        #expect(try db2.scalar("SELECT external_id FROM conversations")?.string == "k1")
    }

    @Test func truncatedGzipKeepsWhatWasReadAndRejectsTheRest() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        var text = ""
        for i in 0..<400 {
            text += #"{"conversation_id":"t","message_id":"\#(i)","timestamp":"2026-11-02T09:00:00Z","role":"user","text":"message number \#(i) with some padding to make it longer"}"# + "\n"
        }
        let whole = try gzip(text)
        try folder.write("cut.jsonl.gz", bytes: Array(whole.prefix(whole.count / 2)))
        let summary = try ingest([folder.file("cut.jsonl.gz")], into: db)
        #expect(summary.turns > 0 && summary.turns < 400)
        #expect(try db.scalar("SELECT reason FROM rejects")?.string?.contains("gzip") == true)
    }

    // MARK: - Helpers

    /// A checksum over every table's content, leaving out run bookkeeping (the runs table and
    /// the sources' last-ingest time), which changes on every run by design.
    func checksum(_ db: Database) throws -> String {
        var hash = ContentHash()
        for table in ["sources", "conversations", "turns", "events", "rejects"] {
            for row in try db.rows("SELECT * FROM \(table) ORDER BY id") {
                for (column, value) in zip(row.columns, row.values) where column != "last_ingested_at" && column != "rejected_at" {
                    hash.update("\(column)=\(value);")
                }
            }
        }
        return ContentHash.hex(hash.digest())
    }

    func gzip(_ text: String) throws -> [UInt8] {
        let folder = try TemporaryFolder()
        let path = try folder.write("x", text)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-kf", path]
        try process.run()
        process.waitUntilExit()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path + ".gz")))
    }
}
