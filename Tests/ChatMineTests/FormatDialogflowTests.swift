import Testing
@testable import ChatMine

@Suite struct FormatDialogflowTests {
    @Test func bigQueryExportRows() throws {
        let store = try FormatTestStore()
        let summary = try store.ingest(["dialogflow-cx/interaction-logs.jsonl"])
        #expect(summary.formats == ["dialogflow-cx": 1])
        #expect(summary.rejects == 0)
        let first = "dfMessenger-4821937750"
        let turns = try store.turns(first)
        #expect(turns.map(\.role) == ["user", "bot", "user", "bot", "user", "bot", "user", "bot"])
        let users = turns.filter { $0.role == "user" }
        #expect(users.map(\.intent) == ["Default Welcome Intent", "account.reset_password", nil, "live_agent"])
        #expect(users.map(\.confidence) == [1.0, 0.87, 0.21, 0.95])
        #expect(try store.events(first) == [
            .init(kind: "api_call", name: "reset-password-hook", status: "OK", ok: 1, latency: 412),
            .init(kind: "fallback", name: "NO_MATCH"),
            .init(kind: "handoff"),
        ])
        let info = try #require(try store.conversation(first))
        #expect(info.channel == "web")
        #expect(info.started == 1_793_805_601_104)

        let second = "dfMessenger-5530182264"
        let secondTurns = try store.turns(second)
        #expect(secondTurns.filter { $0.role == "user" }.map(\.intent) == ["order.track", "PARAMETER_FILLING"])
        #expect(try store.events(second) == [
            .init(kind: "api_call", name: "order-tracking", status: "UNAVAILABLE", ok: 0, latency: 5003),
            .init(kind: "resolved"),
            .init(kind: "csat", name: "csat", score: 5),
            .init(kind: "session_end"),
        ])
    }

    @Test func bigQueryJSONDownload() throws {
        let store = try FormatTestStore()
        let summary = try store.ingest(["dialogflow-cx/bigquery-results.json"])
        #expect(summary.formats == ["dialogflow-cx-json": 1])
        #expect(try store.turns("dfMessenger-5530182264").map(\.role) == ["user", "bot"])
        #expect(try store.events("dfMessenger-5530182264").map(\.ok) == [0])
    }
}
