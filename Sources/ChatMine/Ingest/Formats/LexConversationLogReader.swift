import Foundation

/// Amazon Lex V2 text conversation logs: one JSON record per utterance, as Lex writes them to
/// CloudWatch Logs (and as CloudWatch exports them to S3, each line prefixed by its time).
/// The document variant reads `aws logs filter-log-events` output (`{"events": [{"message": …}]}`)
/// or a JSON array of log records.
public struct LexConversationLogReader: LogReader {
    /// `--format lex`: one log record per line.
    public static let format = LogFormat(
        name: "lex",
        framing: .lines,
        recognises: { sample in
            let head = JSONHead(Array(sample.bytes[jsonStart(sample.bytes)...]))
            return head.shape == .object && head.onOneLine && looksLikeLex(head)
        },
        makeReader: { LexConversationLogReader(context: $0, document: false) }
    )

    /// `--format lex-json`: CloudWatch `filter-log-events` JSON output, or an array of log records.
    public static let documentFormat = LogFormat(
        name: "lex-json",
        framing: .document,
        recognises: { sample in
            let head = JSONHead(sample)
            if head.shape == .object && head.onOneLine { return false }
            if head.shape == .object && head.has("events") {
                return head.allKeys.contains("message") && sample.bytes.containsSubsequence(Array("inputTranscript".utf8))
            }
            return head.shape != .other && looksLikeLex(head)
        },
        makeReader: { LexConversationLogReader(context: $0, document: true) }
    )

    static func looksLikeLex(_ head: JSONHead) -> Bool {
        head.has("sessionId") && head.hasAny("inputTranscript", "interpretations", "sessionState") && head.hasAny("bot", "messageVersion", "requestId")
    }

    /// Where the JSON starts in a line: after an exported line's leading timestamp, if any.
    static func jsonStart<C: Collection<UInt8>>(_ bytes: C) -> C.Index {
        var index = bytes.startIndex
        var scanned = 0
        while index != bytes.endIndex, scanned < 64 {
            if bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") { return index }
            if bytes[index] == 0x0A { break }
            index = bytes.index(after: index)
            scanned += 1
        }
        return bytes.startIndex
    }

    let context: ReaderContext
    let document: Bool

    /// Decodes one line or document into turns and events.
    public mutating func decode(_ record: UnsafeBufferPointer<UInt8>, position: Int) throws(RecordRejection) -> [LogRecord] {
        guard document else {
            let start = Self.jsonStart(record)
            return try logRecord(Platform.parse(UnsafeBufferPointer(rebasing: record[start...])))
        }
        let value = try Platform.parse(record)
        let items = Platform.elements(of: value, under: ["events"])
        return try Platform.decodeElements(items, noun: "log record") { item, _ throws(RecordRejection) in
            // filter-log-events wraps each record as a string in "message".
            if case .string(let message)? = item["message"] {
                let bytes = Array(message.utf8)
                let inner = try bytes.withUnsafeBufferPointer { buffer throws(RecordRejection) in try Platform.parse(buffer) }
                return try logRecord(inner)
            }
            return try logRecord(item)
        }
    }

    /// The user turn, bot turns and events of one log record.
    private func logRecord(_ value: JSONValue) throws(RecordRejection) -> [LogRecord] {
        guard case .object = value else { throw RecordRejection("log record is not a JSON object") }
        guard let session = Platform.text(value["sessionId"]) else { throw RecordRejection("no sessionId") }
        let timestamp = try Platform.timestamp(value["timestamp"], context)
        let request = Platform.text(value["requestId"])
        func id(_ suffix: String) -> String? { request.map { "\($0)/\(suffix)" } }
        let attributes = value["requestAttributes"]
        let channel = Platform.text(attributes?["x-amz-lex:channels:platform"]) ?? Platform.text(value["inputMode"])?.lowercased()
        let user = Platform.text(value["userId"])
        let top = value["interpretations"]?.array?.first
        let sessionIntent = value["sessionState"]?["intent"]
        let intentName = Platform.text(top?["intent"]?["name"]) ?? Platform.text(sessionIntent?["name"])
        let missed = value["missedUtterance"] == .bool(true) || Platform.text(value["missedUtterance"]) == "true"

        var records: [LogRecord] = []
        let transcript = Platform.text(value["inputTranscript"]) ?? ""
        if !transcript.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            records.append(.turn(TurnRecord(conversationID: session, messageID: id("user"), timestamp: timestamp, role: .user, text: transcript,
                                            intent: intentName, confidence: Platform.confidence(top?["nluConfidence"]), channel: channel, userID: user)))
        }
        if missed {
            records.append(.event(EventRecord(conversationID: session, eventID: id("fallback"), timestamp: timestamp, kind: .fallback,
                                              name: intentName ?? "FallbackIntent", channel: channel, userID: user)))
        }
        for (index, message) in (value["messages"]?.array ?? []).enumerated() {
            let text = Platform.text(message["content"]) ?? Platform.text(message["imageResponseCard"]?["title"]) ?? ""
            guard !text.isEmpty else { continue }
            records.append(.turn(TurnRecord(conversationID: session, messageID: id("bot/\(index)"), timestamp: timestamp, role: .bot, text: text, channel: channel)))
        }
        let state = Platform.text(sessionIntent?["state"])
        let activeIntent = Platform.text(sessionIntent?["name"]) ?? intentName
        let closed = Platform.text(value["sessionState"]?["dialogAction"]?["type"]) == "Close"
        if let activeIntent, Platform.isHandoff(activeIntent), state == "Fulfilled" || state == "ReadyForFulfillment" || (closed && state != "Failed") {
            records.append(.event(EventRecord(conversationID: session, eventID: id("handoff"), timestamp: timestamp, kind: .handoff, name: activeIntent, channel: channel)))
        }
        if let activeIntent, let state, state == "Fulfilled" || state == "Failed" {
            // Lex logs the outcome of the fulfillment code hook as the intent's state.
            records.append(.event(EventRecord(conversationID: session, eventID: id("fulfillment"), timestamp: timestamp, kind: .apiCall, name: activeIntent,
                                              status: state, ok: state == "Fulfilled", channel: channel)))
        }
        if closed, state == "Fulfilled" || state == "ReadyForFulfillment", let slots = sessionIntent?["slots"]?.object {
            for name in slots.keys.sorted() {
                let slot = slots[name]?["value"]
                if let score = Platform.csatScore(name: name, value: slot?["interpretedValue"] ?? slot?["originalValue"]) {
                    records.append(.event(EventRecord(conversationID: session, eventID: id("csat"), timestamp: timestamp, kind: .csat, name: name, score: score, channel: channel)))
                    break
                }
            }
        }
        return records
    }
}

extension Collection where Element == UInt8 {
    /// Whether `needle` occurs in the bytes.
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        var index = startIndex
        while index != endIndex {
            if self[index] == first, self[index...].starts(with: needle) { return true }
            index = self.index(after: index)
        }
        return false
    }
}
