import ChatMine
import Foundation
import Testing

/// Generated logs with known truth → ingest → outcomes: at least 99% must agree.
@Suite("outcomes against generator truth")
struct OutcomeTruthTests {
    @Test("2,000 generated conversations (English and Chinese mixed): ≥ 99% agreement on outcome and returns")
    func agreement() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chatmine-truth-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = folder + "/log.jsonl"
        let truthPath = folder + "/truth.jsonl"
        let db = folder + "/store.sqlite"
        let generate = try BinaryRunner.run(["generate", "--conversations", "2000", "--seed", "20261125", "--lang", "mixed", "--truth", truthPath])
        #expect(generate.status == 0, "\(generate.stderr)")
        try generate.stdout.write(toFile: log, atomically: true, encoding: .utf8)
        let ingest = try BinaryRunner.run(["ingest", log, "--db", db, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let metrics = try BinaryRunner.run(["metrics", "--db", db, "--quiet", "--kpis", "conversations"])
        #expect(metrics.status == 0, "\(metrics.stderr)")

        var truth: [String: [String: Any]] = [:]
        for line in try String(contentsOfFile: truthPath, encoding: .utf8).split(separator: "\n") {
            guard let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  record["type"] as? String == "conversation", let id = record["conversation_id"] as? String else { continue }
            truth[id] = record
        }
        #expect(truth.count == 2000)
        let store = try Database(path: db)
        var compared = 0, outcomeAgrees = 0, returnAgrees = 0
        for row in try store.rows("""
            SELECT c.external_id, o.outcome, o.next_started_at - o.ended_at FROM outcomes o JOIN conversations c ON c.id = o.conversation_id
            """) {
            guard let id = row[0].string, let expected = truth[id] else { continue }
            compared += 1
            if row[1].string == expected["outcome"] as? String { outcomeAgrees += 1 }
            let returned = row[2].int64.map { $0 <= 86_400_000 } ?? false
            if returned == (expected["returns_within_24h"] as? Bool ?? false) { returnAgrees += 1 }
        }
        #expect(compared == 2000)
        #expect(Double(outcomeAgrees) >= 0.99 * Double(compared), "outcome agreement \(outcomeAgrees)/\(compared)")
        #expect(Double(returnAgrees) >= 0.99 * Double(compared), "24 h return agreement \(returnAgrees)/\(compared)")
    }
}
