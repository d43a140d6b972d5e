import Foundation
import Testing
@testable import ChatMine

/// `chatmine score` against a temporary database filled with plain SQL (schema v1 tables).
@Suite("Sentiment store")
struct SentimentStoreTests {
    let path: String
    let database: Database

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("score-\(UUID().uuidString).sqlite").path
        database = try Database(path: path)
    }

    func cleanUp() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Inserts a conversation with (role, text) turns in order; returns its id.
    @discardableResult
    func conversation(_ id: Int64, _ turns: [(String, String)]) throws -> Int64 {
        try database.execute("INSERT INTO conversations (id, external_id) VALUES (?, ?)", [id, "c\(id)"])
        for (offset, turn) in turns.enumerated() {
            try insertTurn(conversation: id, ts: Int64(offset), role: turn.0, text: turn.1)
        }
        return id
    }

    func insertTurn(conversation: Int64, ts: Int64, role: String, text: String) throws {
        let key = "\(conversation)-\(ts)-\(text)"
        try database.execute(
            "INSERT INTO turns (conversation_id, record_key, ts, role, text) VALUES (?, ?, ?, ?, ?)",
            [conversation, DatabaseValue.blob(Array(key.utf8)), ts, role, text])
    }

    func store() throws -> SentimentStore {
        try SentimentStore(database: database, scorer: SentimentScorer(lexicon: SentimentLexicon.builtIn()))
    }

    func summary(_ conversation: Int64) throws -> Row {
        try #require(try database.rows("SELECT * FROM conversation_sentiment WHERE conversation_id = ?", [conversation]).first)
    }

    @Test func aLaterRunReadsOnlyNewTurnsAndRescoreStartsOver() throws {
        defer { cleanUp() }
        try conversation(1, [("user", "great, thanks"), ("bot", "You're welcome")])
        #expect(try store().run().turnsScored == 2)
        let mark = try database.scalar("SELECT value FROM settings WHERE key = ?", [SentimentStore.scoredThroughKey])?.string
        #expect(mark == String(try #require(try database.scalar("SELECT max(id) FROM turns")?.int64)))
        // A new conversation and a late turn of the old one: both scored, nothing twice.
        try conversation(2, [("user", "this is useless")])
        try insertTurn(conversation: 1, ts: 9, role: "user", text: "still waiting for my refund")
        let second = try store().run()
        #expect(second.turnsScored == 2)
        #expect(second.conversationsUpdated == 2)
        #expect(try database.count("SELECT count(*) FROM turn_sentiment") == 4)
        #expect(try store().run().turnsScored == 0)
        #expect(try store().run(rescore: true).turnsScored == 4)
        #expect(try database.count("SELECT count(*) FROM turns t WHERE NOT EXISTS (SELECT 1 FROM turn_sentiment s WHERE s.turn_id = t.id)") == 0)
    }

    @Test func passesOfAFewTurnIdsGiveTheSameSummariesAsOnePass() throws {
        defer { cleanUp() }
        // Two conversations whose turns interleave, so passes of two ids split both of them.
        try database.execute("INSERT INTO conversations (id, external_id) VALUES (1, 'c1'), (2, 'c2')")
        let lines = [(1, "this is useless"), (2, "great, thanks"), (1, "I want to talk to a human"), (2, "perfect"),
                     (1, "still waiting, terrible service"), (2, "ok")]
        for (offset, line) in lines.enumerated() {
            try insertTurn(conversation: Int64(line.0), ts: Int64(offset), role: "user", text: line.1)
        }
        var chunked = try store()
        chunked.chunkIDs = 2
        let result = try chunked.run()
        #expect(result.turnsScored == 6)
        let inPasses = try database.rows("SELECT * FROM conversation_sentiment ORDER BY conversation_id").map(\.values)
        #expect(try store().run(rescore: true).turnsScored == 6)
        let inOnePass = try database.rows("SELECT * FROM conversation_sentiment ORDER BY conversation_id").map(\.values)
        #expect(inPasses.count == 2)
        #expect(inPasses == inOnePass)
        #expect(try summary(1)["user_turns"].int64 == 3)
    }

    @Test func scoresTurnsAndSummarisesConversations() throws {
        defer { cleanUp() }
        try conversation(1, [("user", "hi, my order is late"), ("bot", "Sorry to hear that!"), ("user", "thanks, that worked, great")])
        try conversation(2, [("user", "this is useless"), ("bot", "I did not get that"), ("user", "I want to talk to a human agent")])
        try conversation(3, [("bot", "Hello")])
        let result = try store().run()
        #expect(result.turnsScored == 7)
        #expect(result.conversationsUpdated == 3)
        #expect(try database.count("SELECT count(*) FROM turn_sentiment") == 7)
        #expect(try database.count("SELECT count(*) FROM turn_sentiment WHERE score < -1 OR score > 1") == 0)

        let happy = try summary(1)
        #expect(happy["user_turns"].int64 == 2)
        #expect((happy["first_to_last"].double ?? 0) > 0)
        #expect(happy["frustrated"].int64 == 0)
        #expect(happy["reasons"].isNull)
        let scores = try database.rows("""
            SELECT s.score FROM turn_sentiment s JOIN turns t ON t.id = s.turn_id
            WHERE t.conversation_id = 1 AND t.role = 'user' ORDER BY t.ts
            """).compactMap { $0[0].double }
        #expect(abs((happy["mean"].double ?? 9) - (scores[0] + scores[1]) / 2) < 1e-9)
        #expect(happy["minimum"].double == scores.min())

        let angry = try summary(2)
        #expect(angry["frustrated"].int64 == 1)
        #expect(angry["reasons"].string == "human,anger")

        let botOnly = try summary(3)
        #expect(botOnly["user_turns"].int64 == 0)
        #expect(botOnly["mean"].isNull)
        #expect(try database.scalar("SELECT value FROM settings WHERE key = 'sentiment.lexicon'")?.string == result.lexiconVersion)
    }

    @Test func isIncremental() throws {
        defer { cleanUp() }
        try conversation(1, [("user", "great, thanks")])
        try conversation(2, [("user", "where is my parcel")])
        let scoring = try store()
        #expect(try scoring.run().turnsScored == 2)
        let again = try scoring.run()
        #expect(again.turnsScored == 0)
        #expect(again.conversationsUpdated == 0)

        try insertTurn(conversation: 2, ts: 5, role: "user", text: "WHERE IS MY PARCEL!!!")
        try database.execute("UPDATE conversation_sentiment SET user_turns = 99 WHERE conversation_id = 1")
        let third = try scoring.run()
        #expect(third.turnsScored == 1)
        #expect(third.conversationsUpdated == 1)
        #expect(try summary(2)["user_turns"].int64 == 2)
        #expect(try summary(2)["reasons"].string == "shouting")
        // Conversation 1 got no new turn, so its row was left alone.
        #expect(try summary(1)["user_turns"].int64 == 99)

        let rescored = try scoring.run(rescore: true)
        #expect(rescored.turnsScored == 3)
        #expect(try summary(1)["user_turns"].int64 == 1)
    }

    @Test func flagsRephrasingProfanityAndChinese() throws {
        defer { cleanUp() }
        try conversation(1, [
            ("user", "how do I reset my password"), ("bot", "Sorry?"),
            ("user", "how can I reset my password"), ("bot", "Sorry?"),
            ("user", "reset my password how"),
        ])
        try conversation(2, [("user", "this damn app"), ("user", "我要转人工")])
        try conversation(3, [("user", "好的，谢谢"), ("user", "退款到账了，谢谢")])
        _ = try store().run()
        #expect(try summary(1)["reasons"].string == "rephrasing")
        #expect(try summary(2)["reasons"].string == "human,profanity")
        #expect(try summary(3)["frustrated"].int64 == 0)
        #expect((try summary(3)["mean"].double ?? 0) > 0)
    }

    @Test func aChangedLexiconIsReportedUntilRescore() throws {
        defer { cleanUp() }
        try conversation(1, [("user", "great")])
        _ = try store().run()
        let other = try SentimentStore(database: database, scorer: SentimentScorer(
            lexicon: SentimentLexicon(userLexicon: ("mine", "zorbly\t2\n"), mode: .extend)))
        try insertTurn(conversation: 1, ts: 9, role: "user", text: "zorbly")
        #expect(try other.run().previousLexiconVersion != nil)
        #expect(try database.scalar("SELECT value FROM settings WHERE key = 'sentiment.lexicon'")?.string == "mixed")
        #expect(try other.run().previousLexiconVersion == "mixed")
        let rescored = try other.run(rescore: true)
        #expect(rescored.previousLexiconVersion == nil)
        #expect(try other.run().previousLexiconVersion == nil)
    }

    @Test func deletingATurnCascades() throws {
        defer { cleanUp() }
        try conversation(1, [("user", "hello")])
        _ = try store().run()
        try database.execute("DELETE FROM turns")
        #expect(try database.count("SELECT count(*) FROM turn_sentiment") == 0)
    }
}
