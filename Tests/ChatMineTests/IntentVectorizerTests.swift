import Testing
@testable import ChatMine

/// Utterances of three unrelated topics, each phrased many ways.
enum IntentSamples {
    static let topics: [String: [String]] = [
        "reset_password": [
            "how do i reset my password", "i forgot my password", "password reset link not working",
            "cannot log in, need a new password", "change my password please", "reset password",
            "my password does not work anymore", "send me a password reset email", "forgot password again",
            "help me reset the password", "password expired, how to reset", "new password not accepted",
        ],
        "track_order": [
            "where is my order", "track my order", "my order has not arrived yet", "when will my order be delivered",
            "order tracking number", "status of my order", "has my order shipped", "order still not here",
            "where is my order right now", "track order please", "my order is late", "check my order status",
        ],
        "cancel_subscription": [
            "cancel my subscription", "how to cancel the subscription", "stop my monthly subscription",
            "i want to end my subscription", "cancel subscription now", "subscription cancel please",
            "please cancel the subscription today", "how do i stop the subscription", "end subscription",
            "cancel my premium subscription", "i no longer want the subscription", "terminate subscription",
        ],
    ]

    /// (text, topic) pairs for the named topics.
    static func utterances(_ names: [String] = ["cancel_subscription", "reset_password", "track_order"]) -> [(String, String)] {
        names.flatMap { name in (topics[name] ?? []).map { ($0, name) } }
    }
}

@Suite("Intent vectoriser")
struct IntentVectorizerTests {
    func cosine(_ m: EmbeddingMatrix, _ a: Int, _ b: Int) -> Float {
        zip(m.row(a), m.row(b)).reduce(0) { $0 + $1.0 * $1.1 }
    }

    @Test func rowsAreUnitLengthAndDeterministic() throws {
        let texts = IntentSamples.utterances().map(\.0)
        let first = try TFIDFEmbedder().embed(texts)
        let second = try TFIDFEmbedder().embed(texts)
        #expect(first.rows == texts.count)
        #expect(first.columns <= TFIDFSettings().dimensions)
        for r in 0..<first.rows {
            let norm = first.row(r).reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-3)
        }
        #expect(first.values == second.values)
    }

    @Test func sameTopicIsCloserThanAnotherTopic() throws {
        let texts = ["where is my order", "track my order please", "reset my password", "i forgot my password",
                     "where is my parcel order", "password reset link"]
        let m = try TFIDFEmbedder().embed(texts)
        #expect(cosine(m, 0, 1) > cosine(m, 0, 2))
        #expect(cosine(m, 2, 3) > cosine(m, 2, 1))
        #expect(cosine(m, 0, 4) > cosine(m, 0, 5))
    }

    @Test func fittedModelEmbedsUnseenText() throws {
        let texts = IntentSamples.utterances().map(\.0)
        let model = TFIDFEmbedder().fit(texts)
        let m = try model.embed(["please track my order", "password reset please", "zzzz qqqq"])
        #expect(cosine(m, 0, 1) < 0.5)
        #expect(m.row(2).allSatisfy { $0 == 0 } || abs(m.row(2).reduce(0) { $0 + $1 * $1 } - 1) < 1e-3)
    }

    @Test func chineseCharactersAndBigramsCount() throws {
        let texts = ["我的订单在哪里", "查一下我的订单", "订单什么时候到", "帮我重置密码", "忘记密码了", "密码怎么修改"]
        let m = try TFIDFEmbedder().embed(texts)
        #expect(cosine(m, 0, 1) > cosine(m, 0, 3))
        #expect(cosine(m, 3, 4) > cosine(m, 3, 1))
    }
}
