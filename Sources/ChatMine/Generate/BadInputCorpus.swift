import Foundation

/// A kind of malformed record the bad-input corpus writes, with the words ingest's reject
/// reason must contain.
public enum BadRecordKind: String, Sendable, CaseIterable {
    case truncatedJSON = "truncated_json"
    case invalidUTF8 = "invalid_utf8"
    case nulByte = "nul_byte"
    case notAnObject = "not_an_object"
    case confidenceNotNumber = "confidence_not_a_number"
    case textNotText = "text_not_text"
    case confidenceOutOfRange = "confidence_out_of_range"
    case unknownRole = "unknown_role"
    case missingConversationID = "missing_conversation_id"
    case missingRole = "missing_role"
    case emptyUserText = "empty_user_text"
    case duplicateIDDifferentText = "duplicate_id_different_text"
    case timestamp1970 = "timestamp_1970"
    case timestamp2100 = "timestamp_2100"
    case unreadableTimestamp = "unreadable_timestamp"
    case unknownEvent = "unknown_event"
    case csatOutOfRange = "csat_out_of_range"
    case negativeLatency = "negative_latency"
    case hugeLine = "huge_line"
    case truncatedGzip = "truncated_gzip"

    /// A fragment of the reason ingest gives for this kind of record.
    public var reasonFragment: String {
        switch self {
        case .truncatedJSON, .invalidUTF8, .nulByte: return "invalid JSON"
        case .notAnObject: return "not a JSON object"
        case .confidenceNotNumber: return "field confidence is not a number"
        case .textNotText: return "field text is not text"
        case .confidenceOutOfRange: return "is outside 0–1"
        case .unknownRole: return "unknown role"
        case .missingConversationID: return "missing conversation id"
        case .missingRole: return "missing role"
        case .emptyUserText: return "user turn without text"
        case .duplicateIDDifferentText: return "with different content"
        case .timestamp1970: return "before 2000-01-01"
        case .timestamp2100: return "more than a year in the future"
        case .unreadableTimestamp: return "unreadable timestamp"
        case .unknownEvent: return "unknown event"
        case .csatOutOfRange: return "outside 1–5"
        case .negativeLatency: return "negative latency_ms"
        case .hugeLine: return "longer than the 8 MiB limit"
        case .truncatedGzip: return "truncated or corrupt gzip"
        }
    }
}

/// What the bad-input corpus holds: exactly which records are good and which are rejected, and why.
public struct BadInputTruth: Sendable {
    /// A rejected record: file name, 1-based line and kind.
    public struct Reject: Sendable, Hashable {
        /// The file's name in the corpus folder.
        public var file: String
        /// The 1-based line ingest reports.
        public var line: Int
        /// What is wrong with it.
        public var kind: BadRecordKind
    }

    /// Message ids of the good turns (every one must be stored).
    public var goodTurnIDs: [String] = []
    /// Event ids of the good events.
    public var goodEventIDs: [String] = []
    /// Every record ingest must reject.
    public var rejects: [Reject] = []
    /// The files written, by name.
    public var files: [String] = []

    /// Rejects per kind.
    public var rejectsByKind: [BadRecordKind: Int] {
        rejects.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
    }
}

/// Writes a corpus of malformed chat logs for robustness tests: truncated JSON, invalid UTF-8,
/// NUL bytes, wrong types, unknown roles, missing ids, duplicate ids with different text,
/// timestamps in 1970 and 2100, lines over 8 MiB, a BOM, CRLF line ends and a truncated `.gz`,
/// mixed with good records. It records which line is what, so a test can check that every bad
/// record is rejected with the right reason and every good one is stored.
public struct BadInputCorpus {
    /// Malformed records to write (at least this many, spread over the kinds).
    public var badRecords = 10_000
    /// Good records between the bad ones (about one per bad record).
    public var goodRecords = 10_000
    /// Lines of 10 MiB (each is one rejected record).
    public var hugeLines = 1
    /// The same seed writes the same files.
    public var seed: UInt64 = 1

    /// A corpus of the default size.
    public init() {}

    /// Writes the corpus files into `folder` (created if needed) and returns the truth.
    public func write(to folder: String) throws -> BadInputTruth {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var random = GeneratorRandom(seed: seed, stream: 7)
        var truth = BadInputTruth()
        let kinds = BadRecordKind.allCases.filter { $0 != .hugeLine && $0 != .truncatedGzip }
        var builder = CorpusFileBuilder(name: "mixed.jsonl", lineEnd: "\n", bom: true)
        var crlf = CorpusFileBuilder(name: "crlf.jsonl", lineEnd: "\r\n", bom: false)
        for index in 0..<badRecords {
            let kind = kinds[index % kinds.count]
            let good = index < goodRecords
            if index % 4 == 3 {
                if good { crlf.good(index, &random, &truth) }
                crlf.bad(kind, index, &random, &truth)
            } else {
                if good { builder.good(index, &random, &truth) }
                builder.bad(kind, index, &random, &truth)
            }
        }
        for index in badRecords..<max(badRecords, goodRecords) { builder.good(index, &random, &truth) }
        var huge = CorpusFileBuilder(name: "huge.jsonl", lineEnd: "\n", bom: false)
        for index in 0..<hugeLines {
            huge.good(1_000_000 + index * 2, &random, &truth)
            huge.bad(.hugeLine, index, &random, &truth)
            huge.good(1_000_001 + index * 2, &random, &truth)
        }
        var gzipped = CorpusFileBuilder(name: "truncated.jsonl.gz", lineEnd: "\n", bom: false)
        for index in 0..<50 { gzipped.good(2_000_000 + index, &random, &truth) }
        // The stream ends inside its only block: the lines before the cut arrive, then the error.
        truth.rejects.append(.init(file: gzipped.name, line: gzipped.nextLine, kind: .truncatedGzip))
        for index in 0..<20 { gzipped.lines.append(Array(CorpusFileBuilder.turnJSON(conversation: "gz-lost", message: "gz-lost-\(index)", text: "lost", timestamp: "2026-11-01T10:00:00Z").utf8) + [0x0A]) }
        let keptBytes = gzipped.lines.prefix(50).reduce(0) { $0 + $1.count }
        for file in [builder, crlf, huge] {
            try Data(file.bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent(file.name))
            truth.files.append(file.name)
        }
        let stored = StoredGzip.wrap(gzipped.bytes)
        try Data(stored.prefix(StoredGzip.headerBytes + keptBytes)).write(to: URL(fileURLWithPath: folder).appendingPathComponent(gzipped.name))
        truth.files.append(gzipped.name)
        return truth
    }
}

/// Builds one corpus file line by line, noting the line of every record.
private struct CorpusFileBuilder {
    let name: String
    let lineEnd: String
    let bom: Bool
    var lines: [[UInt8]] = []

    init(name: String, lineEnd: String, bom: Bool) {
        self.name = name
        self.lineEnd = lineEnd
        self.bom = bom
    }

    var nextLine: Int { lines.count + 1 }

    var bytes: [UInt8] {
        (bom ? [0xEF, 0xBB, 0xBF] : []) + lines.flatMap { $0 }
    }

    mutating func append(_ text: String) { lines.append(Array((text + lineEnd).utf8)) }
    mutating func appendBytes(_ bytes: [UInt8]) { lines.append(bytes + Array(lineEnd.utf8)) }

    static func turnJSON(conversation: String, message: String, text: String, timestamp: String, role: String = "user", extra: String = "") -> String {
        "{\"conversation_id\":\"\(conversation)\",\"message_id\":\"\(message)\",\"timestamp\":\"\(timestamp)\",\"role\":\"\(role)\",\"text\":\"\(text)\"\(extra)}"
    }

    static let texts = ["where is my order", "I want a refund", "my card was charged twice", "我的订单在哪里", "change my flight to friday",
                        "the app keeps crashing \\u00e9t\\u00e9", "talk to a human please", "thanks, that worked", "\\\"quoted\\\" words", "谢谢，解决了"]

    /// A good turn or event; its id goes into the truth.
    mutating func good(_ index: Int, _ random: inout GeneratorRandom, _ truth: inout BadInputTruth) {
        let conversation = "good-\(index / 4)"
        let second = random.below(86_400)
        let timestamp = String(format: "2026-11-%02dT%02d:%02d:%02dZ", 1 + index % 20, second / 3600, second / 60 % 60, second % 60)
        switch index % 5 {
        case 0, 1, 2:
            let id = "good-m\(index)"
            let role = ["user", "bot", "customer", "assistant", "agent"][random.below(5)]
            var extra = ""
            if random.below(2) == 0 { extra = ",\"intent\":\"track_order\",\"confidence\":0.\(10 + random.below(89)),\"channel\":\"web\",\"user_id\":\"u\(index % 97)\"" }
            append(Self.turnJSON(conversation: conversation, message: id, text: Self.texts[random.below(Self.texts.count)], timestamp: timestamp, role: role, extra: extra))
            truth.goodTurnIDs.append(id)
        case 3:
            let id = "good-m\(index)"
            // Epoch seconds as a number, and a field ingest does not know.
            let epoch = 1_793_491_200 + random.below(86_400)
            append("{\"conversation_id\":\"\(conversation)\",\"message_id\":\"\(id)\",\"timestamp\":\(epoch),\"role\":\"bot\",\"text\":\"how can I help?\",\"extra\":{\"nested\":[1,2,3]}}")
            truth.goodTurnIDs.append(id)
        default:
            let id = "good-e\(index)"
            let event = ["{\"event\":\"handoff\"", "{\"event\":\"resolved\"", "{\"event\":\"csat\",\"score\":\(1 + random.below(5))",
                         "{\"event\":\"api_call\",\"name\":\"order_status\",\"status\":\"error\",\"latency_ms\":\(random.below(5000))",
                         "{\"event\":\"fallback\"", "{\"event\":\"session_end\""][random.below(6)]
            append(event + ",\"conversation_id\":\"\(conversation)\",\"message_id\":\"\(id)\",\"timestamp\":\"\(timestamp)\"}")
            truth.goodEventIDs.append(id)
        }
    }

    /// A malformed record of `kind`; its line goes into the truth.
    mutating func bad(_ kind: BadRecordKind, _ index: Int, _ random: inout GeneratorRandom, _ truth: inout BadInputTruth) {
        let conversation = "bad-\(index)"
        let message = "bad-m\(index)"
        let ts = "2026-11-05T12:00:00Z"
        var line = nextLine
        switch kind {
        case .truncatedJSON:
            let whole = Self.turnJSON(conversation: conversation, message: message, text: "cut short", timestamp: ts)
            append(String(whole.prefix(1 + random.below(whole.count - 1))))
        case .invalidUTF8:
            let invalid: [[UInt8]] = [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF]]
            let head = Array("{\"conversation_id\":\"\(conversation)\",\"message_id\":\"\(message)\",\"timestamp\":\"\(ts)\",\"role\":\"user\",\"text\":\"bad ".utf8)
            appendBytes(head + invalid[random.below(invalid.count)] + Array(" bytes\"}".utf8))
        case .nulByte:
            let head = Array("{\"conversation_id\":\"\(conversation)\",\"message_id\":\"\(message)\",\"timestamp\":\"\(ts)\",\"role\":\"user\",\"text\":\"nul".utf8)
            appendBytes(head + [0x00] + Array("here\"}".utf8))
        case .notAnObject:
            append(["[1,2,3]", "\"just a string\"", "42", "null", "true"][random.below(5)])
        case .confidenceNotNumber:
            append(Self.turnJSON(conversation: conversation, message: message, text: "hi", timestamp: ts, extra: ",\"confidence\":\"high\""))
        case .textNotText:
            append("{\"conversation_id\":\"\(conversation)\",\"message_id\":\"\(message)\",\"timestamp\":\"\(ts)\",\"role\":\"user\",\"text\":{\"body\":\"hi\"}}")
        case .confidenceOutOfRange:
            append(Self.turnJSON(conversation: conversation, message: message, text: "hi", timestamp: ts, extra: ",\"confidence\":\(150 + random.below(1000))"))
        case .unknownRole:
            append(Self.turnJSON(conversation: conversation, message: message, text: "hi", timestamp: ts, role: ["wizard", "narrator", "5", "SYSTEMX"][random.below(4)]))
        case .missingConversationID:
            append("{\"message_id\":\"\(message)\",\"timestamp\":\"\(ts)\",\"role\":\"user\",\"text\":\"who am I\"}")
        case .missingRole:
            append("{\"conversation_id\":\"\(conversation)\",\"message_id\":\"\(message)\",\"timestamp\":\"\(ts)\",\"text\":\"no role\"}")
        case .emptyUserText:
            append(Self.turnJSON(conversation: conversation, message: message, text: "   ", timestamp: ts))
        case .duplicateIDDifferentText:
            // The first record is good and stored; the second reuses its id with other text.
            append(Self.turnJSON(conversation: conversation, message: message, text: "original text", timestamp: ts))
            truth.goodTurnIDs.append(message)
            line = nextLine
            append(Self.turnJSON(conversation: conversation, message: message, text: "different text", timestamp: ts))
        case .timestamp1970:
            append(Self.turnJSON(conversation: conversation, message: message, text: "old", timestamp: "1970-01-0\(1 + random.below(9))T00:00:05Z"))
        case .timestamp2100:
            append(Self.turnJSON(conversation: conversation, message: message, text: "future", timestamp: "2100-0\(1 + random.below(9))-01T00:00:00Z"))
        case .unreadableTimestamp:
            append(Self.turnJSON(conversation: conversation, message: message, text: "when", timestamp: ["yesterday", "32/13/2026", "2026-13-45T99:00:00Z"][random.below(3)]))
        case .unknownEvent:
            append("{\"conversation_id\":\"\(conversation)\",\"timestamp\":\"\(ts)\",\"event\":\"teleport\"}")
        case .csatOutOfRange:
            append("{\"conversation_id\":\"\(conversation)\",\"timestamp\":\"\(ts)\",\"event\":\"csat\",\"score\":\(6 + random.below(5))}")
        case .negativeLatency:
            append("{\"conversation_id\":\"\(conversation)\",\"timestamp\":\"\(ts)\",\"event\":\"api_call\",\"name\":\"x\",\"status\":\"ok\",\"latency_ms\":-\(1 + random.below(100))}")
        case .hugeLine:
            let filler = String(repeating: "x", count: 10 << 20)
            append(Self.turnJSON(conversation: conversation, message: message, text: filler, timestamp: ts))
        case .truncatedGzip:
            return
        }
        truth.rejects.append(.init(file: name, line: line, kind: kind))
    }
}

/// A gzip member with one stored (uncompressed) deflate block, so a cut at a known byte gives
/// exactly the bytes before it when decompressed.
enum StoredGzip {
    static let headerBytes = 10 + 5

    /// The gzip bytes of `data` (at most 65 535 bytes; the CRC trailer is left out, since the
    /// member is always cut before it).
    static func wrap(_ data: [UInt8]) -> [UInt8] {
        precondition(data.count <= 65_535, "a stored block holds at most 65 535 bytes")
        let length = UInt16(data.count)
        let header: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]
        let block: [UInt8] = [0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
        return header + block + data
    }
}
