import Foundation
import Testing
@testable import ChatMine

@Suite struct FormatOpenAITests {
    @Test func turnsWithoutNLUAreNotFallbacksButGenericOnesAre() throws {
        let store = try FormatTestStore()
        try store.ingest(["openai/support-chats.jsonl"])
        // The same kind of turn, a user message with no intent, from a log that does carry NLU.
        let generic = (store.directory as NSString).appendingPathComponent("generic.jsonl")
        try Data(#"{"conversation_id":"g1","timestamp":"2026-11-02T09:00:00Z","role":"user","text":"my parcel never came"}"#.utf8)
            .write(to: URL(fileURLWithPath: generic))
        try store.ingest([generic])
        _ = try OutcomeEngine.refresh(db: store.db)
        let openai = try store.db.rows("""
            SELECT sum(o.fallback_turns), sum(o.bot_user_turns) FROM outcomes o
            JOIN conversations c ON c.id = o.conversation_id WHERE c.external_id != 'g1'
            """)[0]
        // OpenAI transcripts log no intents: their user turns say nothing about understanding.
        #expect(openai[0].int64 == 0)
        #expect((openai[1].int64 ?? 0) > 0)
        let plain = try store.db.rows("""
            SELECT o.fallback_turns, o.bot_user_turns FROM outcomes o
            JOIN conversations c ON c.id = o.conversation_id WHERE c.external_id = 'g1'
            """)[0]
        #expect(plain[0].int64 == 1 && plain[1].int64 == 1)
    }

    @Test func chatTranscriptsWithToolCalls() throws {
        let store = try FormatTestStore()
        let summary = try store.ingest(["openai/support-chats.jsonl"])
        #expect(summary.formats == ["openai": 1])
        #expect(summary.rejects == 0)
        #expect(summary.turns == 9)
        #expect(summary.events == 5)

        let first = try store.turns("conv_7Qm2Xc")
        // The leading system prompt is configuration, not a turn.
        #expect(first.map(\.role) == ["user", "bot", "user", "bot"])
        #expect(first[0].text == "Hi, where is my order 40213?")
        #expect(first[2].text == "Great, thanks!")
        #expect(first.allSatisfy { $0.intent == nil })
        #expect(try store.events("conv_7Qm2Xc") == [
            .init(kind: "api_call", name: "get_order_status", status: "ok", ok: 1),
            .init(kind: "csat", score: 5),
        ])
        let info = try #require(try store.conversation("conv_7Qm2Xc"))
        #expect(info.user == "cust-1001")
        #expect(info.channel == "web")
        #expect(info.started == 1_793_610_900_000)

        #expect(try store.turns("conv_9Ls4Tb").map(\.role) == ["user", "bot", "bot"])
        #expect(try store.events("conv_9Ls4Tb") == [
            .init(kind: "api_call", name: "get_payments", status: "error", ok: 0),
            .init(kind: "handoff", name: "transfer_to_human_agent"),
            .init(kind: "api_call", name: "transfer_to_human_agent", status: "ok", ok: 1),
        ])

        // The third conversation has no id: it gets a stable one derived from its bytes.
        let unnamed = try store.conversationIDs().filter { $0.hasPrefix("openai-") }
        #expect(unnamed.count == 1)
        let turns = try store.turns(try #require(unnamed.first))
        #expect(turns.map(\.role) == ["user", "bot"])
        #expect(turns[0].text == "are you open on sunday?")

        // Reading the file again stores nothing new.
        let again = try store.ingest(["openai/support-chats.jsonl"])
        #expect(again.turns == 0 && again.events == 0)
        #expect(try store.conversationIDs().count == 3)
    }

    @Test func conversationArrayDocument() throws {
        let store = try FormatTestStore()
        let summary = try store.ingest(["openai/conversations.json"])
        #expect(summary.formats == ["openai-json": 1])
        #expect(summary.rejects == 0)
        #expect(try store.turns("thread_R2d7").map(\.role) == ["user", "bot"])
        #expect(try store.events("thread_R2d7") == [.init(kind: "api_call", name: "update_address", status: "error", ok: 0)])
        let info = try #require(try store.conversation("thread_R2d7"))
        #expect(info.user == "cust-3003")
        #expect(info.started == 1_793_871_000_000)
        #expect(try store.turns("thread_K9p1").map(\.role) == ["user", "bot"])
        #expect(try store.events("thread_K9p1").isEmpty)
    }
}
