import Testing
@testable import ChatMine

@Suite("Sentiment lines and signals")
struct SentimentLinesTests {
    @Test func oneResultPerLineInOrder() throws {
        let scorer = SentimentScorer(lexicon: try SentimentLexicon(userLexicon: ("t", "good\t2\nbad\t-2\n"), mode: .replace))
        let input = Array("good\r\nbad\n\nnothing here\ngood".utf8)
        let output = String(decoding: LineScoring.run(input, scorer: scorer, layout: .scoresAndText), as: UTF8.self)
        // 2 / sqrt(4 + 25) = 0.3714
        #expect(output == "0.3714\tpositive\tgood\n-0.3714\tnegative\tbad\n0.0000\tneutral\t\n0.0000\tneutral\tnothing here\n0.3714\tpositive\tgood\n")
        #expect(LineScoring.run([], scorer: scorer, layout: .scores).isEmpty)
    }

    @Test func manyLinesKeepTheirOrder() throws {
        let scorer = SentimentScorer(lexicon: try SentimentLexicon(userLexicon: ("t", "good\t2\nbad\t-2\n"), mode: .replace))
        let lines = (0..<20_000).map { $0 % 3 == 0 ? "bad" : "good" }
        let output = String(decoding: LineScoring.run(Array((lines.joined(separator: "\n") + "\n").utf8), scorer: scorer, layout: .scores), as: UTF8.self)
        let labels = output.split(separator: "\n").map { $0.split(separator: "\t")[1] }
        #expect(labels.count == lines.count)
        #expect(labels.enumerated().allSatisfy { ($0.offset % 3 == 0) == ($0.element == "negative") })
    }

    @Test func shouting() {
        #expect(FrustrationSignals.isShouting("WHERE IS MY ORDER"))
        #expect(FrustrationSignals.isShouting("where is it!!!"))
        #expect(FrustrationSignals.isShouting("为什么！！！"))
        #expect(!FrustrationSignals.isShouting("my PIN at the ATM does not work"))
        #expect(!FrustrationSignals.isShouting("OK"))
    }

    @Test func rephrasingNeedsTwoRepeats() throws {
        let signals = try FrustrationSignals.builtIn()
        func turns(_ texts: [String]) -> [ConversationSentiment.UserTurn] { texts.map { .init(text: $0, score: 0) } }
        let once = ConversationSentiment(userTurns: turns(["where is my order", "where is my order now"]), signals: signals)
        #expect(once.reasons.isEmpty)
        let twice = ConversationSentiment(userTurns: turns(["where is my order", "where is my order now", "my order where is it"]), signals: signals)
        #expect(twice.reasons == [.rephrasing])
        let chinese = ConversationSentiment(userTurns: turns(["我的订单在哪里", "我的订单到底在哪里", "订单在哪里"]), signals: signals)
        #expect(chinese.reasons == [.rephrasing])
        let different = ConversationSentiment(userTurns: turns(["hi", "I want to change my address", "and my phone number too"]), signals: signals)
        #expect(different.reasons.isEmpty)
    }

    @Test func humanProfanityAndAngerWords() throws {
        let signals = try FrustrationSignals.builtIn()
        #expect(signals.reasons(in: "Can I talk to a real person?", score: 0) == [.human])
        #expect(signals.reasons(in: "转人工", score: 0) == [.human])
        #expect(signals.reasons(in: "this is ridiculous", score: 0) == [.anger])
        #expect(signals.reasons(in: "what the fuck", score: 0) == [.profanity])
        #expect(signals.reasons(in: "hello, class", score: 0).isEmpty)
        #expect(signals.reasons(in: "fine", score: -0.9) == [.anger])
    }
}
