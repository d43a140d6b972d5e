import Foundation

/// One conversation's stored outcome with what decided it, for `chatmine outcomes`.
public struct OutcomeListing: Sendable, Equatable {
    /// `conversations.external_id`.
    public var conversation: String
    /// The outcome.
    public var outcome: String
    /// Why: "handoff event", "agent turn", "resolved event", "CSAT 5", "last user turn thanks: …", …
    public var reason: String
    /// The conversation's intent, if any.
    public var intent: String?
    /// Channel, if known.
    public var channel: String?
    /// User id, if known.
    public var userID: String?
    /// Start, epoch ms UTC.
    public var startedAt: Int64?
    /// Contained and no return within the deflection window.
    public var deflected: Bool
    /// Resolved and no return within the durable window.
    public var durablyResolved: Bool
}

/// Reads outcomes back with their reasons.
public enum OutcomeLister {
    /// Stored outcomes of conversations starting in [since, until), optionally of one outcome.
    public static func list(db: Database, rules: OutcomeRules, since: Int64?, until: Int64?, outcome: Outcome?, conversation: String?, limit: Int?) throws -> [OutcomeListing] {
        var conditions: [String] = []
        var arguments: [DatabaseValueConvertible] = []
        if let since { conditions.append("o.started_at >= ?"); arguments.append(since) }
        if let until { conditions.append("o.started_at < ?"); arguments.append(until) }
        if let outcome { conditions.append("o.outcome = ?"); arguments.append(outcome.rawValue) }
        if let conversation { conditions.append("c.external_id = ?"); arguments.append(conversation) }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let limitClause = limit.map { " LIMIT \(max(0, $0))" } ?? ""
        let matcher = PhraseMatcher(rules: rules)
        let lastUserTurn = try db.prepare("SELECT text FROM turns WHERE conversation_id = ? AND role = 'user' ORDER BY ts DESC, id DESC LIMIT 1")
        let firstEscalation = try db.prepare("""
            SELECT what FROM (
                SELECT 'handoff event' AS what, ts, 1 AS rank FROM events WHERE conversation_id = ?1 AND kind = 'handoff'
                UNION ALL SELECT 'agent turn', ts, 0 FROM turns WHERE conversation_id = ?1 AND role = 'agent'
            ) ORDER BY ts, rank LIMIT 1
            """)
        var listings: [OutcomeListing] = []
        try db.prepare("""
            SELECT c.external_id, o.conversation_id, o.outcome, o.resolved_by, o.intent, o.channel, o.user_id, o.started_at,
                   o.deflected, o.durably_resolved, o.csat, o.escalated_after_api_failure
            FROM outcomes o JOIN conversations c ON c.id = o.conversation_id \(filter)
            ORDER BY o.started_at, o.conversation_id\(limitClause)
            """).forEachRow(arguments) { row in
            let id = row[1]
            let lastText = try lastUserTurn.rows([id]).first?[0].string
            let reason: String
            switch row[2].string ?? "" {
            case "escalated":
                let via = try firstEscalation.rows([id]).first?[0].string ?? "handoff"
                reason = via + (row[11].int64 == 1 ? " after a failed API call" : "")
            case "unengaged":
                reason = lastText == nil ? "no user message" : "only greetings from the user"
            case "resolved":
                switch row[3].string {
                case "event": reason = "resolved event"
                case "csat": reason = "CSAT \(FormatNumber.plain(row[10].double))"
                default: reason = "last user turn confirms: \(Self.quote(lastText))"
                }
            default:
                var why = "engaged, no escalation, no resolved event"
                if let score = row[10].double { why += ", CSAT \(FormatNumber.plain(score)) under \(FormatNumber.plain(rules.csat.resolvedMin))" }
                if let text = lastText {
                    why += matcher.isConfirmation(text) ? "" : "; last user turn does not confirm: \(Self.quote(text))"
                }
                reason = why
            }
            listings.append(OutcomeListing(
                conversation: row[0].string ?? "", outcome: row[2].string ?? "", reason: reason, intent: row[4].string,
                channel: row[5].string, userID: row[6].string, startedAt: row[7].int64,
                deflected: row[8].int64 == 1, durablyResolved: row[9].int64 == 1))
        }
        return listings
    }

    private static func quote(_ text: String?) -> String {
        guard let text else { return "(none)" }
        let oneLine = text.replacingOccurrences(of: "\n", with: " ")
        return "\"" + (oneLine.count > 60 ? String(oneLine.prefix(60)) + "…" : oneLine) + "\""
    }
}

/// Number formatting shared by the outputs.
enum FormatNumber {
    /// Integers without decimals, others to at most 6 decimals, nil as "".
    static func plain(_ value: Double?) -> String { MetricsFormatter.plain(value) }
}
