import Foundation
@testable import ChatMine

/// Runs the generator into memory and parses what it wrote, for the generator's tests.
enum GeneratedSample {
    /// The log and truth bytes for `options`.
    static func bytes(_ options: GeneratorOptions) throws -> (log: [UInt8], truth: [UInt8]) {
        let log = ByteSink.memory()
        let truth = ByteSink.memory()
        try SyntheticLogGenerator(options: options).write(to: log, truth: truth)
        return (log.bytes, truth.bytes)
    }

    /// Every line of a JSONL byte stream, parsed with JSONSerialization (throws on invalid JSON).
    static func jsonLines(_ bytes: [UInt8]) throws -> [[String: Any]] {
        try bytes.split(separator: UInt8(ascii: "\n")).map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line))
            guard let dictionary = object as? [String: Any] else { throw GeneratedSampleError("line is not a JSON object") }
            return dictionary
        }
    }

    /// Rows of an RFC 4180 CSV byte stream (quoted fields may hold commas, quotes and newlines).
    static func csvRows(_ bytes: [UInt8]) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        func endField() { row.append(String(decoding: field, as: UTF8.self)); field.removeAll() }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                guard field.isEmpty else { throw GeneratedSampleError("quote inside an unquoted field at byte \(index)") }
                quoted = true
            } else if byte == UInt8(ascii: ",") {
                endField()
            } else if byte == UInt8(ascii: "\r") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") else { throw GeneratedSampleError("bare CR at byte \(index)") }
            } else if byte == UInt8(ascii: "\n") {
                endField()
                rows.append(row)
                row = []
            } else {
                field.append(byte)
            }
            index += 1
        }
        guard !quoted else { throw GeneratedSampleError("unterminated quoted field") }
        guard row.isEmpty, field.isEmpty else { throw GeneratedSampleError("last row has no line end") }
        return rows
    }

}

/// A failure while reading generated output back.
struct GeneratedSampleError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One conversation read back from the generic log format.
struct ReadBackConversation {
    var id: String
    var userID: String?
    var records: [[String: Any]] = []

    var turns: [[String: Any]] { records.filter { $0["message_id"] != nil } }
    var userTurns: [[String: Any]] { turns.filter { $0["role"] as? String == "user" } }
    /// Epoch milliseconds of each record, in file order.
    var times: [Int64] = []
    var start: Int64 { times.min() ?? 0 }
    var end: Int64 { times.max() ?? 0 }

    /// Groups log records by conversation, in order of appearance.
    static func group(_ records: [[String: Any]]) -> [ReadBackConversation] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var order: [String] = []
        var byID: [String: ReadBackConversation] = [:]
        for record in records {
            guard let id = record["conversation_id"] as? String else { continue }
            if byID[id] == nil {
                order.append(id)
                byID[id] = ReadBackConversation(id: id)
            }
            byID[id]?.records.append(record)
            let time = (record["timestamp"] as? String).flatMap { formatter.date(from: $0) }
            byID[id]?.times.append(time.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } ?? -1)
            if let user = record["user_id"] as? String { byID[id]?.userID = user }
        }
        return order.compactMap { byID[$0] }
    }
}
