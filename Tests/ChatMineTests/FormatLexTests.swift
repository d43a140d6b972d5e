import Testing
@testable import ChatMine

@Suite struct FormatLexTests {
    @Test func conversationLogLines() throws {
        let store = try FormatTestStore()
        let summary = try store.ingest(["lex/conversation-logs.jsonl"])
        #expect(summary.formats == ["lex": 1])
        #expect(summary.rejects == 0)
        let first = "b6f0c3d1-7e2a-4a9b-8c5d-1e2f3a4b5c6d"
        let turns = try store.turns(first)
        #expect(turns.map(\.role) == ["user", "bot", "user", "bot", "user", "bot", "user", "bot"])
        let users = turns.filter { $0.role == "user" }
        #expect(users.map(\.intent) == ["CheckOrderStatus", "CheckOrderStatus", "FallbackIntent", "Survey"])
        #expect(users.map(\.confidence) == [0.92, 1.0, nil, 0.88])
        #expect(turns[1].text == "Sure. What is your order number?")
        #expect(try store.events(first) == [
            .init(kind: "api_call", name: "CheckOrderStatus", status: "Fulfilled", ok: 1),
            .init(kind: "fallback", name: "FallbackIntent"),
            .init(kind: "api_call", name: "Survey", status: "Fulfilled", ok: 1),
            .init(kind: "csat", name: "csat", score: 4),
        ])
        let info = try #require(try store.conversation(first))
        #expect(info.channel == "Slack")
        #expect(info.started == 1_793_692_805_120)

        // The second session; its last line carries CloudWatch's export prefix.
        let second = "c7a1d4e2-8f3b-4b0c-9d6e-2f3a4b5c6d7e"
        let secondTurns = try store.turns(second)
        #expect(secondTurns.map(\.text) == ["cancel order 40999", "I couldn't cancel order 40999 right now.", "let me talk to an agent", "Transferring you to an agent."])
        #expect(try store.events(second) == [
            .init(kind: "api_call", name: "CancelOrder", status: "Failed", ok: 0),
            .init(kind: "handoff", name: "TransferToAgent"),
        ])
        #expect(try store.conversation(second)?.user == "cust-4040")
    }

    @Test func filterLogEventsOutput() throws {
        let store = try FormatTestStore()
        let summary = try store.ingest(["lex/filter-log-events.json"])
        #expect(summary.formats == ["lex-json": 1])
        #expect(summary.rejects == 0)
        let turns = try store.turns("b6f0c3d1-7e2a-4a9b-8c5d-1e2f3a4b5c6d")
        #expect(turns.map(\.text) == ["I want to check my order status", "Sure. What is your order number?", "40213", "Order 40213 shipped yesterday and arrives on Thursday."])
        #expect(try store.events("b6f0c3d1-7e2a-4a9b-8c5d-1e2f3a4b5c6d") == [.init(kind: "api_call", name: "CheckOrderStatus", status: "Fulfilled", ok: 1)])
    }
}
