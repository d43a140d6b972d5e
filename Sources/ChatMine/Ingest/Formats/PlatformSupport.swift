import Foundation

/// What the platform readers share: parsing, timestamps, identities, and the signals platforms
/// express only by name (handoff actions, CSAT slots, failed tool results).
enum Platform {
    /// Parses one record as JSON, or rejects it.
    static func parse(_ record: UnsafeBufferPointer<UInt8>) throws(RecordRejection) -> JSONValue {
        do {
            return try JSONParser.parse(record)
        } catch {
            throw RecordRejection("invalid JSON: \(error)")
        }
    }

    /// A non-empty string, or a number's literal.
    static func text(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        switch value {
        case .string(let s): return s.isEmpty ? nil : s
        case .number(let n): return n
        default: return nil
        }
    }

    /// A timestamp: ISO-8601 (also BigQuery's `2024-01-15 10:23:45.123 UTC`) or epoch seconds/milliseconds.
    static func timestamp(_ value: JSONValue?, _ context: ReaderContext) throws(RecordRejection) -> Int64? {
        guard let raw = text(value) else { return nil }
        var stamp = raw
        if stamp.hasSuffix(" UTC") { stamp = String(stamp.dropLast(4)) + "Z" }
        return try Timestamp.parse(stamp, naiveOffsetSeconds: context.naiveOffsetSeconds, latest: context.latest)
    }

    /// A short stable hash of bytes, for ids of records that carry none.
    static func shortHash(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        String(ContentHash.hex(ContentHash.of(UnsafeRawBufferPointer(raw))).prefix(16))
    }

    /// An NLU confidence: a number, a numeric string ("1.00", as Lex logs it) or `{"score": x}`.
    /// Percentages (1–100) are scaled; anything else outside 0–1 is dropped.
    static func confidence(_ value: JSONValue?) -> Double? {
        guard let value else { return nil }
        var number = value.double
        if number == nil, let score = value["score"] { number = score.double }
        guard var result = number, result.isFinite else { return nil }
        if result > 1 && result <= 100 { result /= 100 }
        return (0...1).contains(result) ? result : nil
    }

    /// Whether an action, intent or tool name means handing the user to a human.
    static func isHandoff(_ name: String) -> Bool {
        let folded = Array(fold(name).utf8)
        func has(_ words: [[UInt8]]) -> Bool { words.contains { folded.containsSubsequence($0) } }
        if has(handoffWords) { return true }
        return has(personWords) && has(reachWords)
    }

    private static let handoffWords = ["handoff", "handover", "liveagent", "humanagent", "realagent", "livechat", "liveperson", "escalat"].map { Array($0.utf8) }
    private static let personWords = ["agent", "human", "operator", "representative"].map { Array($0.utf8) }
    private static let reachWords = ["transfer", "speakto", "talkto", "connect", "requestagent", "askforagent", "askforhuman", "requesthuman"].map { Array($0.utf8) }

    /// A CSAT score (1–5) when a slot or parameter named like a satisfaction survey holds one.
    static func csatScore(name: String, value: JSONValue?) -> Double? {
        guard let value, mayBeNumber(value), csatNames.contains(fold(name)),
              let number = value.double, number.isFinite, (1...5).contains(number) else { return nil }
        return number
    }

    /// False for values that are certainly not numbers (cheap; spares folding every member name).
    private static func mayBeNumber(_ value: JSONValue) -> Bool {
        switch value {
        case .number: return true
        case .string(let text):
            guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return false }
            switch first {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), 0x80...: return true
            default: return false
            }
        default: return false
        }
    }

    private static let csatNames: Set<String> = [
        "csat", "csatscore", "csatrating", "satisfaction", "satisfactionscore", "satisfactionrating",
        "customersatisfaction", "rating", "surveyrating", "surveyscore", "feedbackscore", "feedbackrating",
    ]

    /// Whether a tool or webhook result says the call failed: JSON with an `error`, `success: false`,
    /// `ok: false` or a failing `status`; or text that starts like an error message.
    static func resultIndicatesFailure(_ content: String) -> Bool {
        let start = content.utf8.firstIndex { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 } ?? content.utf8.endIndex
        let trimmed = Substring(content.utf8[start...])
        if trimmed.utf8.first == UInt8(ascii: "{"), let object = try? JSONParser.parse(Array(trimmed.utf8)), case .object(let members) = object {
            for key in ["error", "errors", "exception", "error_message", "errorMessage"] {
                if let value = members[key], isPresent(value) { return true }
            }
            for key in ["ok", "success", "succeeded"] {
                if let value = members[key], value == .bool(false) { return true }
            }
            for key in ["status", "status_code", "statusCode", "code"] {
                if let status = members[key]?.text, apiStatusIsOK(status) == false { return true }
            }
            return false
        }
        let lowered = trimmed.prefix(40).lowercased()
        return ["error", "exception", "traceback", "failed", "failure", "timeout", "timed out"].contains { lowered.hasPrefix($0) }
    }

    private static func isPresent(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .bool(false): return false
        case .string(let s): return !s.isEmpty
        case .array(let items): return !items.isEmpty
        case .object(let members): return !members.isEmpty
        default: return true
        }
    }

    /// Lower-cased letters and digits only, so `Transfer_To-Agent` and `transferToAgent` compare equal.
    static func fold(_ name: String) -> String {
        let utf8 = name.utf8
        if utf8.contains(where: { $0 >= 0x80 }) { return slowFold(name) }
        // Written straight into the string's storage: no allocation for names of up to 15 letters.
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var count = 0
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    buffer[count] = byte
                    count += 1
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    buffer[count] = byte + 32
                    count += 1
                default: break
                }
            }
            return count
        }
    }

    private static func slowFold(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// A role name as platforms spell it; the common spellings without the general alias lookup.
    static func role(_ name: String) -> Role? {
        switch name {
        case "user": return .user
        case "assistant", "bot": return .bot
        case "system", "developer": return .system
        case "tool", "function": return .tool
        default: return Role(alias: name)
        }
    }

    /// The elements a document holds: an array's elements, the array under one of `keys`, or the object itself.
    static func elements(of document: JSONValue, under keys: [String]) -> [JSONValue] {
        if let items = document.array { return items }
        for key in keys {
            if let items = document[key]?.array { return items }
        }
        return [document]
    }

    /// Decodes each element of a document, naming the element in a rejection.
    static func decodeElements(_ items: [JSONValue], noun: String,
                               _ body: (JSONValue, Int) throws(RecordRejection) -> [LogRecord]) throws(RecordRejection) -> [LogRecord] {
        var records: [LogRecord] = []
        for (index, item) in items.enumerated() {
            do {
                records += try body(item, index)
            } catch {
                throw RecordRejection("\(noun) \(index + 1) of the document: \(error.reason)")
            }
        }
        return records
    }
}
