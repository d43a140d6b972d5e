import Foundation

/// Rasa tracker-store exports: tracker documents `{"sender_id": …, "events": […]}` (the HTTP API's
/// `GET /conversations/{id}/tracker`), JSON Lines of trackers, or JSON Lines of single events that
/// carry `sender_id` (what the Kafka, Pika and SQL event brokers and `rasa export` publish).
/// Each Rasa session (`session_started`) is a conversation of its own: `sender_id#session start`.
public struct RasaTrackerReader: LogReader {
    /// `--format rasa`: one tracker or one event per line.
    public static let format = LogFormat(
        name: "rasa",
        framing: .lines,
        recognises: { sample in
            let head = JSONHead(sample)
            return head.shape == .object && head.onOneLine && looksLikeRasa(head)
        },
        makeReader: { RasaTrackerReader(context: $0, document: false) }
    )

    /// `--format rasa-json`: one tracker document, or a JSON array of trackers or events.
    public static let documentFormat = LogFormat(
        name: "rasa-json",
        framing: .document,
        recognises: { sample in
            let head = JSONHead(sample)
            return head.shape != .other && !(head.shape == .object && head.onOneLine) && looksLikeRasa(head)
        },
        makeReader: { RasaTrackerReader(context: $0, document: true) }
    )

    static func looksLikeRasa(_ head: JSONHead) -> Bool {
        head.has("sender_id") && (head.has("events") || head.has("event"))
    }

    /// Actions Rasa runs itself; they are neither API calls nor outcomes.
    static let builtinActions: Set<String> = [
        "action_listen", "action_restart", "action_session_start", "action_default_ask_affirmation",
        "action_default_ask_rephrase", "action_back", "action_deactivate_loop", "action_revert_fallback_events",
        "action_unlikely_intent", "action_extract_slots", "action_validate_slot_mappings",
    ]
    /// Actions that mean the bot did not understand.
    static let fallbackActions: Set<String> = ["action_default_fallback", "action_two_stage_fallback"]

    let context: ReaderContext
    let document: Bool
    /// The conversation each sender's events currently go to (their latest session).
    private var sessions: [String: String] = [:]
    /// Per conversation, the last id given and how often, so records sharing a timestamp stay distinct.
    /// Conversations whose handoff is already recorded.
    private var handedOff: Set<String> = []
    private var lastIDs: [String: (base: String, uses: Int)] = [:]

    init(context: ReaderContext, document: Bool) {
        self.context = context
        self.document = document
    }

    /// Decodes one line or document into turns and events.
    public mutating func decode(_ record: UnsafeBufferPointer<UInt8>, position: Int) throws(RecordRejection) -> [LogRecord] {
        let value = try Platform.parse(record)
        // A line, or a document that is one tracker: decoded whole.
        if !document || value["sender_id"] != nil { return try item(value) }
        let items = Platform.elements(of: value, under: ["trackers", "events"])
        return try Platform.decodeElements(items, noun: "item") { element, _ throws(RecordRejection) in try item(element) }
    }

    /// A tracker or a single event.
    private mutating func item(_ value: JSONValue) throws(RecordRejection) -> [LogRecord] {
        guard case .object = value else { throw RecordRejection("record is not a JSON object") }
        guard let sender = Platform.text(value["sender_id"]) else { throw RecordRejection("no sender_id") }
        if let events = value["events"]?.array {
            var records: [LogRecord] = []
            for (index, event) in events.enumerated() {
                do {
                    records += try self.event(event, sender: sender)
                } catch {
                    throw RecordRejection("event \(index + 1) of tracker '\(sender.prefix(40))': \(error.reason)")
                }
            }
            return records
        }
        guard value["event"] != nil else { throw RecordRejection("neither \"events\" nor \"event\"") }
        return try event(value, sender: sender)
    }

    private mutating func event(_ event: JSONValue, sender: String) throws(RecordRejection) -> [LogRecord] {
        guard let type = Platform.text(event["event"]) else { throw RecordRejection("event without a type") }
        let stampText = Platform.text(event["timestamp"])
        let timestamp = try Platform.timestamp(event["timestamp"], context)
        if type == "session_started" {
            sessions[sender] = timestamp.map { "\(sender)#\(Timestamp.iso($0))" } ?? sender
            return []
        }
        let conversation = sessions[sender] ?? sender
        func id(_ prefix: String) -> String {
            let base = "\(prefix)@\(stampText ?? "-")"
            let uses = lastIDs[conversation].flatMap { $0.base == base ? $0.uses : nil } ?? 0
            lastIDs[conversation] = (base, uses + 1)
            return uses == 0 ? base : "\(base)#\(uses)"
        }
        switch type {
        case "user":
            let text = Platform.text(event["text"]) ?? ""
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
            let intent = event["parse_data"]?["intent"]
            let messageID = Platform.text(event["message_id"]) ?? Platform.text(event["parse_data"]?["message_id"]) ?? id("user")
            return [.turn(TurnRecord(conversationID: conversation, messageID: messageID, timestamp: timestamp, role: .user, text: text,
                                     intent: Platform.text(intent?["name"]), confidence: Platform.confidence(intent?["confidence"]),
                                     channel: Platform.text(event["input_channel"]), userID: sender))]
        case "bot":
            var text = Platform.text(event["text"]) ?? ""
            if text.isEmpty, let buttons = event["data"]?["buttons"]?.array {
                text = buttons.compactMap { Platform.text($0["title"]) }.joined(separator: " | ")
            }
            return [.turn(TurnRecord(conversationID: conversation, messageID: id("bot"), timestamp: timestamp, role: .bot, text: text))]
        case "action":
            guard let name = Platform.text(event["name"]) else { return [] }
            if Platform.isHandoff(name) {
                handedOff.insert(conversation)
                return [.event(EventRecord(conversationID: conversation, eventID: id("handoff"), timestamp: timestamp, kind: .handoff, name: name))]
            }
            if Self.fallbackActions.contains(name) {
                return [.event(EventRecord(conversationID: conversation, eventID: id("fallback"), timestamp: timestamp, kind: .fallback, name: name))]
            }
            guard name.hasPrefix("action_"), !Self.builtinActions.contains(name) else { return [] }
            return [.event(EventRecord(conversationID: conversation, eventID: id(name), timestamp: timestamp, kind: .apiCall, name: name, status: "ok", ok: true))]
        case "action_execution_rejected":
            let name = Platform.text(event["name"]) ?? "action"
            return [.event(EventRecord(conversationID: conversation, eventID: id(name), timestamp: timestamp, kind: .apiCall, name: name, status: "rejected", ok: false))]
        case "pause":
            // A paused conversation is Rasa's way of letting a human take over; a handoff action
            // usually pauses it too, and that is one handoff, not two.
            guard handedOff.insert(conversation).inserted else { return [] }
            return [.event(EventRecord(conversationID: conversation, eventID: id("pause"), timestamp: timestamp, kind: .handoff, name: "pause"))]
        case "slot":
            guard let name = Platform.text(event["name"]), let score = Platform.csatScore(name: name, value: event["value"]) else { return [] }
            return [.event(EventRecord(conversationID: conversation, eventID: id("csat"), timestamp: timestamp, kind: .csat, name: name, score: score))]
        default:
            return []
        }
    }
}
