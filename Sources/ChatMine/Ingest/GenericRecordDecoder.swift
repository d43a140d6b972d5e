/// Turns one flat record (a JSON object or a CSV row as an object of strings) of the generic
/// format into a turn or an event, or explains why it cannot.
public struct GenericRecordDecoder: Sendable {
    public let fields: FieldMap
    /// Offset applied to ISO timestamps without a zone; nil rejects them.
    public let naiveOffsetSeconds: Int?
    /// The latest accepted timestamp (a year from now).
    public let latest: Int64

    public init(fields: FieldMap, naiveOffsetSeconds: Int? = nil, latest: Int64 = Timestamp.now() + 366 * 86_400_000) {
        self.fields = fields
        self.naiveOffsetSeconds = naiveOffsetSeconds
        self.latest = latest
    }

    /// Decodes a parsed record; throws the reason it cannot be stored.
    public func decode(_ record: JSONValue) throws(RecordRejection) -> LogRecord {
        guard case .object = record else { throw RecordRejection("record is not a JSON object") }
        return try decode(fields.values(in: record))
    }

    /// Decodes the field values of a record; throws the reason it cannot be stored.
    public func decode(_ record: FieldValues) throws(RecordRejection) -> LogRecord {
        guard let conversation = try text(.conversationID, in: record) else {
            throw RecordRejection("missing conversation id (conversation_id, session_id or thread_id; or --map conversation_id=COLUMN)")
        }
        let timestamp = try timestampValue(in: record)
        let channel = try text(.channel, in: record)
        let user = try text(.userID, in: record)
        let id = try text(.messageID, in: record)
        if let eventName = try text(.event, in: record) {
            guard let kind = EventKind(alias: eventName) else {
                throw RecordRejection("unknown event '\(eventName.prefix(40))' (expected handoff, api_call, resolved, csat, fallback or session_end)")
            }
            var event = EventRecord(conversationID: conversation, eventID: id, timestamp: timestamp, kind: kind, channel: channel, userID: user)
            switch kind {
            case .apiCall:
                event.name = try text(.name, in: record)
                event.status = try text(.status, in: record)
                event.ok = event.status.flatMap(apiStatusIsOK)
                event.latencyMs = try number(.latencyMs, in: record)
                if let latency = event.latencyMs, latency < 0 { throw RecordRejection("negative latency_ms \(latency)") }
            case .csat:
                guard let score = try number(.score, in: record) else { throw RecordRejection("csat event without a score") }
                guard (1...5).contains(score) else { throw RecordRejection("csat score \(score) is outside 1–5") }
                event.score = score
            default:
                event.name = try text(.name, in: record)
            }
            return .event(event)
        }
        guard let roleName = try text(.role, in: record) else {
            throw RecordRejection("missing role (role, sender, speaker or from), and no event")
        }
        guard let role = Role(alias: roleName) else {
            throw RecordRejection("unknown role '\(roleName.prefix(40))' (expected user, bot, agent, system or tool)")
        }
        let body = try text(.text, in: record) ?? ""
        if role == .user && body.isBlank {
            throw RecordRejection("user turn without text")
        }
        var confidence = try number(.confidence, in: record)
        if let value = confidence {
            if value > 1 && value <= 100 { confidence = value / 100 }
            guard let scaled = confidence, (0...1).contains(scaled) else { throw RecordRejection("confidence \(value) is outside 0–1") }
        }
        return .turn(TurnRecord(conversationID: conversation, messageID: id, timestamp: timestamp, role: role, text: body,
                                intent: try text(.intent, in: record), confidence: confidence, channel: channel, userID: user))
    }

    private func text(_ field: FieldMap.Field, in record: FieldValues) throws(RecordRejection) -> String? {
        guard let value = record[field] else { return nil }
        guard let text = value.text else {
            throw RecordRejection("field \(field.rawValue) is not text or a number")
        }
        return text
    }

    private func number(_ field: FieldMap.Field, in record: FieldValues) throws(RecordRejection) -> Double? {
        guard let value = record[field] else { return nil }
        guard let number = value.double, number.isFinite else {
            throw RecordRejection("field \(field.rawValue) is not a number: '\((value.text ?? "…").prefix(40))'")
        }
        return number
    }

    private func timestampValue(in record: FieldValues) throws(RecordRejection) -> Int64? {
        guard let value = record[.timestamp] else { return nil }
        guard let raw = value.text else { throw RecordRejection("field timestamp is not text or a number") }
        return try Timestamp.parse(raw, naiveOffsetSeconds: naiveOffsetSeconds, latest: latest)
    }
}

import Foundation
