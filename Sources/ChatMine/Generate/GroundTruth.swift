/// The polarity a user turn was written with.
public enum TruthPolarity: String, Sendable, CaseIterable {
    /// The tone of the user's words.
    case positive, neutral, negative
}

/// What the generator knows about one user turn.
struct TurnTruth: Sendable {
    let messageID: String
    let intent: String
    let known: Bool
    let polarity: TruthPolarity
}

/// What the generator knows about one conversation.
struct ConversationTruth: Sendable {
    let conversationID: String
    let userID: String?
    let channel: String
    let outcome: GeneratedOutcome
    let returnsWithin24h: Bool
    let returnsWithin7d: Bool
    let csat: Int?
    let language: String

    /// Writes the conversation line of the truth file.
    func write(to out: ByteSink) {
        out.append("{\"type\":\"conversation\",\"conversation_id\":")
        GeneratorJSON.string(conversationID, out)
        out.append(",\"user_id\":")
        if let userID { GeneratorJSON.string(userID, out) } else { out.append("null") }
        out.append(",\"channel\":")
        GeneratorJSON.string(channel, out)
        out.append(",\"outcome\":\"\(outcome.rawValue)\"")
        out.append(",\"engaged\":\(outcome != .unengaged),\"escalated\":\(outcome == .escalated),\"resolved\":\(outcome == .resolved)")
        out.append(",\"returns_within_24h\":\(returnsWithin24h),\"returns_within_7d\":\(returnsWithin7d)")
        out.append(",\"csat\":" + (csat.map(String.init) ?? "null"))
        out.append(",\"lang\":\"\(language)\"}\n")
    }
}

extension TurnTruth {
    /// Writes the turn line of the truth file.
    func write(conversationID: String, to out: ByteSink) {
        out.append("{\"type\":\"turn\",\"message_id\":")
        GeneratorJSON.string(messageID, out)
        out.append(",\"conversation_id\":")
        GeneratorJSON.string(conversationID, out)
        out.append(",\"intent\":")
        GeneratorJSON.string(intent, out)
        out.append(",\"known\":\(known),\"polarity\":\"\(polarity.rawValue)\"}\n")
    }
}
