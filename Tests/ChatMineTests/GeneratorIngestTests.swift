import Foundation
import Testing
@testable import ChatMine

/// Generated logs ingested into a store agree with the generator's truth: the outcome rules,
/// returns, CSAT and intents hold for what was stored, not only for what was written.
@Suite struct GeneratorIngestTests {
    @Test(arguments: [GeneratedLogFormat.jsonl, .csv])
    func storedConversationsAgreeWithTheTruth(format: GeneratedLogFormat) throws {
        let folder = try TemporaryFolder()
        var options = GeneratorOptions(conversations: 500, seed: 31, language: .mixed, format: format)
        options.unknownShare = 0.3
        let (log, truthBytes) = try GeneratedSample.bytes(options)
        let path = try folder.write("log.\(format.rawValue)", bytes: log)
        let db = try folder.database()
        let summary = try ingest([path], into: db)
        #expect(summary.rejects == 0)

        let truth = try GeneratedSample.jsonLines(truthBytes)
        let truths = truth.filter { $0["type"] as? String == "conversation" }
        let turnTruths = truth.filter { $0["type"] as? String == "turn" }
        let stored = try Self.storedConversations(db)
        try #require(stored.count == truths.count)

        var startsByUser: [String: [Int64]] = [:]
        for conversation in stored {
            if let user = conversation.userID { startsByUser[user, default: []].append(conversation.start) }
        }
        for (conversation, expected) in zip(stored, truths) {
            #expect(conversation.id == expected["conversation_id"] as? String)
            #expect(conversation.userID == expected["user_id"] as? String)
            let derived = TruthCheckRules.outcome(conversation)
            #expect(derived.outcome == expected["outcome"] as? String, "\(conversation.id)")
            let score = conversation.records.first { $0["event"] as? String == "csat" }?["score"] as? Int
            #expect(score == expected["csat"] as? Int, "\(conversation.id) csat")
            let later = conversation.userID.flatMap { startsByUser[$0] }?.filter { $0 > conversation.end } ?? []
            #expect(later.contains { $0 - conversation.end <= 86_400_000 } == expected["returns_within_24h"] as? Bool, "\(conversation.id) 24 h")
            #expect(later.contains { $0 - conversation.end <= 7 * 86_400_000 } == expected["returns_within_7d"] as? Bool, "\(conversation.id) 7 d")
        }

        let storedUserTurns = try db.rows("SELECT message_id, intent, confidence FROM turns WHERE role = 'user'")
        #expect(storedUserTurns.count == turnTruths.count)
        let storedByID = Dictionary(uniqueKeysWithValues: storedUserTurns.compactMap { row in row["message_id"].string.map { ($0, row) } })
        for turn in turnTruths where turn["known"] as? Bool == true {
            let id = try #require(turn["message_id"] as? String)
            let row = try #require(storedByID[id], "turn \(id) not stored")
            #expect(row["intent"].string == turn["intent"] as? String, "\(id)")
        }
    }

    /// The store's conversations as read-back records (turns and events in file order).
    private static func storedConversations(_ db: Database) throws -> [ReadBackConversation] {
        let conversations = try db.rows("SELECT id, external_id, user_id FROM conversations ORDER BY external_id")
        let turns = try db.rows("SELECT conversation_id, message_id, role, text, intent, confidence, ts, source_line FROM turns")
        let events = try db.rows("SELECT conversation_id, kind, score, ts, source_line FROM events")
        var items: [Int64: [(line: Int64, time: Int64, record: [String: Any])]] = [:]
        for row in turns {
            var record: [String: Any] = ["role": row["role"].string ?? "", "text": row["text"].string ?? ""]
            record["message_id"] = row["message_id"].string
            record["intent"] = row["intent"].string
            record["confidence"] = row["confidence"].double
            items[row["conversation_id"].int64 ?? -1, default: []].append((row["source_line"].int64 ?? 0, row["ts"].int64 ?? -1, record))
        }
        for row in events {
            var record: [String: Any] = ["event": row["kind"].string ?? ""]
            record["score"] = row["score"].double.map { Int($0) }
            items[row["conversation_id"].int64 ?? -1, default: []].append((row["source_line"].int64 ?? 0, row["ts"].int64 ?? -1, record))
        }
        return conversations.map { row in
            let ordered = (items[row["id"].int64 ?? -1] ?? []).sorted { $0.line < $1.line }
            var conversation = ReadBackConversation(id: row["external_id"].string ?? "", userID: row["user_id"].string)
            conversation.records = ordered.map(\.record)
            conversation.times = ordered.map(\.time)
            return conversation
        }
    }
}

/// `--id-prefix`: days generated separately share one store without their ids colliding.
@Suite struct GeneratorIDPrefixTests {
    @Test func prefixedDaysIngestSideBySide() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        var total = 0
        for day in ["d1-", "d2-"] {
            var options = GeneratorOptions(conversations: 40, seed: 5, days: 1)
            options.idPrefix = day
            let (log, truth) = try GeneratedSample.bytes(options)
            let ids = try GeneratedSample.jsonLines(truth).compactMap { $0["conversation_id"] as? String }
            #expect(!ids.isEmpty && ids.allSatisfy { $0.hasPrefix(day + "c") })
            total += Set(ids).count
            let summary = try ingest([try folder.write("\(day)log.jsonl", bytes: log)], into: db)
            #expect(summary.rejects == 0)
        }
        // Same seed, same plan: without the prefix the second day would collide with the first.
        #expect(total == 80)
        #expect(try db.count("SELECT count(*) FROM conversations") == 80)
    }

    @Test func prefixesThatWouldNeedEscapingAreRefused() {
        #expect(GeneratorOptions.isValidIDPrefix("day-2026.11_01"))
        #expect(GeneratorOptions.isValidIDPrefix(""))
        #expect(!GeneratorOptions.isValidIDPrefix("d\"1"))
        #expect(!GeneratorOptions.isValidIDPrefix("d 1"))
        #expect(!GeneratorOptions.isValidIDPrefix("日"))
        #expect(!GeneratorOptions.isValidIDPrefix(String(repeating: "a", count: 33)))
    }
}
