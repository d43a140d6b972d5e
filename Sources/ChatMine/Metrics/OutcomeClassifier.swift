import Foundation

/// Applies a rule set to one conversation: the outcome and the facts the KPIs add up.
///
/// Precedence, so that every conversation gets exactly one outcome: escalated (a human was
/// involved, whatever else happened), else unengaged (never more than hello), else resolved,
/// else abandoned.
public struct OutcomeClassifier: Sendable {
    /// The rules applied.
    public let rules: OutcomeRules
    private let matcher: PhraseMatcher
    private let fallbackIntents: Set<String>
    private let smallTalkIntents: Set<String>

    /// Prepares the rules for repeated use.
    public init(rules: OutcomeRules) {
        self.rules = rules
        matcher = PhraseMatcher(rules: rules)
        fallbackIntents = Set(rules.fallbackIntents.map { $0.lowercased() })
        smallTalkIntents = Set(rules.smallTalkIntents.map { $0.lowercased() })
    }

    /// Whether a user turn's NLU result means "not understood" (apart from a fallback event).
    public func intentIsFallback(intent: String?, confidence: Double?) -> Bool {
        guard let intent = intent.map(Self.trimmed), !intent.isEmpty else { return true }
        if fallbackIntents.contains(intent.lowercased()) { return true }
        if let confidence, confidence < rules.confidenceThreshold { return true }
        return false
    }

    /// The outcome record of one conversation.
    public func classify(_ log: ConversationLog) -> OutcomeRecord {
        let items = Self.timeline(log)
        var record = OutcomeRecord(
            conversationID: log.id, outcome: .abandoned, engaged: false, escalated: false, resolvedBy: nil,
            intent: nil, userTurns: 0, botUserTurns: 0, fallbackTurns: 0, botTurns: 0, agentTurns: 0, csat: nil,
            apiCalls: 0, apiFailures: 0, escalatedAfterAPIFailure: false,
            startedAt: log.startedAt ?? items.lazy.compactMap(\.ts).min(),
            endedAt: log.endedAt ?? items.lazy.compactMap(\.ts).max()
        )
        var lastUserText: String?
        var currentUserTurnIsFallback = false
        var resolvedEvent = false
        var turnsSinceFailure: Int?
        var escalationFound = false
        // Locals, so the nested functions below capture these and not a copy of `self`.
        let smallTalkIntents = self.smallTalkIntents
        let escalationTurns = rules.apiFailureEscalationTurns

        // The open user turn is judged when the next user turn (or the end) arrives, because a
        // `fallback` event after it also marks it as not understood.
        var openUserTurn: (intent: String?, engaging: Bool, botInCharge: Bool)?
        func closeUserTurn() {
            guard let open = openUserTurn else { return }
            openUserTurn = nil
            if open.botInCharge {
                record.botUserTurns += 1
                if currentUserTurnIsFallback { record.fallbackTurns += 1 }
            }
            if !currentUserTurnIsFallback, open.engaging, record.intent == nil, let intent = open.intent,
               !smallTalkIntents.contains(intent.lowercased()) {
                record.intent = intent
            }
            currentUserTurnIsFallback = false
        }

        func noteEscalation() {
            escalationFound = true
            record.escalated = true
            if let count = turnsSinceFailure, count <= escalationTurns {
                record.escalatedAfterAPIFailure = true
            }
        }

        for item in items {
            switch item {
            case .turn(let turn):
                switch turn.role {
                case "user":
                    closeUserTurn()
                    record.userTurns += 1
                    lastUserText = turn.text
                    currentUserTurnIsFallback = turn.sourceLogsNLU && intentIsFallback(intent: turn.intent, confidence: turn.confidence)
                    let engaging = record.engaged ? true : !matcher.isOnlyGreeting(turn.text)
                    if engaging { record.engaged = true }
                    openUserTurn = (turn.intent.map(Self.trimmed), engaging, !escalationFound)
                case "bot":
                    record.botTurns += 1
                case "agent":
                    record.agentTurns += 1
                    if !escalationFound { noteEscalation() }
                default:
                    break
                }
                if ["user", "bot"].contains(turn.role), let count = turnsSinceFailure { turnsSinceFailure = count + 1 }
            case .event(let event):
                switch event.kind {
                case "handoff": if !escalationFound { noteEscalation() }
                case "resolved": resolvedEvent = true
                case "csat": if let score = event.score { record.csat = score }
                case "fallback": if openUserTurn != nil { currentUserTurnIsFallback = true }
                case "api_call":
                    record.apiCalls += 1
                    if event.isFailedAPICall {
                        record.apiFailures += 1
                        if !escalationFound { turnsSinceFailure = 0 }
                    }
                default: break
                }
            }
        }
        closeUserTurn()

        if !record.escalated {
            if resolvedEvent {
                record.resolvedBy = .event
            } else if let csat = record.csat, csat >= rules.csat.resolvedMin {
                record.resolvedBy = .csat
            } else if let text = lastUserText, matcher.isConfirmation(text) {
                record.resolvedBy = .confirmation
            }
        }
        if record.escalated {
            record.outcome = .escalated
        } else if !record.engaged {
            record.outcome = .unengaged
            record.resolvedBy = nil
        } else if record.resolvedBy != nil {
            record.outcome = .resolved
        } else {
            record.outcome = .abandoned
        }
        return record
    }

    /// The text without surrounding whitespace; most intents have none, so check before copying.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// One entry of a conversation's merged timeline.
    enum Item {
        case turn(ConversationTurn)
        case event(ConversationEvent)

        var ts: Int64? {
            switch self {
            case .turn(let turn): return turn.ts
            case .event(let event): return event.ts
            }
        }
    }

    /// Turns and events merged in time order; at equal times turns come first, then by id.
    /// An item without a timestamp keeps its place after the item before it in its own list.
    static func timeline(_ log: ConversationLog) -> [Item] {
        var keyed: [(Int64, Int, Int64, Item)] = []
        keyed.reserveCapacity(log.turns.count + log.events.count)
        var last: Int64 = Int64.min
        for turn in log.turns {
            if let ts = turn.ts { last = ts }
            keyed.append((turn.ts ?? last, 0, turn.id, .turn(turn)))
        }
        last = Int64.min
        for event in log.events {
            if let ts = event.ts { last = ts }
            keyed.append((event.ts ?? last, 1, event.id, .event(event)))
        }
        keyed.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        return keyed.map(\.3)
    }
}
