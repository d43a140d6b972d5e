import Testing
@testable import ChatMine

@Suite struct FormatBotFrameworkTests {
    @Test func transcriptWithRecognizerTracesAndHandoff() throws {
        let store = try FormatTestStore()
        let summary = try store.ingest(["botframework/billing-chat.transcript"])
        #expect(summary.formats == ["botframework": 1])
        #expect(summary.rejects == 0)
        let id = "8a684db1-3c5e-11f1-9b2a-8d7e6f5a4b3c|livechat"
        #expect(try store.conversationIDs() == [id])
        let turns = try store.turns(id)
        #expect(turns.map(\.role) == ["bot", "user", "bot", "user", "bot"])
        let users = turns.filter { $0.role == "user" }
        #expect(users.map(\.text) == ["I was charged twice this month", "can I talk to a real person about a refund"])
        #expect(users.map(\.intent) == ["Billing_DoubleCharge", "Agent_Request"])
        #expect(users.map(\.confidence) == [0.9412, 0.8836])
        #expect(try store.events(id) == [
            .init(kind: "handoff", name: "handoff.initiate"),
            .init(kind: "session_end", name: "completedSuccessfully"),
        ])
        let info = try #require(try store.conversation(id))
        #expect(info.user == "dl_4f9b2c7e1a")
        #expect(info.channel == "directline")
        #expect(info.started == 1_793_869_201_532)
    }
}
