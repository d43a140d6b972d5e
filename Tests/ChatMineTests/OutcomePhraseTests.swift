import Foundation
import Testing
@testable import ChatMine

/// Greetings and confirmations in English and Chinese, with negation.
@Suite("Outcome phrases")
struct OutcomePhraseTests {
    let matcher = PhraseMatcher(rules: .default)

    @Test("confirmations and thanks count", arguments: [
        "thanks!", "Thanks", "THANK YOU SO MUCH", "thank you so much", "that worked, thanks", "perfect, solved",
        "Thanks, that worked!", "thx 🙏", "ok thank you", "great, it works now", "Problem solved.",
        "谢谢", "谢谢，解决了", "好的，谢谢", "问题解决了", "好的谢谢！", "感谢🙏", "搞定了，多谢",
        "that's all I needed, thanks", "ｔｈａｎｋｓ", "not bad, thanks", "thanks 😊",
    ])
    func confirms(_ text: String) {
        #expect(matcher.isConfirmation(text))
    }

    @Test("negated or unrelated messages do not", arguments: [
        "no thanks, that didn't help", "No thanks", "thanks, but it still doesn't work", "that did not work",
        "it never worked, thanks for nothing", "thanks anyway", "没有解决", "还是不行，谢谢", "没用", "问题没有解决",
        "谢谢，但是没解决", "where is my order", "ok", "", "I want to talk to a human, thanks", "didn't help at all",
        "that doesn’t solve anything", "thanks for nothing", "thanks, can you also check my balance?", "谢谢，还有别的办法吗？",
    ])
    func doesNotConfirm(_ text: String) {
        #expect(!matcher.isConfirmation(text))
    }

    @Test("greetings alone are not engagement", arguments: [
        "hi", "Hello!", "hey there 👋", "Good morning", "你好", "您好！", "在吗？", "hi hi", "HELLO THERE", "", "  ", "你好呀", "哈喽", "哈喽～",
    ])
    func greetingOnly(_ text: String) {
        #expect(matcher.isOnlyGreeting(text))
    }

    @Test("a greeting with a request is engagement", arguments: [
        "hi, where is my order", "hello I need help", "你好，我的订单在哪", "hey can you reset my password", "thanks", "history",
    ])
    func engaging(_ text: String) {
        #expect(!matcher.isOnlyGreeting(text))
    }

    @Test("a conversation with a greeting, then thanks is resolved; a greeting alone unengaged")
    func classification() {
        let classifier = OutcomeClassifier(rules: .default)
        let thanked = ConversationLog(id: 1, turns: [
            ConversationTurn(id: 1, ts: 1000, role: "user", text: "hi"),
            ConversationTurn(id: 2, ts: 2000, role: "bot", text: "Hello"),
            ConversationTurn(id: 3, ts: 3000, role: "user", text: "where is my order", intent: "track_order", confidence: 0.9),
            ConversationTurn(id: 4, ts: 4000, role: "bot", text: "Tomorrow"),
            ConversationTurn(id: 5, ts: 5000, role: "user", text: "好的，谢谢"),
        ])
        #expect(classifier.classify(thanked).outcome == .resolved)
        let hello = ConversationLog(id: 2, turns: [ConversationTurn(id: 1, ts: 1000, role: "user", text: "hello")])
        #expect(classifier.classify(hello).outcome == .unengaged)
        // An agent turn escalates even a greeting-only conversation; escalation wins over a resolved event.
        let agent = ConversationLog(id: 3, turns: [
            ConversationTurn(id: 1, ts: 1000, role: "user", text: "hello"),
            ConversationTurn(id: 2, ts: 2000, role: "agent", text: "Hi, Sam here"),
        ], events: [ConversationEvent(id: 1, ts: 3000, kind: "resolved")])
        #expect(classifier.classify(agent).outcome == .escalated)
        // CSAT 3 does not resolve; 4 does.
        let csat3 = ConversationLog(id: 4, turns: [ConversationTurn(id: 1, ts: 1000, role: "user", text: "refund please", intent: "refund", confidence: 0.9)],
                                    events: [ConversationEvent(id: 1, ts: 2000, kind: "csat", score: 3)])
        #expect(classifier.classify(csat3).outcome == .abandoned)
        var csat4 = csat3
        csat4.events[0].score = 4
        #expect(classifier.classify(csat4).outcome == .resolved)
    }

    @Test("custom phrases from a rules file apply")
    func customRules() throws {
        let json = #"{"version": "shop-2", "confirmations": {"en": ["brill"], "zh": []}}"#
        let rules = try OutcomeRules.parse(Data(json.utf8), origin: "test")
        #expect(rules.version == "shop-2")
        #expect(rules.confidenceThreshold == 0.5)  // untouched keys keep defaults
        let matcher = PhraseMatcher(rules: rules)
        #expect(matcher.isConfirmation("brill, ta"))
        #expect(!matcher.isConfirmation("thanks"))
        #expect(try rules.hash() != OutcomeRules.default.hash())
        #expect(throws: ChatMineError.self) { try OutcomeRules.parse(Data(#"{"confidence": 0.4}"#.utf8), origin: "test") }
        #expect(throws: ChatMineError.self) { try OutcomeRules.parse(Data(#"{"confidence_threshold": 4}"#.utf8), origin: "test") }
    }
}
