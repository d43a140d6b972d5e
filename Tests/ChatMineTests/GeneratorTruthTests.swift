import Foundation
import Testing
@testable import ChatMine

/// The default outcome rules of DESIGN.md ("Outcomes and KPIs"), written again from the rules'
/// text so the generator's truth is checked against the records, not against itself.
enum TruthCheckRules {
    private static let greetings: Set<String> = [
        "hi", "hello", "hey", "hi there", "hey there", "good morning", "hiya", "你好", "您好", "在吗", "哈喽", "早上好", "嗨",
    ]
    private static let thanksMarkers = ["thank", "thx", "cheers", "谢谢", "感谢", "多谢"]
    private static let confirmations = ["that worked", "it worked", "perfect", "great", "got it", "ok", "okay", "awesome",
                                        "yes", "yep", "sure", "all sorted", "解决了", "可以了", "搞定", "好的", "是的"]

    static func normalized(_ text: String) -> String {
        text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " !?.,~:)！？。，"))
    }

    /// A message that is only a greeting.
    static func isGreeting(_ text: String) -> Bool { greetings.contains(normalized(text)) }

    /// A message that thanks or confirms.
    static func thanksOrConfirms(_ text: String) -> Bool {
        let text = normalized(text)
        if thanksMarkers.contains(where: { text.contains($0) }) { return true }
        return confirmations.contains { text == $0 || text.hasPrefix($0 + " ") || text.hasPrefix($0 + ",") || text.hasPrefix($0 + "，") }
    }

    /// The outcome of a conversation read back from the log.
    static func outcome(_ conversation: ReadBackConversation) -> (outcome: String, engaged: Bool, escalated: Bool, resolved: Bool) {
        let userTexts = conversation.userTurns.compactMap { $0["text"] as? String }
        let engaged = userTexts.contains { !isGreeting($0) }
        let escalated = conversation.records.contains { $0["event"] as? String == "handoff" || $0["role"] as? String == "agent" }
        let resolvedEvent = conversation.records.contains { $0["event"] as? String == "resolved" }
        let goodCSAT = conversation.records.contains { $0["event"] as? String == "csat" && ($0["score"] as? Int ?? 0) >= 4 }
        let thanked = userTexts.last.map(thanksOrConfirms) ?? false
        let resolved = !escalated && (resolvedEvent || goodCSAT || thanked)
        let outcome = !engaged ? "unengaged" : escalated ? "escalated" : resolved ? "resolved" : "abandoned"
        return (outcome, engaged, escalated, resolved)
    }
}

@Suite struct GeneratorTruthTests {
    /// A mixed-language sample with many unknown intents, read back with its truth.
    static func sample(seed: UInt64 = 7) throws -> (conversations: [ReadBackConversation], truths: [[String: Any]], turns: [[String: Any]]) {
        var options = GeneratorOptions(conversations: 1200, seed: seed, language: .mixed)
        options.unknownShare = 0.3
        let (log, truth) = try GeneratedSample.bytes(options)
        let conversations = ReadBackConversation.group(try GeneratedSample.jsonLines(log))
        let truthLines = try GeneratedSample.jsonLines(truth)
        return (conversations, truthLines.filter { $0["type"] as? String == "conversation" },
                truthLines.filter { $0["type"] as? String == "turn" })
    }

    @Test func everyOutcomeFollowsFromTheRecords() throws {
        let (conversations, truths, _) = try Self.sample()
        try #require(conversations.count == 1200)
        try #require(truths.count == 1200)
        var seen: Set<String> = []
        for (conversation, truth) in zip(conversations, truths) {
            #expect(truth["conversation_id"] as? String == conversation.id)
            let derived = TruthCheckRules.outcome(conversation)
            #expect(truth["outcome"] as? String == derived.outcome, "\(conversation.id): truth \(truth["outcome"] ?? "nil"), records say \(derived.outcome)")
            #expect(truth["engaged"] as? Bool == derived.engaged, "\(conversation.id) engaged")
            #expect(truth["escalated"] as? Bool == derived.escalated, "\(conversation.id) escalated")
            #expect(truth["resolved"] as? Bool == derived.resolved, "\(conversation.id) resolved")
            seen.insert(derived.outcome)
        }
        #expect(seen == ["resolved", "escalated", "abandoned", "unengaged"])
    }

    @Test(arguments: [GeneratedLanguage.english, .chinese])
    func outcomesFollowFromTheRecordsInEachLanguage(language: GeneratedLanguage) throws {
        let options = GeneratorOptions(conversations: 600, seed: 100 + UInt64(language.rawValue.count), language: language)
        let (log, truth) = try GeneratedSample.bytes(options)
        let conversations = ReadBackConversation.group(try GeneratedSample.jsonLines(log))
        let truths = try GeneratedSample.jsonLines(truth).filter { $0["type"] as? String == "conversation" }
        try #require(conversations.count == truths.count)
        for (conversation, truth) in zip(conversations, truths) {
            #expect(truth["outcome"] as? String == TruthCheckRules.outcome(conversation).outcome, "\(conversation.id)")
            #expect(truth["lang"] as? String == language.rawValue)
        }
    }

    @Test func unengagedConversationsOnlyGreetAndAbandonedOnesNeverThank() throws {
        let (conversations, truths, _) = try Self.sample()
        for (conversation, truth) in zip(conversations, truths) {
            let userTexts = conversation.userTurns.compactMap { $0["text"] as? String }
            switch truth["outcome"] as? String {
            case "unengaged":
                #expect(userTexts.allSatisfy(TruthCheckRules.isGreeting), "\(conversation.id): \(userTexts)")
                #expect(!conversation.records.contains { $0["event"] as? String == "handoff" })
            case "abandoned":
                #expect(!(userTexts.last.map(TruthCheckRules.thanksOrConfirms) ?? false), "\(conversation.id): \(userTexts.last ?? "")")
                #expect(!conversation.records.contains { $0["event"] as? String == "resolved" })
            default:
                break
            }
        }
    }

    @Test func csatUserAndChannelMatchTheRecords() throws {
        let (conversations, truths, _) = try Self.sample()
        var withCSAT = 0
        for (conversation, truth) in zip(conversations, truths) {
            let score = conversation.records.first { $0["event"] as? String == "csat" }?["score"] as? Int
            #expect(truth["csat"] as? Int == score)
            if score != nil { withCSAT += 1 }
            #expect(truth["user_id"] as? String == conversation.userID)
            #expect(truth["channel"] as? String == conversation.turns.first?["channel"] as? String)
        }
        #expect(withCSAT > 0 && withCSAT < conversations.count)
        #expect(conversations.contains { $0.userID == nil })
    }

    @Test func returnsFollowFromTheSameUsersNextStart() throws {
        let (conversations, truths, _) = try Self.sample()
        var startsByUser: [String: [Int64]] = [:]
        for conversation in conversations {
            if let user = conversation.userID { startsByUser[user, default: []].append(conversation.start) }
        }
        var returning24 = 0
        var returning7 = 0
        for (conversation, truth) in zip(conversations, truths) {
            let end = conversation.end
            let later = conversation.userID.flatMap { startsByUser[$0] }?.filter { $0 > end } ?? []
            let within24 = later.contains { $0 - end <= 86_400_000 }
            let within7 = later.contains { $0 - end <= 7 * 86_400_000 }
            #expect(truth["returns_within_24h"] as? Bool == within24, "\(conversation.id)")
            #expect(truth["returns_within_7d"] as? Bool == within7, "\(conversation.id)")
            if within24 { returning24 += 1 }
            if within7 && !within24 { returning7 += 1 }
        }
        #expect(returning24 > 0)
        #expect(returning7 > 0)
    }

    @Test func everyUserTurnHasItsTrueIntentAndPolarity() throws {
        let (conversations, _, turns) = try Self.sample()
        let truthByID = Dictionary(uniqueKeysWithValues: turns.compactMap { turn in (turn["message_id"] as? String).map { ($0, turn) } })
        let userTurnCount = conversations.reduce(0) { $0 + $1.userTurns.count }
        #expect(truthByID.count == turns.count)
        #expect(turns.count == userTurnCount)
        let fallbackNames: Set<String> = ["fallback", "nlu_fallback", "out_of_scope", "default_fallback", "default fallback intent",
                                          "none", "amazon.fallbackintent", "fallbackintent"]
        var polarities: Set<String> = []
        for conversation in conversations {
            for (index, record) in conversation.records.enumerated() where record["role"] as? String == "user" {
                let id = try #require(record["message_id"] as? String)
                let truth = try #require(truthByID[id], "no truth for \(id)")
                #expect(truth["conversation_id"] as? String == conversation.id)
                polarities.insert(truth["polarity"] as? String ?? "")
                let label = record["intent"] as? String
                let confidence = record["confidence"] as? Double
                if truth["known"] as? Bool == true {
                    #expect(label == truth["intent"] as? String, "\(id)")
                    #expect((0.55...0.99).contains(confidence ?? 0), "\(id)")
                } else {
                    let fallbackEvent = index + 1 < conversation.records.count && conversation.records[index + 1]["event"] as? String == "fallback"
                    let notUnderstood = fallbackEvent || label == nil || label == "" || fallbackNames.contains(label?.lowercased() ?? "")
                        || (confidence ?? 1) < 0.5
                    #expect(notUnderstood, "\(id): unknown intent labelled \(label ?? "nil") \(confidence ?? -1)")
                    #expect(label != truth["intent"] as? String)
                }
            }
        }
        #expect(polarities == ["positive", "neutral", "negative"])
    }
}
