import Foundation

/// Microsoft Bot Framework `.transcript` files: a JSON array of activities, as the Bot Framework
/// Emulator saves them and `TranscriptLoggerMiddleware` writes them to blob storage; also the
/// Direct Line `GET …/activities` response (`{"activities": […]}`).
public struct BotFrameworkTranscriptReader: LogReader {
    /// `--format botframework`: the whole file is one transcript.
    public static let format = LogFormat(
        name: "botframework",
        framing: .document,
        recognises: { sample in
            let head = JSONHead(sample)
            if sample.name.hasSuffix(".transcript") { return head.shape != .other }
            if head.shape == .object && head.has("activities") { return head.allKeys.contains("channelId") }
            return head.shape == .array && head.has("type") && head.hasAny("from", "conversation") && head.hasAny("channelId", "serviceUrl", "recipient")
        },
        makeReader: { BotFrameworkTranscriptReader(context: $0) }
    )

    let context: ReaderContext

    /// Decodes one line or document into turns and events.
    public mutating func decode(_ record: UnsafeBufferPointer<UInt8>, position: Int) throws(RecordRejection) -> [LogRecord] {
        let value = try Platform.parse(record)
        let fallbackConversation = "botframework-" + Platform.shortHash(record)
        let activities = Platform.elements(of: value, under: ["activities"])
        // The bot is the recipient of the user's activities; used when an activity has no role.
        let botIDs = Set(activities.compactMap { activity -> String? in
            guard Platform.text(activity["from"]?["role"]) == "user" || Platform.text(activity["type"]) == "conversationUpdate" else { return nil }
            return Platform.text(activity["recipient"]?["id"])
        })
        var records: [LogRecord] = []
        var lastUserTurn: Int?
        for (index, activity) in activities.enumerated() {
            guard case .object = activity else { throw RecordRejection("activity \(index + 1) is not a JSON object") }
            let type = Platform.text(activity["type"]) ?? "message"
            let conversation = Platform.text(activity["conversation"]?["id"]) ?? fallbackConversation
            let timestamp: Int64?
            do {
                timestamp = try Platform.timestamp(activity["timestamp"] ?? activity["localTimestamp"], context)
            } catch {
                throw RecordRejection("activity \(index + 1): \(error.reason)")
            }
            let id = Platform.text(activity["id"]) ?? "activity-\(index)"
            let channel = Platform.text(activity["channelId"])
            func event(_ kind: EventKind, name: String? = nil, score: Double? = nil) {
                records.append(.event(EventRecord(conversationID: conversation, eventID: id, timestamp: timestamp, kind: kind, name: name, score: score, channel: channel)))
            }
            switch type {
            case "message":
                let fromID = Platform.text(activity["from"]?["id"])
                let role = Platform.text(activity["from"]?["role"]).flatMap { $0 == "skill" ? .bot : Platform.role($0) }
                    ?? (fromID.map(botIDs.contains) == true ? .bot : .user)
                let text = Platform.text(activity["text"]) ?? Self.attachmentText(activity["attachments"])
                guard !(role == .user && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty) else { continue }
                if role == .user { lastUserTurn = records.count }
                records.append(.turn(TurnRecord(conversationID: conversation, messageID: id, timestamp: timestamp, role: role, text: text,
                                                channel: channel, userID: role == .user ? fromID : nil)))
            case "handoff":
                event(.handoff, name: "handoff")
            case "endOfConversation":
                event(.sessionEnd, name: Platform.text(activity["code"]))
            case "event":
                let name = Platform.text(activity["name"]) ?? ""
                if name == "handoff.initiate" || (name != "handoff.status" && Platform.isHandoff(name)) {
                    event(.handoff, name: name)
                } else if let score = Platform.csatScore(name: name, value: activity["value"]?["score"] ?? activity["value"]?["rating"] ?? activity["value"]) {
                    event(.csat, name: name, score: score)
                }
            case "trace":
                // A recognizer's trace follows the user message it classified.
                guard let turnIndex = lastUserTurn, case .turn(var turn) = records[turnIndex], turn.intent == nil,
                      let (intent, score) = Self.topIntent(activity["value"]) else { continue }
                turn.intent = intent
                turn.confidence = score
                records[turnIndex] = .turn(turn)
            default:
                continue
            }
        }
        return records
    }

    /// The text of a message's attachments (an Adaptive or hero card's title or text blocks).
    static func attachmentText(_ value: JSONValue?) -> String {
        guard let attachments = value?.array else { return "" }
        var parts: [String] = []
        for attachment in attachments {
            let content = attachment["content"]
            if let title = Platform.text(content?["title"]) { parts.append(title) }
            if let text = Platform.text(content?["text"]) { parts.append(text) }
            for block in content?["body"]?.array ?? [] {
                if let text = Platform.text(block["text"]) { parts.append(text) }
            }
        }
        return parts.joined(separator: "\n")
    }

    /// The best intent of a recognizer trace (LUIS, CLU, Orchestrator): `recognizerResult.intents`
    /// or `intents` as `{"Name": {"score": x}}`, or LUIS's `topScoringIntent`.
    static func topIntent(_ value: JSONValue?) -> (String, Double?)? {
        guard let value else { return nil }
        if let top = value["luisResult"]?["topScoringIntent"], let name = Platform.text(top["intent"]) {
            return (name, Platform.confidence(top["score"]))
        }
        guard let intents = (value["recognizerResult"]?["intents"] ?? value["intents"])?.object, !intents.isEmpty else { return nil }
        var best: (String, Double?)?
        for name in intents.keys.sorted() {
            let score = Platform.confidence(intents[name]?["score"])
            if best == nil || (score ?? -1) > (best?.1 ?? -1) { best = (name, score) }
        }
        return best
    }
}
