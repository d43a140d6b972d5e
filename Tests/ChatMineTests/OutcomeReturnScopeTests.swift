import Foundation
import Testing
@testable import ChatMine

/// Returns ("did the same user come back?") refreshed incrementally, checking only the
/// conversations next to the new ones, must equal returns computed over the whole store.
@Suite struct OutcomeReturnScopeTests {
    @Test func incrementalReturnsEqualAFullRecomputation() throws {
        let log = ByteSink.memory()
        try SyntheticLogGenerator(options: GeneratorOptions(conversations: 600, seed: 11, days: 6)).write(to: log)
        let lines = String(decoding: log.bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        // Three deliveries that interleave: conversations gain turns later, some starting earlier
        // than what was stored (a start moves), and users come back across deliveries.
        // Most conversations arrive whole, in the delivery of their number; those ending in 7 are
        // spread over all three, line by line.
        func delivery(_ offset: Int, _ line: String) -> Int {
            guard let range = line.range(of: "\"conversation_id\":\"") else { return 0 }
            let id = line[range.upperBound...].prefix { $0 != "\"" }
            let number = Int(id.filter(\.isNumber)) ?? 0
            return number % 10 == 7 ? offset % 3 : (number * 5) % 3
        }
        let deliveries = (0..<3).map { part in lines.enumerated().filter { delivery($0.offset, $0.element) == part }.map(\.element) }
        #expect(deliveries.allSatisfy { $0.count > 500 })
        let users = Set(lines.compactMap { line -> String? in
            guard let range = line.range(of: "\"user_id\":\"") else { return nil }
            return String(line[range.upperBound...].prefix { $0 != "\"" })
        })
        #expect(users.count < 600, "the generated users come back")

        let folder = try TemporaryFolder()
        let incremental = try Database(path: folder.file("incremental.sqlite"))
        for (index, delivery) in deliveries.enumerated() {
            _ = try ingest([try folder.write("part\(index).jsonl", delivery.joined(separator: "\n") + "\n")], into: incremental) { $0.maxRejectRate = 1 }
            try OutcomeEngine.refresh(db: incremental)
        }
        let whole = try Database(path: folder.file("whole.sqlite"))
        _ = try ingest([try folder.write("all.jsonl", deliveries.flatMap { $0 }.joined(separator: "\n") + "\n")], into: whole) { $0.maxRejectRate = 1 }
        try OutcomeEngine.refresh(db: whole)

        func returns(_ db: Database) throws -> [String] {
            try db.rows("""
                SELECT c.external_id, o.next_started_at, o.deflected, o.durably_resolved FROM outcomes o
                JOIN conversations c ON c.id = o.conversation_id ORDER BY c.external_id
                """).map { row in row.values.map { "\($0)" }.joined(separator: "|") }
        }
        func daily(_ db: Database) throws -> [String] {
            try db.rows("SELECT day, channel, intent, conversations, deflected, durably_resolved FROM daily_metrics ORDER BY 1, 2, 3")
                .map { row in row.values.map { "\($0)" }.joined(separator: "|") }
        }
        let expected = try returns(whole)
        #expect(expected.count == 600)
        #expect(try incremental.count("SELECT COUNT(*) FROM outcomes WHERE next_started_at IS NOT NULL") > 50)
        #expect(try returns(incremental) == expected)
        #expect(try daily(incremental) == daily(whole))
    }
}
