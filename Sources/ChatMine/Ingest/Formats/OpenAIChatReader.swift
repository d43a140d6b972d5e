import Foundation

/// OpenAI chat transcripts: `{"messages": [...]}` per line (the fine-tuning and eval format), with
/// optional metadata; or a JSON array of such conversations. Tool calls and their results become
/// `api_call` events; a result that reports an error makes the call failed.
public struct OpenAIChatReader: LogReader {
    /// `--format openai`: one conversation per line.
    public static let format = LogFormat(
        name: "openai",
        framing: .lines,
        recognises: { sample in
            let head = JSONHead(sample)
            return head.shape == .object && head.onOneLine && looksLikeChat(head)
        },
        makeReader: { OpenAIChatReader(context: $0, document: false) }
    )

    /// `--format openai-json`: a JSON array of conversations (the whole file is one document).
    public static let documentFormat = LogFormat(
        name: "openai-json",
        framing: .document,
        recognises: { sample in
            let head = JSONHead(sample)
            return head.shape != .other && !(head.shape == .object && head.onOneLine) && looksLikeChat(head)
        },
        makeReader: { OpenAIChatReader(context: $0, document: true) }
    )

    static func looksLikeChat(_ head: JSONHead) -> Bool {
        head.has("messages") && head.allKeys.contains("role") && head.allKeys.contains("content") && !head.hasAny("sessionState", "sender_id")
    }

    let context: ReaderContext
    let document: Bool

    /// Decodes one line or document into turns and events.
    public mutating func decode(_ record: UnsafeBufferPointer<UInt8>, position: Int) throws(RecordRejection) -> [LogRecord] {
        guard document else {
            return try conversation(ChatTranscript(bytes: record)) { "openai-" + Platform.shortHash(record) }
        }
        let value = try Platform.parse(record)
        let items = Platform.elements(of: value, under: ["conversations", "data", "items"])
        return try Platform.decodeElements(items, noun: "conversation") { item, index throws(RecordRejection) in
            try conversation(ChatTranscript(item)) { "openai-\(Platform.shortHash(record))-\(index + 1)" }
        }
    }

    /// The turns and events of one conversation; `fallbackID` names one that has no id of its own.
    private func conversation(_ transcript: ChatTranscript, fallbackID: () -> String) throws(RecordRejection) -> [LogRecord] {
        let fields = transcript.fields
        let conversationID = Platform.text(fields.id?.value) ?? fallbackID()
        let userID = Platform.text(fields.user?.value)
        let channel = Platform.text(fields.channel?.value)
        let started = try Platform.timestamp(fields.started?.value, context)

        var records: [LogRecord] = []
        records.reserveCapacity(transcript.messages.count + 3)
        var pendingCalls: [String: (name: String, timestamp: Int64?, order: Int)] = [:]
        var callOrder: [String] = []
        var lastTimestamp = started
        var conversationStarted = false
        for (index, message) in transcript.messages.enumerated() {
            guard let roleName = message.role else { throw RecordRejection("message \(index + 1) has no role") }
            guard let role = Platform.role(roleName) else { throw RecordRejection("message \(index + 1) has an unknown role '\(roleName.prefix(40))'") }
            let timestamp = try Platform.timestamp(message.time, context) ?? lastTimestamp
            lastTimestamp = timestamp
            let text = Self.content(message.content)
            let messageID = message.id ?? String(index)
            // The leading system/developer messages are the prompt, the same in every conversation:
            // configuration, not something said. Later system messages are kept.
            if role == .system && !conversationStarted { continue }
            conversationStarted = true
            // A tool message is the result of a call: it becomes the call's api_call event, not a turn.
            if role != .tool && (!text.isEmpty || (role != .user && message.toolCalls == nil && message.functionCall == nil)) {
                records.append(.turn(TurnRecord(conversationID: conversationID, messageID: messageID, timestamp: timestamp, role: role, text: text,
                                                channel: channel, userID: role == .user ? userID : nil)))
            }
            for call in message.toolCalls ?? [] {
                let name = call.name ?? "tool"
                let id = call.id ?? "\(index)-\(callOrder.count)"
                pendingCalls[id] = (name, timestamp, callOrder.count)
                callOrder.append(id)
                if Platform.isHandoff(name) {
                    records.append(.event(EventRecord(conversationID: conversationID, eventID: "handoff:\(id)", timestamp: timestamp, kind: .handoff,
                                                      name: name, channel: channel)))
                }
            }
            if let call = message.functionCall, let name = Platform.text(call["name"]) {
                let id = "function:\(name)"
                pendingCalls[id] = (name, timestamp, callOrder.count)
                callOrder.append(id)
            }
            if role == .tool {
                let id = message.toolCallID ?? message.name.map { "function:\($0)" } ?? "\(index)"
                let call = pendingCalls.removeValue(forKey: id)
                let failed = Platform.resultIndicatesFailure(text)
                var latency: Double?
                if let start = call?.timestamp, let end = timestamp, end >= start, message.time != nil { latency = Double(end - start) }
                records.append(.event(EventRecord(conversationID: conversationID, eventID: "call:\(id)", timestamp: timestamp, kind: .apiCall,
                                                  name: call?.name ?? message.name ?? "tool", status: failed ? "error" : "ok",
                                                  ok: !failed, latencyMs: latency, channel: channel)))
            }
        }
        // Calls whose result never came: the call happened, its outcome is unknown.
        for id in callOrder {
            guard let call = pendingCalls[id] else { continue }
            records.append(.event(EventRecord(conversationID: conversationID, eventID: "call:\(id)", timestamp: call.timestamp, kind: .apiCall,
                                              name: call.name, channel: channel)))
        }
        records += outcomes(fields, conversationID: conversationID, timestamp: lastTimestamp, channel: channel)
        return records
    }

    /// Outcome facts some exporters add to a conversation or its metadata: handoff, resolved, CSAT.
    private func outcomes(_ fields: ConversationFields, conversationID: String, timestamp: Int64?, channel: String?) -> [LogRecord] {
        var records: [LogRecord] = []
        if fields.handoff {
            records.append(.event(EventRecord(conversationID: conversationID, eventID: "handoff", timestamp: timestamp, kind: .handoff, channel: channel)))
        }
        if fields.resolved {
            records.append(.event(EventRecord(conversationID: conversationID, eventID: "resolved", timestamp: timestamp, kind: .resolved, channel: channel)))
        }
        if let csat = fields.csat {
            records.append(.event(EventRecord(conversationID: conversationID, eventID: "csat", timestamp: timestamp, kind: .csat, score: csat.score, channel: channel)))
        }
        return records
    }

    /// A message's text: a string, or the text parts of a content array.
    static func content(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        if case .string(let text) = value { return text }
        guard let parts = value.array else { return "" }
        return parts.compactMap { part -> String? in
            if case .string(let text) = part { return text }
            return Platform.text(part["text"]) ?? Platform.text(part["text"]?["value"])
        }.joined(separator: "\n")
    }
}
