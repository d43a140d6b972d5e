import Testing
@testable import ChatMine

@Suite struct GeneratorCatalogTests {
    @Test func catalogHasEnoughDistinctIntents() {
        let known = SyntheticIntentCatalog.known
        let unknown = SyntheticIntentCatalog.unknown
        #expect(known.count >= 30)
        #expect(unknown.count >= 10)
        let names = known.map(\.name) + unknown.map(\.name) + SyntheticIntentCatalog.smallTalkIntentNames
        #expect(Set(names).count == names.count)
        for domain in [SyntheticDomain.banking, .shopping, .travel] {
            #expect(known.filter { $0.domain == domain }.count >= 10, "\(domain)")
        }
        for intent in known {
            #expect(intent.known)
            #expect(intent.english.count >= 4 && intent.chinese.count >= 4, "\(intent.name) needs varied phrasings")
            #expect(!intent.answers.isEmpty && !intent.chineseAnswers.isEmpty, "\(intent.name) needs bot answers")
        }
        for intent in unknown {
            #expect(!intent.known)
            #expect(intent.english.count >= 6 && intent.chinese.count >= 4, "\(intent.name) needs varied phrasings")
        }
    }

    @Test func everyIntentAppearsInALargeSample() throws {
        var options = GeneratorOptions(conversations: 2500, seed: 21, language: .mixed)
        options.unknownShare = 0.3
        let truth = try GeneratedSample.jsonLines(try GeneratedSample.bytes(options).truth)
        let turns = truth.filter { $0["type"] as? String == "turn" }
        var known: Set<String> = []
        var unknown: Set<String> = []
        for turn in turns {
            guard let intent = turn["intent"] as? String else { continue }
            if turn["known"] as? Bool == true { known.insert(intent) } else { unknown.insert(intent) }
        }
        #expect(known.isSuperset(of: Set(SyntheticIntentCatalog.knownIntentNames + SyntheticIntentCatalog.smallTalkIntentNames)))
        #expect(unknown == Set(SyntheticIntentCatalog.unknownIntentNames))
    }

    @Test func unknownShareControlsFallbackConversations() throws {
        func unknownTurnShare(_ share: Double) throws -> Double {
            var options = GeneratorOptions(conversations: 600, seed: 4)
            options.unknownShare = share
            let turns = try GeneratedSample.jsonLines(try GeneratedSample.bytes(options).truth).filter { $0["type"] as? String == "turn" }
            return Double(turns.filter { $0["known"] as? Bool == false }.count) / Double(turns.count)
        }
        let none = try unknownTurnShare(0)
        let many = try unknownTurnShare(0.6)
        #expect(none < 0.05)
        #expect(many > 0.25)
    }
}
