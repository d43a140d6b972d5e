import Foundation
import Testing
@testable import ChatMine

/// The writer stores turns and events many rows per INSERT; these batches are large enough to go
/// through that path and check that it keeps the one-row-at-a-time meaning.
@Suite struct LogWriterBulkTests {
    /// 100 turns with ids, 40 events without ids, spread over 5 conversations; `changed` turns
    /// (by message number) get another text.
    private func log(changed: Set<Int> = []) -> String {
        var lines: [String] = []
        for n in 0..<100 {
            let conversation = "c\(n / 20)"
            let text = changed.contains(n) ? "changed \(n)" : (n % 10 == 0 ? "ok" : "text \(n) — ünïcode")
            let intent = n % 3 == 0 ? #","intent":"track_order","confidence":0.9"# : ""
            lines.append(#"{"conversation_id":"\#(conversation)","message_id":"m\#(n)","timestamp":"2026-11-02T09:\#(String(format: "%02d", n % 60)):00Z","role":"\#(n % 2 == 0 ? "user" : "bot")","text":"\#(text)"\#(intent),"channel":"web","user_id":"u\#(n / 20)"}"#)
            if n % 5 == 4 {
                lines.append(#"{"conversation_id":"\#(conversation)","timestamp":"2026-11-02T10:00:\#(String(format: "%02d", n % 60))Z","event":"api_call","name":"order_status","status":"\#(n % 2 == 0 ? "ok" : "error")","latency_ms":\#(n)}"#)
            }
            if n % 20 == 19 {
                lines.append(#"{"conversation_id":"\#(conversation)","timestamp":"2026-11-02T11:00:00Z","event":"csat","score":4}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aLargeBatchStoresEveryRecordWithItsValues() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        let summary = try ingest([try folder.write("a.jsonl", log())], into: db)
        #expect(summary.turns == 100)
        #expect(summary.events == 25)
        #expect(summary.duplicates == 0)
        #expect(summary.rejects == 0)
        #expect(try db.count("SELECT count(*) FROM conversations") == 5)
        // Short texts are stored like long ones; absent intents as NULL.
        #expect(try db.count("SELECT count(*) FROM turns WHERE text = 'ok'") == 10)
        #expect(try db.count("SELECT count(*) FROM turns WHERE intent IS NULL") == 66)
        #expect(try db.scalar("SELECT text FROM turns WHERE message_id = 'm7'")?.string == "text 7 — ünïcode")
        #expect(try db.scalar("SELECT role FROM turns WHERE message_id = 'm7'")?.string == "bot")
        #expect(try db.scalar("SELECT confidence FROM turns WHERE message_id = 'm9'")?.double == 0.9)
        #expect(try db.count("SELECT count(*) FROM events WHERE kind = 'api_call' AND ok = 0") == 10)
        #expect(try db.scalar("SELECT latency_ms FROM events WHERE kind = 'api_call' ORDER BY id LIMIT 1")?.double == 4)
        #expect(try db.count("SELECT count(*) FROM events WHERE kind = 'csat' AND score = 4") == 5)
        // Turns keep the file's order and their conversations.
        let lines = try db.rows("SELECT source_line FROM turns ORDER BY id").compactMap { $0[0].int64 }
        #expect(lines == lines.sorted())
        #expect(try db.scalar("SELECT c.external_id FROM turns t JOIN conversations c ON c.id = t.conversation_id WHERE t.message_id = 'm45'")?.string == "c2")
    }

    @Test func aSecondCopyWithSomeChangedTurnsGivesDuplicatesAndConflicts() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        _ = try ingest([try folder.write("a.jsonl", log())], into: db)
        let changed: Set<Int> = [3, 33, 34, 77]
        let summary = try ingest([try folder.write("b.jsonl", log(changed: changed))], into: db)
        #expect(summary.turns == 0)
        #expect(summary.events == 0)
        #expect(summary.rejects == 4)
        #expect(summary.duplicates == 100 - 4 + 25)
        let reasons = try db.rows("SELECT reason FROM rejects ORDER BY line").compactMap { $0[0].string }
        #expect(reasons.count == 4)
        #expect(reasons.first?.contains("duplicate message id 'm3'") == true)
        #expect(reasons.last?.contains("duplicate message id 'm77'") == true)
        #expect(try db.scalar("SELECT text FROM turns WHERE message_id = 'm33'")?.string == "text 33 — ünïcode")
    }

    @Test func duplicatesInsideOneBatchAreToldApartFromConflicts() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        // The same 100 turns twice in one file, the second time with two texts changed.
        let summary = try ingest([try folder.write("a.jsonl", log() + log(changed: [50, 51]))], into: db)
        #expect(summary.turns == 100)
        // Events without ids are told apart by their place in the file, so the second copy's are new.
        #expect(summary.events == 50)
        #expect(summary.rejects == 2)
        #expect(summary.duplicates == 98)
    }
}
