import Testing
@testable import ChatMine

@Suite struct FormatRasaTests {
    @Test func trackerDocument() throws {
        let store = try FormatTestStore()
        let summary = try store.ingest(["rasa/tracker.json"])
        #expect(summary.formats == ["rasa-json": 1])
        #expect(summary.rejects == 0)
        // One session: the conversation is named by the sender and the session's start.
        let id = "8c1f3e2a7b9d4c6e#2026-11-06T09:00:00.020Z"
        #expect(try store.conversationIDs() == [id])
        let turns = try store.turns(id)
        #expect(turns.map(\.role) == ["user", "bot", "user", "bot", "user", "bot", "user", "bot"])
        let users = turns.filter { $0.role == "user" }
        #expect(users.map(\.text) == ["hello", "where is my parcel? order 40777", "blorp fnord", "I want to speak to a human"])
        #expect(users.map(\.intent) == ["greet", "track_order", "nlu_fallback", "human_handoff"])
        #expect(users.map(\.confidence) == [0.9987, 0.9412, 0.7, 0.9731])
        // The handoff action pauses the conversation too; that is one handoff.
        #expect(try store.events(id) == [
            .init(kind: "api_call", name: "action_check_order_status", status: "ok", ok: 1),
            .init(kind: "fallback", name: "action_default_fallback"),
            .init(kind: "handoff", name: "action_human_handoff"),
        ])
        let info = try #require(try store.conversation(id))
        #expect(info.user == "8c1f3e2a7b9d4c6e")
        #expect(info.channel == "rest")
        #expect(info.started == 1_793_955_605_104)
    }

    @Test func eventBrokerStream() throws {
        let store = try FormatTestStore()
        let summary = try store.ingest(["rasa/event-broker.jsonl"])
        #expect(summary.formats == ["rasa": 1])
        #expect(summary.rejects == 0)
        let sessionA = "whatsapp:+4915112345678#2026-11-06T14:30:00.020Z"
        let senderB = "whatsapp:+4917698765432"
        #expect(try store.conversationIDs() == [sessionA, senderB])
        let a = try store.turns(sessionA)
        #expect(a.map(\.role) == ["user", "bot", "user", "bot", "bot", "user", "bot"])
        #expect(a.filter { $0.role == "user" }.map(\.intent) == ["greet", "cancel_booking", "inform_rating"])
        #expect(try store.events(sessionA) == [
            .init(kind: "api_call", name: "action_cancel_booking", status: "ok", ok: 1),
            .init(kind: "api_call", name: "action_issue_refund", status: "rejected", ok: 0),
            .init(kind: "csat", name: "csat", score: 4),
        ])
        #expect(try store.conversation(sessionA)?.channel == "twilio")
        let b = try store.turns(senderB)
        #expect(b.map(\.role) == ["user", "bot"])
        #expect(b[0].intent == "faq_opening_hours")
        #expect(b[0].confidence == 0.9534)
        #expect(try store.events(senderB).isEmpty)
    }
}
