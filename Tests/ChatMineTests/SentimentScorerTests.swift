import Testing
@testable import ChatMine

/// Hand-checked sentences against the built-in lexicon: the sign and the order of scores.
@Suite("Sentiment scorer")
struct SentimentScorerTests {
    let scorer: SentimentScorer

    init() throws {
        scorer = SentimentScorer(lexicon: try SentimentLexicon.builtIn())
    }

    @Test(arguments: [
        "I love this, thank you so much!",
        "Great service, the agent was really helpful",
        "thanks, that worked",
        "not bad at all",
        "Problem solved 👍",
        "can't complain",
        "这家酒店非常干净，服务很好",
        "谢谢，解决了",
        "房间不错，早餐也很丰富",
        "不贵，性价比高",
        "app很好用，推荐",
    ])
    func positive(_ text: String) {
        #expect(scorer.score(text) >= 0.05, "\(text) scored \(scorer.score(text))")
    }

    @Test(arguments: [
        "This is useless, I want a refund",
        "still waiting for my refund",
        "the app keeps crashing, so frustrating",
        "I HATE this",
        "not happy with the service",
        "worst customer service ever :(",
        "太差了，再也不会来了",
        "我要投诉，没人管",
        "一点也不满意",
        "服务态度很差，房间又脏又小",
        "这个app太垃圾了",
    ])
    func negative(_ text: String) {
        #expect(scorer.score(text) <= -0.05, "\(text) scored \(scorer.score(text))")
    }

    @Test(arguments: ["where is my order", "I need to change my address", "我出差去北京", "差不多三点到", "请问银行卡怎么充值", "ok 12345"])
    func neutral(_ text: String) {
        #expect(abs(scorer.score(text)) < 0.3, "\(text) scored \(scorer.score(text))")
    }

    @Test func negationFlipsBuiltInWords() {
        #expect(scorer.score("helpful") > 0)
        #expect(scorer.score("not helpful") < 0)
        #expect(scorer.score("满意") > 0)
        #expect(scorer.score("不满意") < 0)
        #expect(scorer.score("没有问题") > 0)
    }

    @Test func intensityOrdering() {
        #expect(scorer.score("very good") > scorer.score("good"))
        #expect(scorer.score("good") > scorer.score("kind of good"))
        #expect(scorer.score("GOOD job guys") > scorer.score("good job guys"))
        #expect(scorer.score("sooooo good") > scorer.score("so good"))
        #expect(scorer.score("非常满意") > scorer.score("满意"))
        #expect(scorer.score("有点贵") > scorer.score("太贵"))
    }

    @Test func emojiAndEmoticons() {
        #expect(scorer.score("😀") > 0.3)
        #expect(scorer.score("😡") < -0.3)
        #expect(scorer.score("ok :)") > scorer.score("ok"))
        #expect(scorer.score("ok :(") < 0)
        #expect(scorer.score("great:)") > scorer.score("great"))
        // A URL is not an emoticon.
        #expect(scorer.score("see http://example.com/x") == 0)
        // Words before an emoji do not negate it.
        #expect(scorer.score("no 😍") > 0)
    }

    @Test func slangAndMisspellings() {
        #expect(scorer.score("thx") > 0)
        #expect(scorer.score("gr8") > 0)
        #expect(scorer.score("wtf") < 0)
        #expect(scorer.score("smh") < 0)
        #expect(scorer.score("lol") > 0)
        #expect(scorer.score("yyds") > 0)
        #expect(scorer.score("666") > 0)
    }

    @Test func inflectedFormsFindTheirStem() {
        #expect(scorer.score("it destroys everything") < 0)
        #expect(scorer.score("the update ruined it") < 0)
    }

    @Test func batchScoresMatchSingleScores() {
        let texts = (0..<5000).map { index in ["good", "bad", "不错", "太差", "meh"][index % 5] + " \(index)" }
        let batch = scorer.scores(texts)
        for index in stride(from: 0, to: texts.count, by: 97) {
            #expect(batch[index] == scorer.score(texts[index]))
        }
    }

    @Test func hugeMessagesAreScoredByTheirStart() {
        let head = String(repeating: "这个很好 ", count: SentimentScorer.maximumBytes / 13 + 10)
        #expect(head.utf8.count > SentimentScorer.maximumBytes)
        #expect(scorer.score(head + String(repeating: "terrible ", count: 1000)) > 0.9)
    }

    @Test func labels() {
        #expect(SentimentLabel(score: 0.05) == .positive)
        #expect(SentimentLabel(score: 0.049) == .neutral)
        #expect(SentimentLabel(score: -0.05) == .negative)
        #expect(SentimentLabel(score: 0) == .neutral)
    }
}
