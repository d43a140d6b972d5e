/// Who wrote a turn.
public enum Role: String, Sendable, CaseIterable {
    case user, bot, agent, system, tool

    /// Maps the role names found in the wild onto the model ("assistant" is the bot, "agent" a human).
    public init?(alias: String) {
        if let exact = Role(rawValue: alias) {
            self = exact
            return
        }
        switch alias.lowercased().trimmed {
        case "user", "customer", "human", "visitor", "client", "end_user", "enduser", "caller", "guest", "consumer":
            self = .user
        case "bot", "assistant", "virtual_agent", "virtualagent", "chatbot", "ai", "model", "va":
            self = .bot
        case "agent", "human_agent", "humanagent", "live_agent", "liveagent", "operator", "staff", "support", "representative", "rep":
            self = .agent
        case "system", "developer":
            self = .system
        case "tool", "function", "api":
            self = .tool
        default:
            return nil
        }
    }
}

/// What happened in a conversation besides a turn.
public enum EventKind: String, Sendable, CaseIterable {
    case handoff
    case apiCall = "api_call"
    case resolved
    case csat
    case fallback
    case sessionEnd = "session_end"

    /// Maps event names found in the wild onto the model.
    public init?(alias: String) {
        if let exact = EventKind(rawValue: alias) {
            self = exact
            return
        }
        switch alias.lowercased().trimmed {
        case "handoff", "hand_off", "handover", "escalation", "escalate", "escalated", "transfer", "human_handoff", "agent_handoff", "live_agent_handoff":
            self = .handoff
        case "api_call", "api", "apicall", "tool_call", "webhook", "function_call", "fulfillment":
            self = .apiCall
        case "resolved", "resolution", "goal_completed", "success", "solved":
            self = .resolved
        case "csat", "rating", "survey", "feedback_score":
            self = .csat
        case "fallback", "no_match", "nomatch", "not_understood":
            self = .fallback
        case "session_end", "end", "conversation_end", "session_ended", "end_of_conversation", "endofconversation", "close", "closed":
            self = .sessionEnd
        default:
            return nil
        }
    }
}

/// One message in a conversation, as read from a log.
public struct TurnRecord: Sendable, Equatable {
    public var conversationID: String
    public var messageID: String?
    /// Epoch milliseconds, UTC.
    public var timestamp: Int64?
    public var role: Role
    public var text: String
    public var intent: String?
    public var confidence: Double?
    public var channel: String?
    public var userID: String?

    public init(conversationID: String, messageID: String? = nil, timestamp: Int64? = nil, role: Role, text: String,
                intent: String? = nil, confidence: Double? = nil, channel: String? = nil, userID: String? = nil) {
        self.conversationID = conversationID
        self.messageID = messageID
        self.timestamp = timestamp
        self.role = role
        self.text = text
        self.intent = intent
        self.confidence = confidence
        self.channel = channel
        self.userID = userID
    }
}

/// One event in a conversation: a handoff, an API call, a CSAT answer and so on.
public struct EventRecord: Sendable, Equatable {
    public var conversationID: String
    public var eventID: String?
    /// Epoch milliseconds, UTC.
    public var timestamp: Int64?
    public var kind: EventKind
    /// The API or tool name of an `api_call`.
    public var name: String?
    /// The status as logged ("ok", "error", "500", …).
    public var status: String?
    /// Whether an `api_call` succeeded, when known.
    public var ok: Bool?
    public var latencyMs: Double?
    /// The CSAT score (1–5).
    public var score: Double?
    public var channel: String?
    public var userID: String?

    public init(conversationID: String, eventID: String? = nil, timestamp: Int64? = nil, kind: EventKind, name: String? = nil,
                status: String? = nil, ok: Bool? = nil, latencyMs: Double? = nil, score: Double? = nil,
                channel: String? = nil, userID: String? = nil) {
        self.conversationID = conversationID
        self.eventID = eventID
        self.timestamp = timestamp
        self.kind = kind
        self.name = name
        self.status = status
        self.ok = ok
        self.latencyMs = latencyMs
        self.score = score
        self.channel = channel
        self.userID = userID
    }
}

/// A turn or an event.
public enum LogRecord: Sendable, Equatable {
    case turn(TurnRecord)
    case event(EventRecord)

    /// The conversation it belongs to.
    public var conversationID: String {
        switch self {
        case .turn(let turn): return turn.conversationID
        case .event(let event): return event.conversationID
        }
    }
}

/// Why a record was rejected; stored in the rejects table.
public struct RecordRejection: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Whether an API status string means success (nil when it says nothing either way).
func apiStatusIsOK(_ status: String) -> Bool? {
    let lowered = status.lowercased().trimmed
    if let code = Int(lowered) { return (200..<400).contains(code) }
    switch lowered {
    case "ok", "success", "succeeded", "successful", "done", "completed", "true", "pass", "passed": return true
    case "error", "failed", "failure", "fail", "timeout", "timed_out", "exception", "false", "rejected", "unavailable": return false
    default: return nil
    }
}

import Foundation
