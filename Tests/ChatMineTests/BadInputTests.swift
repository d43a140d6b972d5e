import Foundation
import Testing
@testable import ChatMine

/// The bad-input corpus: ingest survives every malformed record, rejects each one with the
/// reason its kind calls for, and stores every good record.
@Suite struct BadInputTests {
    @Test func everyBadRecordIsRejectedWithItsReasonAndEveryGoodOneStored() throws {
        let folder = try TemporaryFolder()
        let corpus = BadInputCorpus()
        let truth = try corpus.write(to: folder.file("inbox"))
        #expect(truth.rejects.count >= 10_000)
        #expect(Set(truth.rejectsByKind.keys) == Set(BadRecordKind.allCases))

        let db = try folder.database()
        let summary = try ingest([folder.file("inbox")], into: db)
        #expect(summary.files == truth.files.count)
        #expect(summary.turns == truth.goodTurnIDs.count)
        #expect(summary.events == truth.goodEventIDs.count)
        #expect(summary.rejects == truth.rejects.count)

        let storedTurns = Set(try db.rows("SELECT message_id FROM turns").compactMap { $0[0].string })
        let missing = Set(truth.goodTurnIDs).subtracting(storedTurns)
        let extra = storedTurns.subtracting(truth.goodTurnIDs)
        #expect(missing.isEmpty, "good turns not stored: \(missing.sorted().prefix(10))")
        #expect(extra.isEmpty, "bad turns stored: \(extra.sorted().prefix(10))")
        let storedEvents = try db.count("SELECT COUNT(*) FROM events")
        #expect(storedEvents == truth.goodEventIDs.count)

        var expected: [String: BadRecordKind] = [:]
        for reject in truth.rejects { expected["\(reject.file):\(reject.line)"] = reject.kind }
        var mismatches: [String] = []
        for row in try db.rows("SELECT path, line, reason FROM rejects") {
            let key = "\(((row[0].string ?? "") as NSString).lastPathComponent):\(row[1].int64 ?? 0)"
            let reason = row[2].string ?? ""
            guard let kind = expected.removeValue(forKey: key) else {
                mismatches.append("unexpected reject \(key): \(reason)")
                continue
            }
            if !reason.contains(kind.reasonFragment) { mismatches.append("\(key) \(kind.rawValue): reason '\(reason.prefix(120))'") }
        }
        mismatches += expected.keys.sorted().prefix(10).map { "not rejected: \($0) \(expected[$0]?.rawValue ?? "")" }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20).joined(separator: "\n"))")
    }

    @Test func theCorpusIsTheSameForTheSameSeed() throws {
        let folder = try TemporaryFolder()
        var corpus = BadInputCorpus()
        corpus.badRecords = 200
        corpus.goodRecords = 100
        corpus.hugeLines = 0
        let first = try corpus.write(to: folder.file("a"))
        let second = try corpus.write(to: folder.file("b"))
        #expect(first.rejects == second.rejects)
        for name in first.files {
            #expect(FileManager.default.contents(atPath: folder.file("a/\(name)")) == FileManager.default.contents(atPath: folder.file("b/\(name)")))
        }
    }
}
