import Testing
@testable import ChatMine

@Suite("Sentiment lexicon")
struct SentimentLexiconTests {
    @Test func builtInIsLargeAndBilingual() throws {
        let lexicon = try SentimentLexicon.builtIn()
        #expect(lexicon.valenceCount > 5000)
        #expect(lexicon.table.entry(for: "refund") != nil)
        #expect(lexicon.table.entry(for: "退款") != nil)
        #expect(lexicon.table.entry(for: "not")?.negation == -0.74)
        #expect(lexicon.table.entry(for: "但是")?.flags == LexiconEntry.Flags.contrast)
    }

    @Test func extendOverridesAndAdds() throws {
        let lexicon = try SentimentLexicon(userLexicon: ("mine", "zorbly\t3.0\t0.5\t[3, 3]\ngood\t-1\n"), mode: .extend)
        let scorer = SentimentScorer(lexicon: lexicon)
        #expect(scorer.score("zorbly") > 0.5)
        #expect(scorer.score("good") < 0)
        #expect(scorer.score("terrible") < 0)
        #expect(lexicon.version != (try SentimentLexicon.builtIn()).version)
    }

    @Test func replaceDropsBuiltInValencesButKeepsRules() throws {
        let scorer = SentimentScorer(lexicon: try SentimentLexicon(userLexicon: ("mine", "zorbly\t2\n"), mode: .replace))
        #expect(scorer.score("terrible") == 0)
        #expect(scorer.score("not zorbly") < 0)
    }

    @Test func badLinesAreReportedWithTheirNumber() {
        #expect(throws: ChatMineError.self) {
            try SentimentLexicon(userLexicon: ("mine", "good\t1\nbad\tminus two\n"), mode: .extend)
        }
        do {
            _ = try SentimentLexicon(userLexicon: ("mine.txt", "good\t1\nbad\tminus two\n"), mode: .extend)
        } catch let error as ChatMineError {
            #expect(error.message.hasPrefix("mine.txt:2:"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
