/// One line of a generated log: a turn (with message id, role and text) or an event.
struct SyntheticRecord: Sendable {
    var conversationID: String
    var messageID: String?
    /// Epoch milliseconds UTC.
    var timestamp: Int64
    var role: String?
    var text: String?
    var intent: String?
    /// Confidence in hundredths (0...100).
    var confidence: Int?
    var channel: String?
    var userID: String?
    var event: String?
    var name: String?
    var status: String?
    var latencyMs: Int?
    var score: Int?

    /// A turn of `role` saying `text`.
    static func turn(_ conversation: String, _ id: String, _ time: Int64, role: String, text: String, channel: String, userID: String?) -> SyntheticRecord {
        SyntheticRecord(conversationID: conversation, messageID: id, timestamp: time, role: role, text: text, channel: channel, userID: userID)
    }

    /// An event of `kind`.
    static func event(_ conversation: String, _ time: Int64, _ kind: String) -> SyntheticRecord {
        SyntheticRecord(conversationID: conversation, timestamp: time, event: kind)
    }
}

/// The two formats `chatmine generate` writes.
public enum GeneratedLogFormat: String, Sendable, CaseIterable {
    /// One JSON object per line, or RFC 4180 CSV with the generic header.
    case jsonl
    case csv

    /// The CSV header of the generic format.
    static let csvHeader = "conversation_id,message_id,timestamp,role,text,intent,confidence,channel,user_id,event,name,status,latency_ms,score\r\n"
}

// MARK: - Encoding

extension SyntheticRecord {
    /// Appends the record as one JSON object and a newline.
    func writeJSON(to out: ByteSink) {
        out.append(UInt8(ascii: "{"))
        GeneratorJSON.key("conversation_id", first: true, out)
        GeneratorJSON.string(conversationID, out)
        if let messageID {
            GeneratorJSON.key("message_id", out)
            GeneratorJSON.string(messageID, out)
        }
        GeneratorJSON.key("timestamp", out)
        out.append(UInt8(ascii: "\""))
        GeneratedTimestamp.appendISO8601(timestamp, to: out)
        out.append(UInt8(ascii: "\""))
        if let role { GeneratorJSON.key("role", out); GeneratorJSON.string(role, out) }
        if let text { GeneratorJSON.key("text", out); GeneratorJSON.string(text, out) }
        if let intent { GeneratorJSON.key("intent", out); GeneratorJSON.string(intent, out) }
        if let confidence { GeneratorJSON.key("confidence", out); out.append(Self.hundredths(confidence)) }
        if let channel { GeneratorJSON.key("channel", out); GeneratorJSON.string(channel, out) }
        if let userID { GeneratorJSON.key("user_id", out); GeneratorJSON.string(userID, out) }
        if let event { GeneratorJSON.key("event", out); GeneratorJSON.string(event, out) }
        if let name { GeneratorJSON.key("name", out); GeneratorJSON.string(name, out) }
        if let status { GeneratorJSON.key("status", out); GeneratorJSON.string(status, out) }
        if let latencyMs { GeneratorJSON.key("latency_ms", out); out.append(String(latencyMs)) }
        if let score { GeneratorJSON.key("score", out); out.append(String(score)) }
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "\n"))
    }

    /// Appends the record as one CSV row (RFC 4180, CRLF line ends).
    func writeCSV(to out: ByteSink) {
        GeneratorCSV.field(conversationID, out)
        out.append(UInt8(ascii: ","))
        GeneratorCSV.field(messageID ?? "", out)
        out.append(UInt8(ascii: ","))
        GeneratedTimestamp.appendISO8601(timestamp, to: out)
        for value in [role, text, intent, confidence.map(Self.hundredths), channel, userID, event, name, status,
                      latencyMs.map(String.init), score.map(String.init)] {
            out.append(UInt8(ascii: ","))
            if let value { GeneratorCSV.field(value, out) }
        }
        out.append(UInt8(ascii: "\r"))
        out.append(UInt8(ascii: "\n"))
    }

    /// "0.93" for 93.
    static func hundredths(_ value: Int) -> String {
        let whole = value / 100
        let fraction = value % 100
        return "\(whole)." + (fraction < 10 ? "0\(fraction)" : "\(fraction)")
    }
}

/// JSON string escaping straight into bytes; non-ASCII text stays UTF-8.
enum GeneratorJSON {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `,"name":` (without the comma for the first key); `name` needs no escaping.
    static func key(_ name: StaticString, first: Bool = false, _ out: ByteSink) {
        out.append(first ? "\"" : ",\"")
        out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        out.append("\":")
    }

    static func string(_ value: String, _ out: ByteSink) {
        out.append(UInt8(ascii: "\""))
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(value)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\n"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// CSV field quoting per RFC 4180: quoted when it holds a comma, quote, CR or LF.
enum GeneratorCSV {
    static func field(_ value: String, _ out: ByteSink) {
        let needsQuotes = value.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else { out.append(value); return }
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// ISO-8601 UTC timestamps with milliseconds, formatted without Foundation.
enum GeneratedTimestamp {
    /// Appends e.g. `2026-11-01T09:15:02.120Z`.
    static func appendISO8601(_ millis: Int64, to out: ByteSink) {
        let (days, msOfDay) = millis.quotientAndRemainder(dividingBy: 86_400_000)
        let (y, m, d) = civil(fromDays: msOfDay < 0 ? days - 1 : days)
        let ms = Int(msOfDay < 0 ? msOfDay + 86_400_000 : msOfDay)
        // One append of 24 bytes instead of one per digit.
        var text: [UInt8] = Array("0000-00-00T00:00:00.000Z".utf8)
        func put(_ value: Int, _ end: Int, _ width: Int) {
            var rest = value
            for offset in 0..<width {
                text[end - offset] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
        }
        put(y, 3, 4)
        put(m, 6, 2)
        put(d, 9, 2)
        put(ms / 3_600_000, 12, 2)
        put(ms / 60_000 % 60, 15, 2)
        put(ms / 1000 % 60, 18, 2)
        put(ms % 1000, 22, 3)
        out.append(contentsOf: text)
    }

    /// The same as a String.
    static func iso8601(_ millis: Int64) -> String {
        let out = ByteSink.memory()
        appendISO8601(millis, to: out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Days since 1970-01-01 → (year, month, day); shares the ingest's calendar code.
    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let date = Timestamp.civil(fromDays: Int(days))
        return (date.year, date.month, date.day)
    }

    /// (year, month, day) → days since 1970-01-01; shares the ingest's calendar code.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        Int64(Timestamp.daysFromCivil(year: year, month: month, day: day))
    }
}
