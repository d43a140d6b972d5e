import Testing
@testable import ChatMine

/// The rules and lexicon entries added by the review of the tweet error analysis, each checked
/// on sentences whose expected sign or order was worked out by hand.
@Suite("Sentiment review rules")
struct SentimentReviewTests {
    let builtIn: SentimentScorer

    init() throws {
        builtIn = SentimentScorer(lexicon: try SentimentLexicon.builtIn())
    }

    /// A small lexicon with a face that is also punctuation: good = 2, "):" = -2.
    func faces() throws -> SentimentScorer {
        SentimentScorer(lexicon: try SentimentLexicon(userLexicon: ("faces", "good\t2\n):\t-2\n"), mode: .replace))
    }

    @Test func bracketAfterAWordIsPunctuationNotAFace() throws {
        let scorer = try faces()
        // "(my friends):" closes a parenthesis: only "good" counts, 2 / sqrt(4 + 25).
        #expect(abs(scorer.score("good (my friends): here") - 2 / 29.0.squareRoot()) < 1e-4)
        // Standing apart, "):" is a sad face: 2 - 2 = 0.
        #expect(scorer.score("good ):") == 0)
    }

    @Test func negativeWordWithFreeIsPositive() {
        #expect(builtIn.score("guilt") < 0)
        #expect(builtIn.score("guilt-free") > 0)
        #expect(builtIn.score("pain") < 0)
        #expect(builtIn.score("pain free") > 0)
    }

    @Test func idiomsScoreAsWholes() {
        #expect(builtIn.score("trial and error") == 0)
        #expect(builtIn.score("critically acclaimed") > 0)
        #expect(builtIn.score("a diamond in the rough") > 0)
        #expect(builtIn.score("going stir crazy") < 0)
        #expect(builtIn.score("the hard way") < 0)
        // Repetition is not a complaint by itself.
        #expect(builtIn.score("again and again") == 0)
    }

    @Test func politenessAndPossibilityAreNotSentiment() {
        #expect(builtIn.score("please") == 0)
        #expect(builtIn.score("possible") == 0)
        #expect(builtIn.score("travel") == 0)
    }

    @Test func strongWordsOutweighMildOnes() {
        #expect(builtIn.score("awesome") > builtIn.score("good"))
        #expect(builtIn.score("hilarious") > builtIn.score("funny"))
        #expect(builtIn.score("terrible") < builtIn.score("bad"))
        #expect(builtIn.score("pissed") < builtIn.score("annoying"))
        // "crazy" is often praise ("crazy good"); it weighs less than "stupid".
        #expect(builtIn.score("crazy") > builtIn.score("stupid"))
    }

    @Test func tongueOutFacesAreMilderThanGrins() {
        #expect(builtIn.score(":p") > 0)
        #expect(builtIn.score(":p") < builtIn.score(":D"))
        #expect(builtIn.score("-_-") < 0)
        #expect(builtIn.score("-_-") > builtIn.score(":("))
        #expect(builtIn.score("I lost it :l") < builtIn.score("I lost it"))
    }

    @Test func angerThresholdKeepsTheSameValenceSum() throws {
        // Under α = 15 anger began at -0.75, a valence sum of -4.39 (0.75·√15/√(1−0.5625));
        // under α = 25 that sum scores -4.39/√(4.39² + 25) = -0.66.
        let signals = try FrustrationSignals.builtIn()
        let sum = -0.75 * 15.0.squareRoot() / (1 - 0.5625).squareRoot()
        #expect(abs(sum / (sum * sum + 25).squareRoot() - FrustrationSignals.angerScore) < 0.005)
        #expect(signals.reasons(in: "fine", score: -0.7) == [.anger])
        #expect(signals.reasons(in: "fine", score: -0.6).isEmpty)
    }
}
