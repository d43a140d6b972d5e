/// What became of a conversation, by DESIGN.md's rules.
public enum Outcome: String, Sendable, CaseIterable, Codable {
    /// The bot handled it and the user's problem was solved.
    case resolved
    /// A human took over (a handoff event or any agent turn).
    case escalated
    /// The user engaged, then left without escalation or resolution.
    case abandoned
    /// The user never said more than hello.
    case unengaged
}

/// Why a conversation counts as resolved.
public enum ResolutionSignal: String, Sendable, Codable {
    /// A `resolved` event was logged.
    case event
    /// The CSAT score reached the rules' cut.
    case csat
    /// The user's last turn confirms or thanks.
    case confirmation
}

/// One turn of a stored conversation, as the outcome rules need it.
public struct ConversationTurn: Sendable {
    /// `turns.id`.
    public var id: Int64
    /// Epoch milliseconds UTC, when known.
    public var ts: Int64?
    /// user, bot, agent, system or tool.
    public var role: String
    /// The message text.
    public var text: String
    /// The NLU intent, when logged.
    public var intent: String?
    /// The NLU confidence, when logged.
    public var confidence: Double?
    /// Whether the turn's source logs NLU results at all; when it does not (an LLM transcript),
    /// a missing intent is not a fallback.
    public var sourceLogsNLU: Bool

    /// Creates a turn.
    public init(id: Int64, ts: Int64?, role: String, text: String, intent: String? = nil, confidence: Double? = nil,
                sourceLogsNLU: Bool = true) {
        self.id = id; self.ts = ts; self.role = role; self.text = text; self.intent = intent; self.confidence = confidence
        self.sourceLogsNLU = sourceLogsNLU
    }
}

/// One event of a stored conversation.
public struct ConversationEvent: Sendable {
    /// `events.id`.
    public var id: Int64
    /// Epoch milliseconds UTC, when known.
    public var ts: Int64?
    /// handoff, api_call, resolved, csat, fallback or session_end.
    public var kind: String
    /// API name for api_call.
    public var name: String?
    /// API status text for api_call.
    public var status: String?
    /// 1 when the API call succeeded, 0 when it failed.
    public var ok: Int64?
    /// CSAT score.
    public var score: Double?

    /// Creates an event.
    public init(id: Int64, ts: Int64?, kind: String, name: String? = nil, status: String? = nil, ok: Int64? = nil, score: Double? = nil) {
        self.id = id; self.ts = ts; self.kind = kind; self.name = name; self.status = status; self.ok = ok; self.score = score
    }

    /// Whether this is an API call that failed: `ok = 0`, or no `ok` and a status that is not a success.
    public var isFailedAPICall: Bool {
        guard kind == "api_call" else { return false }
        if let ok { return ok == 0 }
        guard let status = status?.lowercased(), !status.isEmpty else { return false }
        return !Self.successStatuses.contains(status) && !(status.count == 3 && status.hasPrefix("2"))
    }

    private static let successStatuses: Set<String> = ["ok", "success", "succeeded", "successful", "done", "completed"]
}

/// A conversation's turns and events, with the stored header fields.
public struct ConversationLog: Sendable {
    /// `conversations.id`.
    public var id: Int64
    /// `conversations.user_id`.
    public var userID: String?
    /// `conversations.channel`.
    public var channel: String?
    /// `conversations.started_at`.
    public var startedAt: Int64?
    /// `conversations.ended_at`.
    public var endedAt: Int64?
    /// Turns in time order.
    public var turns: [ConversationTurn]
    /// Events in time order.
    public var events: [ConversationEvent]

    /// Creates a conversation log.
    public init(id: Int64, userID: String? = nil, channel: String? = nil, startedAt: Int64? = nil, endedAt: Int64? = nil, turns: [ConversationTurn] = [], events: [ConversationEvent] = []) {
        self.id = id; self.userID = userID; self.channel = channel; self.startedAt = startedAt; self.endedAt = endedAt
        self.turns = turns; self.events = events
    }
}

/// The outcome of one conversation and the per-conversation facts the KPIs add up.
public struct OutcomeRecord: Sendable, Equatable {
    /// `conversations.id`.
    public var conversationID: Int64
    /// The one outcome.
    public var outcome: Outcome
    /// The user sent a message that is not only a greeting.
    public var engaged: Bool
    /// A handoff event or an agent turn.
    public var escalated: Bool
    /// Why it counts as resolved (only when the outcome is resolved).
    public var resolvedBy: ResolutionSignal?
    /// The conversation's intent: the first understood user intent.
    public var intent: String?
    /// User turns.
    public var userTurns: Int
    /// User turns before any escalation: the ones the bot had to understand.
    public var botUserTurns: Int
    /// Of those, the turns the bot did not understand.
    public var fallbackTurns: Int
    /// Bot turns.
    public var botTurns: Int
    /// Agent turns.
    public var agentTurns: Int
    /// The last CSAT score given, if any.
    public var csat: Double?
    /// API calls made.
    public var apiCalls: Int
    /// API calls that failed.
    public var apiFailures: Int
    /// Escalated within the rules' number of turns after a failed API call.
    public var escalatedAfterAPIFailure: Bool
    /// Start, epoch ms UTC (stored value, else the first timestamp).
    public var startedAt: Int64?
    /// End, epoch ms UTC (stored value, else the last timestamp).
    public var endedAt: Int64?

    /// Engaged and not escalated.
    public var contained: Bool { engaged && !escalated }
    /// Turns that count for length: user, bot and agent.
    public var turns: Int { userTurns + botTurns + agentTurns }
}
