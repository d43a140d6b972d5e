import Testing
@testable import ChatMine

/// Hand-written bilingual support requests (English, Chinese and code-switched Chinese), six
/// intents. Written for these tests, independent of the log generator's phrase lists.
enum BilingualSamples {
    static let intents: [(name: String, english: [String], chinese: [String])] = [
        ("reset_password",
         ["I forgot my password", "how do I reset my password", "password reset please", "can't remember my login password",
          "I need a new password for my account", "reset the password on my profile", "forgotten password, help", "my password doesn't work, reset it"],
         ["我忘记密码了", "怎么重置密码", "密码忘了怎么办", "登录密码想不起来了", "帮我重置一下账号密码", "找回密码", "我的password忘了", "账户密码重置"]),
        ("lost_card",
         ["I lost my debit card", "my card was stolen", "block my lost card", "I can't find my bank card anywhere",
          "someone stole my credit card", "report a stolen card", "lost card, need a replacement", "my card is missing"],
         ["我的银行卡丢了", "信用卡被偷了", "卡丢失了怎么挂失", "银行卡找不到了", "我的卡被盗了", "补办丢失的银行卡", "我的card丢了", "借记卡遗失"]),
        ("late_delivery",
         ["my parcel hasn't arrived", "delivery is late", "package still not delivered", "where is my delivery, it's overdue",
          "the courier is delayed again", "my shipment is taking too long", "parcel delayed for a week", "still waiting for my package"],
         ["我的快递还没到", "包裹一直没收到", "物流太慢了", "快递延迟了", "配送怎么这么久", "包裹延误一周了", "我的delivery还没到", "快递迟迟不来"]),
        ("roaming_data",
         ["does my plan include roaming", "mobile data abroad", "how much is data roaming", "turn on international roaming",
          "my data doesn't work overseas", "roaming charges for my phone", "can I use my data in another country", "enable roaming on my sim"],
         ["我的套餐有国际漫游吗", "国外能用流量吗", "漫游流量多少钱", "怎么开通国际漫游", "出国流量用不了", "漫游费用怎么算", "境外上网流量", "手机卡开通漫游"]),
        ("baggage_allowance",
         ["how many bags can I check", "what is the baggage allowance", "luggage weight limit", "can I bring two suitcases",
          "excess baggage fee", "how heavy can my checked bag be", "hand luggage size limit", "overweight luggage cost"],
         ["可以托运几件行李", "行李额是多少", "行李重量限制", "能带两个行李箱吗", "行李超重怎么收费", "托运行李最重多少", "手提行李尺寸", "我的luggage超重了"]),
        ("refund_status",
         ["where is my refund", "I haven't received my refund yet", "refund still not in my account", "how long does a refund take",
          "when will I get my money back", "refund status please", "my refund is late", "the refund hasn't come through"],
         ["我的退款到哪了", "退款还没收到", "退款什么时候到账", "钱还没退回来", "退款要多久", "查一下退款进度", "我的refund还没到", "退款一直没到账"]),
    ]

    /// (text, intent, language) triples; code-switched lines count as Chinese.
    static var labelled: [(String, String, String)] {
        intents.flatMap { intent in
            intent.english.map { ($0, intent.name, "en") } + intent.chinese.map { ($0, intent.name, "zh") }
        }
    }
}

@Suite("Bilingual intent discovery")
struct BilingualDiscoveryTests {
    func cosine(_ m: EmbeddingMatrix, _ a: Int, _ b: Int) -> Float {
        zip(m.row(a), m.row(b)).reduce(0) { $0 + $1.0 * $1.1 }
    }

    @Test func glossaryFindsTheSameConceptsInBothLanguages() {
        let glossary = SupportGlossary.builtIn
        #expect(glossary.concepts.count >= 200)
        let english = Set(glossary.conceptNames("I forgot my password"))
        let chinese = Set(glossary.conceptNames("我忘记密码了"))
        #expect(english.contains("password") && chinese.contains("password"))
        #expect(english.contains("reset") && chinese.contains("reset"))
        // Longest match first: 信用卡 is a credit card, not a bare card; plural folding in English.
        #expect(glossary.conceptNames("信用卡被偷了") == ["credit_card", "stolen"])
        #expect(glossary.conceptNames("two credit cards stolen") == ["credit_card", "stolen"])
        // Code-switched text: the English word inside Chinese is found too.
        #expect(Set(glossary.conceptNames("我的refund还没到")).contains("refund"))
    }

    @Test func glossaryParsesItsFormatAndSkipsBadLines() {
        let glossary = SupportGlossary(tsv: "# comment\nrefund\tmoney back, reimburse\t退款, 退钱\nbroken line\nsim_card\tsim\t电话卡\n")
        #expect(glossary.concepts == ["refund", "sim_card"])
        #expect(glossary.conceptNames("I want my money back") == ["refund"])
        #expect(glossary.conceptNames("退钱") == ["refund"])
        #expect(glossary.conceptNames("new sim card") == ["sim_card"])
    }

    @Test func conceptFeaturesBringTranslationsTogether() throws {
        let samples = BilingualSamples.labelled
        let texts = samples.map(\.0)
        let with = try TFIDFEmbedder().embed(texts)
        var settings = TFIDFSettings()
        settings.glossary = nil
        let without = try TFIDFEmbedder(settings: settings).embed(texts)
        // "I forgot my password" against "我忘记密码了" (same intent) and "我的银行卡丢了" (another).
        let en = texts.firstIndex(of: "I forgot my password") ?? 0
        let zh = texts.firstIndex(of: "我忘记密码了") ?? 0
        let other = texts.firstIndex(of: "我的银行卡丢了") ?? 0
        #expect(cosine(with, en, zh) > cosine(with, en, other) + 0.2)
        #expect(cosine(with, en, zh) > cosine(without, en, zh) + 0.2)
    }

    @Test func mixedLanguagesClusterByIntentNotLanguage() throws {
        let samples = BilingualSamples.labelled
        var settings = ClusteringSettings()
        settings.minimumClusterSize = 2
        let result = try IntentDiscovery(embedder: TFIDFEmbedder(), settings: settings).discover(samples.map(\.0))
        let byIntent = ClusteringScores(predicted: result.itemLabels, truth: samples.map(\.1))
        let byLanguage = ClusteringScores(predicted: result.itemLabels, truth: samples.map(\.2))
        #expect(byIntent.nmi > 0.75)
        #expect(byLanguage.nmi < 0.2)
        #expect(result.outcome.clusters <= 9)
    }
}

@Suite("Intent discovery memory cap")
struct DiscoveryMemoryCapTests {
    /// Three topics, each wording repeated, and a tail of one-off variants: more distinct
    /// wordings than the cap.
    func corpus() -> [(String, String)] {
        var samples: [(String, String)] = []
        for (text, topic) in IntentSamples.utterances() {
            samples.append((text, topic))
            samples.append((text, topic))
        }
        let tails = ["cancel_subscription": "cancel subscription", "reset_password": "reset password", "track_order": "track my order"]
        for (topic, stem) in tails.sorted(by: { $0.key < $1.key }) {
            for word in ["today", "now", "quickly", "asap", "please", "again", "tonight", "urgently"] {
                samples.append(("\(stem) \(word)", topic))
            }
        }
        return samples
    }

    @Test func groupsBeyondTheCapAreAssignedWithoutVectors() throws {
        let samples = corpus()
        let repeated = IntentDiscovery.fold(samples.map(\.0)).filter { $0.count >= 2 }.count
        var discovery = IntentDiscovery(embedder: TFIDFEmbedder())
        discovery.maximumHeldTexts = repeated
        let result = try discovery.discover(samples.map(\.0))
        #expect(result.groups.count >= repeated + 20)
        #expect(result.heldGroups == repeated)
        #expect(result.embeddings.rows == repeated)
        #expect(result.outcome.labels.count == result.groups.count)
        // The most frequent wording comes first (it is held for the representative phrases).
        #expect(result.groups.first?.count == result.groups.map(\.count).max())
        let scores = ClusteringScores(predicted: result.itemLabels, truth: samples.map(\.1))
        #expect(result.outcome.clusters == 3)
        #expect(scores.nmi > 0.85)
        let notHeld = result.groups.indices.dropFirst(repeated)
        #expect(notHeld.filter { result.outcome.labels[$0] >= 0 }.count >= notHeld.count - 2)
    }

    @Test func heldFirstKeepsTheMostFrequentThenAUniformSample() {
        // 40 places: 2 for the most frequent repeated wordings, 38 sampled from the 48 others.
        var counts = [Int](repeating: 1, count: 50)
        counts[7] = 9
        counts[30] = 4
        counts[41] = 2
        let groups = counts.enumerated().map { UtteranceGroup(key: "g\($0.offset)", text: "g\($0.offset)", count: $0.element, members: []) }
        let (ordered, frequent) = IntentDiscovery.heldFirst(groups, held: 40, seed: 42)
        #expect(frequent == 2)
        #expect(ordered.prefix(2).map(\.key) == ["g7", "g30"])
        #expect(Set(ordered.map(\.key)) == Set(groups.map(\.key)))
        #expect(ordered.count == 50)
        // Each part keeps the input order.
        let sampled = ordered[2..<40].compactMap { Int($0.key.dropFirst()) }
        #expect(sampled == sampled.sorted())
    }
}
