import Foundation
import Testing
@testable import ChatMine

@Suite struct FormatEdgeCaseTests {
    @Test func badLexRecordIsRejectedAndTheRestKept() throws {
        let store = try FormatTestStore()
        let lines = try String(contentsOfFile: FormatTestStore.fixtures + "/lex/conversation-logs.jsonl", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let broken = #"{"timestamp": "2026-11-03T08:00:30.000Z", "messageVersion": "2.0", "requestId": "r-broken", "inputTranscript": "hello?", "bot": {"name": "OrderSupportBot"}}"#
        let path = store.directory + "/lex.jsonl"
        try (Array(lines[0..<2]) + [broken] + Array(lines[2...])).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        let summary = try store.ingest([path])
        #expect(summary.formats == ["lex": 1])
        #expect(summary.rejects == 1)
        #expect(summary.turns == 12)
        let reject = try #require(try store.db.rows("SELECT line, reason FROM rejects").first)
        #expect(reject["line"].int64 == 3)
        #expect(reject["reason"].string == "no sessionId")
    }

    @Test func brokenOpenAILinesAreRejectedWithTheirReason() throws {
        let store = try FormatTestStore()
        let good = #"{"id": "c1", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hi", "timestamp": "2026-11-02T09:00:00Z"}, {"role": "system", "content": "The user is a premium customer."}, {"role": "assistant", "content": "hello"}]}"#
        let lines = [
            good,
            #"{"id": "c2", "messages": [{"role": "user", "content": "cut off"#,
            #"{"id": "c3", "messages": [{"role": "wizard", "content": "abracadabra"}]}"#,
            #"{"id": "c4", "messages": {"role": "user"}}"#,
        ]
        let path = store.directory + "/chats.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let summary = try store.ingest([path], format: "openai")
        #expect(summary.turns == 3)
        #expect(summary.rejects == 3)
        // The leading prompt is dropped; a system message within the conversation is kept.
        #expect(try store.turns("c1").map(\.role) == ["user", "system", "bot"])
        let reasons = try store.db.rows("SELECT line, reason FROM rejects ORDER BY line").map { "\($0["line"].int64 ?? 0): \($0["reason"].string ?? "")" }
        #expect(reasons.count == 3)
        #expect(reasons.first?.hasPrefix("2: invalid JSON") == true)
        #expect(reasons.dropFirst().first == "3: message 1 has an unknown role 'wizard'")
        #expect(reasons.last == "4: no \"messages\" array")
        #expect(try store.conversation("c1")?.started == 1_793_610_000_000)
    }

    @Test func grownLexLogIsResumedWhereItStopped() throws {
        let store = try FormatTestStore()
        let lines = try String(contentsOfFile: FormatTestStore.fixtures + "/lex/conversation-logs.jsonl", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let path = store.directory + "/lex.jsonl"
        try (lines[0..<3].joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let first = try store.ingest([path])
        #expect(first.turns == 6)
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let second = try store.ingest([path])
        #expect(second.resumedFiles == 1)
        #expect(second.turns == 6)
        #expect(second.duplicates == 0)
        #expect(second.events == 4)
        #expect(try store.turns("b6f0c3d1-7e2a-4a9b-8c5d-1e2f3a4b5c6d").count == 8)
    }

    @Test func trackerFetchedAgainStoresOnlyTheNewEvents() throws {
        let store = try FormatTestStore()
        try store.ingest(["rasa/tracker.json"])
        let data = try Data(contentsOf: URL(fileURLWithPath: FormatTestStore.fixtures + "/rasa/tracker.json"))
        var tracker = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var events = try #require(tracker["events"] as? [[String: Any]])
        events.append(["event": "user", "timestamp": 1_793_955_700.5, "text": "thanks, bye",
                       "parse_data": ["intent": ["name": "goodbye", "confidence": 0.99]], "input_channel": "rest",
                       "message_id": "77aa88bb99cc4d0e1f2a3b4c5d6e7f80"])
        events.append(["event": "bot", "timestamp": 1_793_955_700.7, "text": "Goodbye!"])
        tracker["events"] = events
        let later = store.directory + "/tracker-later.json"
        try JSONSerialization.data(withJSONObject: tracker, options: [.prettyPrinted]).write(to: URL(fileURLWithPath: later))

        let summary = try store.ingest([later])
        #expect(summary.rejects == 0)
        #expect(summary.turns == 2)
        #expect(summary.events == 0)
        let turns = try store.turns("8c1f3e2a7b9d4c6e#2026-11-06T09:00:00.020Z")
        #expect(turns.count == 10)
        #expect(turns.suffix(2).map(\.text) == ["thanks, bye", "Goodbye!"])
    }

    @Test func botFrameworkRolesInferredWithoutRoleFields() throws {
        let store = try FormatTestStore()
        let transcript = """
            [
              {"type": "conversationUpdate", "id": "a0", "timestamp": "2026-11-05T10:00:00Z", "channelId": "webchat",
               "from": {"id": "u-77"}, "recipient": {"id": "helpbot"}, "conversation": {"id": "conv-x"}},
              {"type": "message", "id": "a1", "timestamp": "2026-11-05T10:00:02Z", "channelId": "webchat",
               "from": {"id": "u-77"}, "recipient": {"id": "helpbot"}, "conversation": {"id": "conv-x"}, "text": "hello"},
              {"type": "message", "id": "a2", "timestamp": "2026-11-05T10:00:03Z", "channelId": "webchat",
               "from": {"id": "helpbot"}, "recipient": {"id": "u-77"}, "conversation": {"id": "conv-x"},
               "attachments": [{"contentType": "application/vnd.microsoft.card.hero", "content": {"title": "How can I help?"}}]}
            ]
            """
        let path = store.directory + "/chat.transcript"
        try transcript.write(toFile: path, atomically: true, encoding: .utf8)
        let summary = try store.ingest([path])
        #expect(summary.formats == ["botframework": 1])
        #expect(try store.turns("conv-x") == [
            .init(role: "user", text: "hello"),
            .init(role: "bot", text: "How can I help?"),
        ])
        #expect(try store.conversation("conv-x")?.user == "u-77")
    }

    @Test func failedToolResults() {
        #expect(Platform.resultIndicatesFailure(#"{"error": {"message": "boom"}}"#))
        #expect(Platform.resultIndicatesFailure(#"  {"success": false}"#))
        #expect(Platform.resultIndicatesFailure(#"{"status": 503}"#))
        #expect(Platform.resultIndicatesFailure("Error: order not found"))
        #expect(!Platform.resultIndicatesFailure(#"{"error": null, "status": "shipped"}"#))
        #expect(!Platform.resultIndicatesFailure("The order shipped yesterday."))
    }

    @Test func handoffAndCSATNames() {
        #expect(Platform.isHandoff("action_human_handoff"))
        #expect(Platform.isHandoff("TransferToAgent"))
        #expect(Platform.isHandoff("speak_to_human"))
        #expect(!Platform.isHandoff("action_check_order_status"))
        #expect(!Platform.isHandoff("TravelAgentBooking"))
        #expect(Platform.csatScore(name: "CSAT_Score", value: .string("4")) == 4)
        #expect(Platform.csatScore(name: "rating", value: .number("7")) == nil)
        #expect(Platform.csatScore(name: "order_id", value: .number("3")) == nil)
    }
}
