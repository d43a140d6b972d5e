import Testing
@testable import ChatMine

/// Each rule checked by hand against a small replacement lexicon (the built-in modifier rules
/// stay): good = 2, bad = -2, 满意 = 2, 差 = -2.
@Suite("Sentiment rules")
struct SentimentRulesTests {
    static let lexicon = "good\t2\nbad\t-2\n满意\t2\n差\t-2\n"

    let scorer: SentimentScorer

    init() throws {
        scorer = SentimentScorer(lexicon: try SentimentLexicon(userLexicon: ("test", Self.lexicon), mode: .replace))
    }

    /// The compound normalisation: sum / sqrt(sum² + 25).
    func normalised(_ sum: Double) -> Double { sum / (sum * sum + 25).squareRoot() }

    func expectScore(_ text: String, sum: Double) {
        #expect(abs(scorer.score(text) - normalised(sum)) < 1e-4, "\(text): \(scorer.score(text)) vs \(normalised(sum))")
    }

    @Test func plainWords() {
        expectScore("good", sum: 2)
        expectScore("bad", sum: -2)
        expectScore("the weather", sum: 0)
        #expect(scorer.score("") == 0)
    }

    @Test func negationFlipsAndReachesThreeWords() {
        expectScore("not good", sum: -1.48)
        expectScore("not really very good", sum: -0.74 * (2 + 0.293 * 0.95 + 0.293))
        // A negated negative word is only mildly positive (× 0.5 on top of the negator).
        expectScore("isn't bad", sum: 2 * 0.74 * 0.5)
        expectScore("don't think it is good", sum: 2)
        // A comma ends the negator's reach.
        expectScore("not, good", sum: 2)
        // "no" negates only the word right after it.
        expectScore("no good", sum: -1.48)
        expectScore("no it is good", sum: 2)
        // Two negators cancel.
        expectScore("not never good", sum: 2 * 0.74 * 0.74)
    }

    @Test func boostersAndDampeners() {
        expectScore("very good", sum: 2.293)
        expectScore("very bad", sum: -2.293)
        // A two-word dampener sits two tokens back, so its force decays once (× 0.95).
        expectScore("kind of good", sum: 2 - 0.293 * 0.95)
        expectScore("slightly bad", sum: -(2 - 0.293))
    }

    @Test func contrastWeighsTheSecondClause() {
        expectScore("good but bad", sum: 2 * 0.5 - 2 * 1.2)
        expectScore("bad but good", sum: -2 * 0.5 + 2 * 1.2)
        // "But" opening a sentence weighs down the sentence before it.
        expectScore("good. But bad", sum: 2 * 0.5 - 2 * 1.2)
        expectScore("满意，但是差", sum: 2 * 0.5 - 2 * 1.2)
        expectScore("差，不过满意", sum: -2 * 0.5 + 2 * 1.2)
    }

    @Test func exclamationsAndQuestions() {
        expectScore("good!", sum: 2 + 0.5)
        expectScore("good!!!", sum: 2 + 3 * 0.5)
        expectScore("good!!!!!!!", sum: 2 + 4 * 0.5)
        expectScore("bad??", sum: -(2 + 2 * 0.18))
        expectScore("bad?", sum: -2)
    }

    @Test func positiveWordsInAQuestionWeighLess() {
        // A question asks rather than praises: positive words × 0.8; a negative one stays.
        expectScore("good?", sum: 2 * 0.8)
        expectScore("good??", sum: 2 * 0.8 + 2 * 0.18)
        expectScore("good? bad.", sum: 2 * 0.8 - 2)
        expectScore("bad? good.", sum: -2 + 2)
        expectScore("满意吗？", sum: 2 * 0.8)
    }

    @Test func quotedWordsWeighLess() {
        expectScore("they call it \"good\"", sum: 2 * 0.7)
        expectScore("“good” and bad", sum: 2 * 0.7 - 2)
        // An unclosed quote marks nothing.
        expectScore("\"good", sum: 2)
    }

    @Test func capitalsInMixedCaseText() {
        expectScore("GOOD day", sum: 3)
        expectScore("VERY good day", sum: 2 + 0.293 + 1)
        // All-capitals text is not emphasis.
        expectScore("GOOD DAY", sum: 2)
    }

    @Test func elongatedWords() {
        expectScore("goooood", sum: 2.3)
        expectScore("baaaad", sum: -2.3)
    }

    @Test func chineseDegreeWordsAndNegators() {
        expectScore("满意", sum: 2)
        expectScore("很满意", sum: 2.15)
        expectScore("非常满意", sum: 2.35)
        expectScore("有点差", sum: -(2 - 0.3))
        expectScore("不满意", sum: -1.48)
        expectScore("一点也不满意", sum: -1.8)
        expectScore("不是很满意", sum: -0.74 * 2.15 * 1)
        expectScore("太差", sum: -2.4)
    }

    @Test func mixedScript() {
        expectScore("这个app很good", sum: 2.15)
        expectScore("服务not good", sum: -1.48)
        expectScore("不good", sum: -1.48)
    }

    @Test func phrasesReplaceTheirWords() throws {
        // "kind of" is one dampener, not the word "kind".
        let builtIn = SentimentScorer(lexicon: try SentimentLexicon.builtIn())
        #expect(builtIn.score("kind of slow") > builtIn.score("slow"))
        #expect(builtIn.score("still waiting") < 0)
    }
}
