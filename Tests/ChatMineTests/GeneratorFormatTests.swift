import Foundation
import Testing
@testable import ChatMine

@Suite struct GeneratorFormatTests {
    private static let csvColumns = ["conversation_id", "message_id", "timestamp", "role", "text", "intent", "confidence", "channel",
                                     "user_id", "event", "name", "status", "latency_ms", "score"]

    @Test func jsonlHasNConversationsUniqueIdsAndOrderedTimes() throws {
        let options = GeneratorOptions(conversations: 400, seed: 5, language: .mixed)
        let records = try GeneratedSample.jsonLines(try GeneratedSample.bytes(options).log)
        let conversations = ReadBackConversation.group(records)
        #expect(conversations.count == 400)
        let ids = records.compactMap { $0["message_id"] as? String }
        #expect(Set(ids).count == ids.count)
        let window = GeneratorOptions.defaultStart...(GeneratorOptions.defaultStart + 8 * 86_400_000)
        for conversation in conversations {
            #expect(!conversation.times.contains(-1), "\(conversation.id) has an unreadable timestamp")
            #expect(zip(conversation.times, conversation.times.dropFirst()).allSatisfy { $0 < $1 }, "\(conversation.id) times not increasing")
            #expect(window.contains(conversation.start))
        }
        #expect(Set(records.compactMap { $0["channel"] as? String }).count >= 4)
        let kinds = Set(records.compactMap { $0["event"] as? String })
        #expect(kinds.isSuperset(of: ["api_call", "handoff", "csat", "resolved", "session_end", "fallback"]))
        let apiCalls = records.filter { $0["event"] as? String == "api_call" }
        #expect(apiCalls.contains { $0["status"] as? String == "error" } && apiCalls.contains { $0["status"] as? String == "ok" })
        #expect(apiCalls.allSatisfy { $0["name"] is String && ($0["latency_ms"] as? Int ?? -1) >= 0 })
        #expect(records.allSatisfy { ($0["timestamp"] as? String)?.hasSuffix("Z") == true })
    }

    @Test func conversationsCrossMidnightAndOfficeHoursAreBusier() throws {
        let records = try GeneratedSample.jsonLines(try GeneratedSample.bytes(GeneratorOptions(conversations: 3000, seed: 11)).log)
        let conversations = ReadBackConversation.group(records)
        let day: Int64 = 86_400_000
        #expect(conversations.contains { $0.start / day != $0.end / day })
        let hours = conversations.map { Int($0.start % day / 3_600_000) }
        let office = hours.filter { (9..<17).contains($0) }.count
        let night = hours.filter { (1..<5).contains($0) }.count
        #expect(office > 5 * night)
        #expect(night > 0)
    }

    @Test func csvParsesBackToTheSameRecordsAsJSONL() throws {
        var options = GeneratorOptions(conversations: 300, seed: 9, language: .mixed)
        let json = try GeneratedSample.jsonLines(try GeneratedSample.bytes(options).log)
        options.format = .csv
        let rows = try GeneratedSample.csvRows(try GeneratedSample.bytes(options).log)
        try #require(rows.first == Self.csvColumns)
        let body = rows.dropFirst()
        try #require(body.count == json.count)
        #expect(body.allSatisfy { $0.count == Self.csvColumns.count })
        for (row, record) in zip(body, json) {
            for (column, value) in zip(Self.csvColumns, row) {
                let expected: String
                switch record[column] {
                case nil: expected = ""
                case let text as String: expected = text
                case let number as Double where column == "confidence": expected = String(format: "%.2f", number)
                case let number as Int: expected = String(number)
                default: expected = "\(record[column] ?? "")"
                }
                #expect(value == expected, "\(column) of \(row[0]) \(row[1])")
            }
        }
        #expect(body.contains { $0[4].contains(",") }, "some text holds a comma")
        #expect(body.contains { $0[4].contains("\"") }, "some text holds a quote")
        #expect(body.contains { $0[4].contains("\n") }, "some text holds a line break")
    }

    @Test func jsonEscapesQuotesAndControlCharacters() throws {
        let out = ByteSink.memory()
        var record = SyntheticRecord.turn("c1", "c1-0001", 0, role: "user", text: "say \"hi\"\\ then\nnew line\ttab \u{01} 你好 😊", channel: "web", userID: nil)
        record.confidence = 7
        record.writeJSON(to: out)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.bytes.dropLast())) as? [String: Any])
        #expect(object["text"] as? String == "say \"hi\"\\ then\nnew line\ttab \u{01} 你好 😊")
        #expect(object["timestamp"] as? String == "1970-01-01T00:00:00.000Z")
        #expect(object["confidence"] as? Double == 0.07)
        #expect(String(decoding: out.bytes, as: UTF8.self).contains("你好 😊"), "non-ASCII stays UTF-8")
    }

    @Test func timestampsFormatCivilDates() {
        // 2024-02-29T23:59:59.999Z is 1709251199999 ms (leap day); 2000-03-01 is day 11017.
        #expect(GeneratedTimestamp.iso8601(1_709_251_199_999) == "2024-02-29T23:59:59.999Z")
        #expect(GeneratedTimestamp.days(year: 2000, month: 3, day: 1) == 11017)
        #expect(GeneratorOptions.startMillis(fromDate: "2026-11-01") == 1_793_491_200_000)
        #expect(GeneratorOptions.startMillis(fromDate: "2026-02-30") == nil)
        #expect(GeneratorOptions.startMillis(fromDate: "2026-1-01") == nil)
    }

    @Test func chineseOutputIsChinese() throws {
        let records = try GeneratedSample.jsonLines(try GeneratedSample.bytes(GeneratorOptions(conversations: 200, seed: 3, language: .chinese)).log)
        let userTexts = records.filter { $0["role"] as? String == "user" }.compactMap { $0["text"] as? String }
        let withHan = userTexts.filter { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
        #expect(!userTexts.isEmpty)
        // Only bare ids ("#A12345", "CA981") may lack Chinese characters.
        #expect(Double(withHan.count) > 0.85 * Double(userTexts.count))
        #expect(userTexts.contains { $0.contains("谢谢") })
    }

    @Test func mixedOutputCodeSwitches() throws {
        let (log, truth) = try GeneratedSample.bytes(GeneratorOptions(conversations: 400, seed: 3, language: .mixed))
        let userTexts = try GeneratedSample.jsonLines(log).filter { $0["role"] as? String == "user" }.compactMap { $0["text"] as? String }
        let han: (String) -> Bool = { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
        let latinWord: (String) -> Bool = { text in text.split(whereSeparator: { !$0.isLetter || !$0.isASCII }).contains { $0.count >= 3 } }
        #expect(userTexts.contains { han($0) && !latinWord($0) })
        #expect(userTexts.contains { !han($0) && latinWord($0) })
        #expect(userTexts.contains { han($0) && latinWord($0) && !$0.contains("#") })
        let languages = Set(try GeneratedSample.jsonLines(truth).compactMap { $0["lang"] as? String })
        #expect(languages == ["en", "zh", "mixed"])
    }
}
