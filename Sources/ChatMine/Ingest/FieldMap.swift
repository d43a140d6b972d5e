/// The model's field names and the column names that feed each of them: the common aliases
/// plus the user's `--map field=column` overrides (a column may be a dotted JSON path).
public struct FieldMap: Sendable {
    /// A field of the input model.
    public enum Field: String, Sendable, CaseIterable {
        /// Position in `allCases`, for array-backed lookups.
        var slot: Int {
            switch self {
            case .conversationID: return 0
            case .messageID: return 1
            case .role: return 2
            case .text: return 3
            case .timestamp: return 4
            case .intent: return 5
            case .confidence: return 6
            case .channel: return 7
            case .userID: return 8
            case .event: return 9
            case .name: return 10
            case .status: return 11
            case .latencyMs: return 12
            case .score: return 13
            }
        }

        case conversationID = "conversation_id"
        case messageID = "message_id"
        case role, text, timestamp, intent, confidence, channel
        case userID = "user_id"
        case event, name, status
        case latencyMs = "latency_ms"
        case score
    }

    /// The aliases tried, in order, when no `--map` names a column.
    public static let aliases: [Field: [String]] = [
        .conversationID: ["conversation_id", "session_id", "thread_id", "conversationId", "sessionId", "threadId", "conversation", "chat_id", "dialog_id"],
        .messageID: ["message_id", "messageId", "turn_id", "msg_id", "event_id", "eventId", "id"],
        .role: ["role", "sender", "speaker", "from", "author", "participant"],
        .text: ["text", "message", "content", "utterance", "body", "msg"],
        .timestamp: ["timestamp", "ts", "time", "created_at", "createdAt", "datetime", "date_time", "sent_at"],
        .intent: ["intent", "intent_name", "intentName", "nlu_intent"],
        .confidence: ["confidence", "intent_confidence", "intentConfidence", "nlu_confidence"],
        .channel: ["channel", "platform", "medium"],
        .userID: ["user_id", "userId", "customer_id", "customerId", "user", "visitor_id"],
        .event: ["event", "event_type", "eventType"],
        .name: ["name", "api", "api_name", "tool", "tool_name"],
        .status: ["status", "http_status", "api_status", "result"],
        .latencyMs: ["latency_ms", "latency", "duration_ms", "latencyMs"],
        .score: ["score", "csat", "rating", "csat_score"],
    ]

    /// User overrides: field → column or dotted path.
    public private(set) var overrides: [Field: String] = [:] {
        didSet { keyTable = Self.makeKeyTable(overrides) }
    }

    /// Every top-level key that feeds a field, with its rank among that field's names (lower wins).
    private(set) var keyTable: [String: (field: Field, rank: Int)] = FieldMap.makeKeyTable([:])

    /// Whether an override names a nested path, which the flat fast path cannot follow.
    var hasNestedOverrides: Bool { overrides.values.contains { $0.contains(".") } }

    public init() {}

    private static func makeKeyTable(_ overrides: [Field: String]) -> [String: (field: Field, rank: Int)] {
        var table: [String: (field: Field, rank: Int)] = [:]
        for field in Field.allCases {
            if let column = overrides[field] {
                table[column] = (field, 0)
                continue
            }
            for (rank, alias) in (aliases[field] ?? []).enumerated() where table[alias] == nil {
                table[alias] = (field, rank)
            }
        }
        // An override claims its column even when it is another field's alias.
        for (field, column) in overrides { table[column] = (field, 0) }
        return table
    }

    /// The values of every field in a parsed record.
    public func values(in record: JSONValue) -> FieldValues {
        var values = FieldValues()
        for field in Field.allCases {
            if let value = value(field, in: record) { values[field] = value }
        }
        return values
    }

    /// Parses `--map field=column` arguments.
    public init(mappings: [String]) throws {
        for mapping in mappings {
            guard let equals = mapping.firstIndex(of: "=") else {
                throw ChatMineError("--map '\(mapping)' is not field=column", hint: "for example --map text=body or --map conversation_id=meta.session")
            }
            let fieldName = String(mapping[..<equals]).trimmingCharacters(in: .whitespaces)
            let column = String(mapping[mapping.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            guard let field = Field(rawValue: fieldName) else {
                throw ChatMineError("--map names an unknown field '\(fieldName)'", hint: "fields: " + Field.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard !column.isEmpty else { throw ChatMineError("--map \(fieldName)= needs a column name") }
            overrides[field] = column
        }
    }

    /// The value of `field` in a record, following the override or the first alias present.
    public func value(_ field: Field, in record: JSONValue) -> JSONValue? {
        if let column = overrides[field] {
            return nonEmpty(record[column] ?? record.value(at: column))
        }
        for alias in Self.aliases[field] ?? [] {
            if let value = nonEmpty(record[alias]) { return value }
        }
        return nil
    }

    private func nonEmpty(_ value: JSONValue?) -> JSONValue? {
        guard let value else { return nil }
        switch value {
        case .null: return nil
        case .string(let s) where s.isEmpty: return nil
        default: return value
        }
    }
}

/// The values of the model's fields found in one record.
public struct FieldValues: Sendable {
    private var slots = [JSONValue?](repeating: nil, count: 14)
    private var ranks = [Int](repeating: .max, count: 14)

    public init() {}

    /// The value of a field, or nil when the record has none.
    public subscript(field: FieldMap.Field) -> JSONValue? {
        get { slots[field.slot] }
        set { slots[field.slot] = newValue }
    }

    /// Sets a field's value if this name ranks before the one already seen.
    mutating func offer(_ value: JSONValue, field: FieldMap.Field, rank: Int) {
        if rank < ranks[field.slot] {
            slots[field.slot] = value
            ranks[field.slot] = rank
        }
    }
}

import Foundation
