import Foundation

/// Dialogflow CX conversation history: rows of the interaction-logging BigQuery export
/// (`conversation_name, turn_position, request_time, request, response, conversation_signals, …`,
/// request/response as JSON objects or JSON strings), one per line as `bq extract` writes
/// NEWLINE_DELIMITED_JSON; or conversations from the Conversation History API
/// (`{"name": …/conversations/…, "interactions": [{request, response, createTime}]}`).
public struct DialogflowCXReader: LogReader {
    /// `--format dialogflow-cx`: one row (or one conversation) per line.
    public static let format = LogFormat(
        name: "dialogflow-cx",
        framing: .lines,
        recognises: { sample in
            let head = JSONHead(sample)
            return head.shape == .object && head.onOneLine && looksLikeDialogflow(head)
        },
        makeReader: { DialogflowCXReader(context: $0, document: false) }
    )

    /// `--format dialogflow-cx-json`: a JSON array of rows (BigQuery's JSON download) or conversations.
    public static let documentFormat = LogFormat(
        name: "dialogflow-cx-json",
        framing: .document,
        recognises: { sample in
            let head = JSONHead(sample)
            return head.shape != .other && !(head.shape == .object && head.onOneLine) && looksLikeDialogflow(head)
        },
        makeReader: { DialogflowCXReader(context: $0, document: true) }
    )

    static func looksLikeDialogflow(_ head: JSONHead) -> Bool {
        (head.has("conversation_name") && head.hasAny("turn_position", "request", "response"))
            || (head.has("interactions") && head.allKeys.contains("queryInput"))
    }

    let context: ReaderContext
    let document: Bool
    /// CSAT answers already stored for a conversation: session parameters repeat on every later turn.
    private var csatSeen: Set<String> = []

    init(context: ReaderContext, document: Bool) {
        self.context = context
        self.document = document
    }

    /// Decodes one line or document into turns and events.
    public mutating func decode(_ record: UnsafeBufferPointer<UInt8>, position: Int) throws(RecordRejection) -> [LogRecord] {
        let value = try Platform.parse(record)
        guard document else { return try item(value) }
        let items = Platform.elements(of: value, under: ["rows", "conversations"])
        return try Platform.decodeElements(items, noun: "row") { element, _ throws(RecordRejection) in try item(element) }
    }

    private mutating func item(_ value: JSONValue) throws(RecordRejection) -> [LogRecord] {
        guard case .object = value else { throw RecordRejection("row is not a JSON object") }
        if let interactions = value["interactions"]?.array {
            guard let name = Platform.text(value["name"]) else { throw RecordRejection("conversation without a name") }
            let conversation = Self.sessionID(name)
            var records: [LogRecord] = []
            for (index, interaction) in interactions.enumerated() {
                let request = try Self.object(interaction["request"], "request")
                let response = try Self.object(interaction["response"], "response")
                let turn = Platform.text(response?["responseId"]) ?? String(index)
                records += try self.turn(conversation: conversation, turn: turn, timestamp: try Platform.timestamp(interaction["createTime"], context),
                                         request: request, response: response, signals: nil)
            }
            return records
        }
        guard let name = Platform.text(value["conversation_name"]) else { throw RecordRejection("no conversation_name") }
        let response = try Self.object(value["response"], "response")
        // Without a turn position or response id the records are identified by their bytes and place.
        let turn = Platform.text(value["turn_position"]) ?? Platform.text(response?["responseId"])
        return try self.turn(conversation: Self.sessionID(name), turn: turn, timestamp: try Platform.timestamp(value["request_time"], context),
                             request: try Self.object(value["request"], "request"), response: response,
                             signals: try Self.object(value["conversation_signals"], "conversation_signals")?["turnSignals"])
    }

    /// The session id at the end of a fully qualified session name (…/sessions/ID).
    static func sessionID(_ name: String) -> String {
        guard let range = name.range(of: "/sessions/", options: .backwards) else {
            return name.split(separator: "/").last.map(String.init) ?? name
        }
        return String(name[range.upperBound...])
    }

    /// A JSON column: an object, or a string holding one (as BigQuery exports JSON columns).
    static func object(_ value: JSONValue?, _ column: String) throws(RecordRejection) -> JSONValue? {
        guard let value else { return nil }
        switch value {
        case .object: return value
        case .null: return nil
        case .string(let text):
            guard !text.isEmpty else { return nil }
            let parsed: JSONValue
            do { parsed = try JSONParser.parse(text) } catch { throw RecordRejection("column \(column) is not valid JSON: \(error)") }
            guard case .object = parsed else { throw RecordRejection("column \(column) is not a JSON object") }
            return parsed
        default:
            throw RecordRejection("column \(column) is not a JSON object")
        }
    }

    private mutating func turn(conversation: String, turn: String?, timestamp: Int64?, request: JSONValue?, response: JSONValue?,
                               signals: JSONValue?) throws(RecordRejection) -> [LogRecord] {
        let result = response?["queryResult"]
        let input = request?["queryInput"]
        let channel = Platform.text(request?["queryParams"]?["channel"])
        let match = result?["match"]
        let matchType = Platform.text(match?["matchType"])
        var records: [LogRecord] = []
        func event(_ kind: EventKind, _ suffix: String, name: String? = nil, status: String? = nil, ok: Bool? = nil, latency: Double? = nil,
                   score: Double? = nil, at time: Int64? = timestamp) {
            records.append(.event(EventRecord(conversationID: conversation, eventID: turn.map { "\($0)/\(suffix)" }, timestamp: time, kind: kind, name: name,
                                              status: status, ok: ok, latencyMs: latency, score: score, channel: channel)))
        }

        let text = Platform.text(input?["text"]?["text"]) ?? Platform.text(result?["transcript"]) ?? Platform.text(input?["dtmf"]?["digits"])
            ?? Platform.text(result?["text"]) ?? ""
        if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            var intent = Platform.text(match?["intent"]?["displayName"]) ?? Platform.text(result?["intent"]?["displayName"])
            if intent == nil, let matchType, !["NO_MATCH", "NO_INPUT", "MATCH_TYPE_UNSPECIFIED"].contains(matchType) {
                // Understood without an intent (slot filling, knowledge connector, playbook).
                intent = matchType
            }
            let confidence = Platform.confidence(match?["confidence"]) ?? Platform.confidence(result?["intentDetectionConfidence"])
            records.append(.turn(TurnRecord(conversationID: conversation, messageID: turn.map { "\($0)/user" }, timestamp: timestamp, role: .user, text: text,
                                            intent: intent, confidence: confidence, channel: channel)))
        }
        if matchType == "NO_MATCH" || matchType == "NO_INPUT" || signals?["noMatch"] == .bool(true) || signals?["noUserInput"] == .bool(true) {
            event(.fallback, "fallback", name: matchType ?? (signals?["noMatch"] == .bool(true) ? "NO_MATCH" : "NO_INPUT"))
        }

        var handoff = false
        var ended = false
        for (index, message) in (result?["responseMessages"]?.array ?? []).enumerated() {
            let lines = message["text"]?["text"]?.array?.compactMap(Platform.text) ?? []
            let reply = lines.isEmpty ? (Platform.text(message["outputAudioText"]?["text"]) ?? Platform.text(message["outputAudioText"]?["ssml"]) ?? "") : lines.joined(separator: "\n")
            if !reply.isEmpty {
                records.append(.turn(TurnRecord(conversationID: conversation, messageID: turn.map { "\($0)/bot/\(index)" }, timestamp: timestamp, role: .bot, text: reply, channel: channel)))
            }
            if message["liveAgentHandoff"] != nil { handoff = true }
            if message["endInteraction"] != nil { ended = true }
            if message["conversationSuccess"] != nil { event(.resolved, "resolved") }
        }
        if handoff || signals?["agentEscalated"] == .bool(true) { event(.handoff, "handoff") }

        let statuses = result?["webhookStatuses"]?.array ?? []
        let names = result?["webhookDisplayNames"]?.array ?? result?["webhookIds"]?.array ?? []
        let latencies = result?["webhookLatencies"]?.array ?? []
        for (index, status) in statuses.enumerated() {
            let code = status["code"]?.double.map(Int.init) ?? 0
            let name = index < names.count ? Platform.text(names[index]) : nil
            let latency = index < latencies.count ? Platform.text(latencies[index]).flatMap(Self.seconds).map { $0 * 1000 } : nil
            event(.apiCall, "webhook/\(index)", name: name ?? "webhook", status: code == 0 ? "OK" : Self.statusName(code), ok: code == 0, latency: latency)
        }
        if statuses.isEmpty, let signalled = signals?["webhookStatuses"]?.array {
            for (index, status) in signalled.enumerated() {
                guard let text = Platform.text(status) else { continue }
                event(.apiCall, "webhook/\(index)", name: "webhook", status: text, ok: text.uppercased() == "OK" || text == "200")
            }
        }

        if let parameters = result?["parameters"]?.object {
            for name in parameters.keys.sorted() {
                guard let score = Platform.csatScore(name: name, value: parameters[name]) else { continue }
                // One answer per conversation, without a time: later turns and later exports repeat it.
                if csatSeen.insert(conversation).inserted {
                    records.append(.event(EventRecord(conversationID: conversation, eventID: "csat", kind: .csat, name: name, score: score, channel: channel)))
                }
                break
            }
        }
        if ended || signals?["reachedEndPage"] == .bool(true) { event(.sessionEnd, "end") }
        return records
    }

    /// Seconds of a protobuf Duration in JSON ("0.250s").
    static func seconds(_ text: String) -> Double? {
        Double(text.hasSuffix("s") ? String(text.dropLast()) : text)
    }

    /// The google.rpc.Code name of a status code.
    static func statusName(_ code: Int) -> String {
        let names = ["OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
                     "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"]
        return (0..<names.count).contains(code) ? names[code] : String(code)
    }
}
