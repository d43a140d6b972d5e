import Testing
@testable import ChatMine

@Suite("Intent text normalisation and CSV")
struct IntentTextTests {
    let normalizer = TextNormalizer()

    @Test func foldsCaseWidthAndPlaceholders() {
        #expect(normalizer.tokens("Email me at John.Doe@Example.com") == ["email", "me", "at", "<email>"])
        #expect(normalizer.tokens("ＷＨＥＲＥ is order A12345?") == ["wher", "is", "order", "<id>"])
        #expect(normalizer.tokens("call [PHONE] or see https://shop.example/x?y=1") == ["call", "<phone>", "or", "see", "<url>"])
        #expect(normalizer.tokens("I paid 25 dollars on the 3rd") == ["i", "paid", "<num>", "dollar", "on", "the", "<num>"])
        #expect(normalizer.tokens("ring 555-123-4567") == ["ring", "<phone>"])
    }

    @Test func asciiFastPathAgreesWithTheGeneralPath() {
        let samples = ["Email me at John.Doe@Example.com!", "call [PHONE] or <EMAIL:ab12>, see www.x.org", "I'd like 2 cards, don't you?",
                       "order #A12345 (ref 99) ring 555-123-4567", "<id> <num> [NAME]. stopped charging, charges; fees",
                       "  tabs\tand\nnewlines  ", "x@y", "(555).123.4567", "replies passes buzzing fall"]
        for text in samples {
            #expect(normalizer.tokens(text) == normalizer.generalTokens(text, stemming: true), "\(text)")
            #expect(normalizer.tokens(text, stemming: false) == normalizer.generalTokens(text, stemming: false), "\(text)")
        }
    }

    @Test func foldsSuffixes() {
        #expect(Stemmer.fold("cards") == "card")
        #expect(Stemmer.fold("charges") == Stemmer.fold("charged"))
        #expect(Stemmer.fold("charging") == Stemmer.fold("charge"))
        #expect(Stemmer.fold("stopped") == "stop")
        #expect(Stemmer.fold("status") == "status")
        #expect(Stemmer.fold("replies") == "reply")
    }

    @Test func splitsChineseIntoCharacters() {
        #expect(normalizer.tokens("我的订单在哪") == ["我", "的", "订", "单", "在", "哪"])
        #expect(normalizer.tokens("查订单ABC1234") == ["查", "订", "单", "<id>"])
        #expect(normalizer.tokens("邮箱是[EMAIL]谢谢") == ["邮", "箱", "是", "<email>", "谢", "谢"])
        #expect(normalizer.tokens("mail me:[EMAIL:9f2c41ab], ok") == ["mail", "me", "<email>", "ok"])
    }

    @Test func foldsNearDuplicates() {
        let groups = IntentDiscovery.fold(["Where is my order?", "where is my ORDER", "where is my order #12345", "refund please"])
        #expect(groups.count == 3)
        #expect(groups[0].count == 2)
        #expect(groups[0].members == [0, 1])
    }

    @Test func parsesQuotedCSVWithEmbeddedNewlines() {
        let text = "text,category\r\n\"hello, world\",greet\n\"two\nlines \"\"quoted\"\"\",multi\nplain,simple\n"
        let rows = CSVText.rows(text)
        #expect(rows == [["text", "category"], ["hello, world", "greet"], ["two\nlines \"quoted\"", "multi"], ["plain", "simple"]])
    }

    @Test func parsesDates() {
        #expect(ClusterWindow.epochMilliseconds("2026-11-01") == 1_793_491_200_000)
        #expect(ClusterWindow.epochMilliseconds("2026-11-01T01:00:00Z") == 1_793_494_800_000)
        #expect(ClusterWindow.epochMilliseconds("2026-11-01T02:00:00.500+01:00") == 1_793_494_800_500)
        #expect(ClusterWindow.epochMilliseconds("yesterday") == nil)
    }
}
