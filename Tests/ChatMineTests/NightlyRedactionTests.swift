import Foundation
import Testing
@testable import ChatMine

/// Redaction wired through ingest: what reaches the store (and so the report and exports) has
/// placeholders only.
@Suite struct NightlyRedactionTests {
    static let personal = ["jane.doe@example.com", "+44 20 7946 0958", "4111 1111 1111 1111", "13812345678"]

    static func personalLog(_ id: String, day: String) -> String {
        NightlyLogs.conversation(id, day: day, text: "mail me at jane.doe@example.com or call +44 20 7946 0958")
            + NightlyLogs.conversation(id + "b", day: day, text: "card 4111 1111 1111 1111, 手机13812345678")
    }

    @Test func nightlyMasksByDefaultAndTheReportSeesPlaceholdersOnly() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", Self.personalLog("c1", day: "2026-11-10") + "{\"broken\": \"jane.doe@example.com\"\n")
        let reportText = CollectedLines()
        var (nightly, _) = NightlyLogs.nightly(folder) { $0.reportFolder = folder.file("report") }
        nightly.publishers = NightlyPublishers(report: { db, _, _, _ in
            for row in try db.rows("SELECT text FROM turns") { reportText.append(row[0].string ?? "") }
            return []
        }, export: nil)
        #expect(nightly.options.redaction == .mask)
        _ = try nightly.run()
        let db = try Database(path: folder.file("store.sqlite"))
        let stored = try db.rows("SELECT text FROM turns WHERE role = 'user' ORDER BY id").compactMap { $0[0].string }
        #expect(stored == ["mail me at [EMAIL] or call [PHONE]", "card [CARD], 手机[PHONE]"])
        for value in Self.personal {
            #expect(!reportText.lines.contains { $0.contains(value) })
            #expect(try db.count("SELECT COUNT(*) FROM turns WHERE instr(text, ?) > 0", [value]) == 0)
            #expect(try db.count("SELECT COUNT(*) FROM rejects WHERE instr(raw, ?) > 0", [value]) == 0)
        }
        #expect(try db.scalar("SELECT raw FROM rejects")?.string == "{\"broken\": \"[EMAIL]\"")
        // mask needs no salt, so none is made.
        #expect(try db.scalar("SELECT value FROM settings WHERE key = ?", [StoredRedaction.saltKey]) == nil)
    }

    @Test func theWrittenReportAndExportHoldPlaceholdersOnly() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", Self.personalLog("c1", day: "2026-11-10") + Self.personalLog("c2", day: "2026-11-10"))
        let (nightly, _) = NightlyLogs.nightly(folder) {
            $0.reportFolder = folder.file("out/report")
            $0.exportFolder = folder.file("out/export")
        }
        let summary = try nightly.run()
        #expect(summary.stage("report")?.status == "ok")
        var written = ""
        for sub in ["out/report", "out/export"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.file(sub)) {
                written += (try? String(contentsOfFile: folder.file("\(sub)/\(name)"), encoding: .utf8)) ?? ""
            }
        }
        #expect(written.contains("<html"))
        for value in Self.personal + ["jane.doe", "7946 0958", "4111"] {
            #expect(!written.contains(value), "\(value) reached the report or export")
        }
    }

    @Test func hashTokensAreStableAcrossNightsThroughTheStoredSalt() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", NightlyLogs.conversation("c1", day: "2026-11-10", text: "I am jane.doe@example.com"))
        let (nightly, _) = NightlyLogs.nightly(folder) { $0.redaction = .hash }
        _ = try nightly.run()
        try folder.write("inbox/b.jsonl", NightlyLogs.conversation("c2", day: "2026-11-11", text: "jane.doe@example.com again"))
        _ = try nightly.run()
        let db = try Database(path: folder.file("store.sqlite"))
        let texts = try db.rows("SELECT text FROM turns WHERE role = 'user' ORDER BY id").compactMap { $0[0].string }
        #expect(texts.count == 2)
        let tokens = texts.compactMap { text in text.range(of: #"\[EMAIL:[0-9a-f]{8}\]"#, options: .regularExpression).map { String(text[$0]) } }
        #expect(tokens.count == 2)
        #expect(tokens.first == tokens.last)
        let salt = try #require(try db.scalar("SELECT value FROM settings WHERE key = ?", [StoredRedaction.saltKey])?.string)
        #expect(tokens.first == Redactor(mode: .hash, salt: salt).redact("jane.doe@example.com"))
        #expect(try StoredRedaction.salt(db: db) == salt)
    }

    @Test func noneKeepsTheTextAsWritten() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", NightlyLogs.conversation("c1", day: "2026-11-10", text: "I am jane.doe@example.com"))
        let (nightly, _) = NightlyLogs.nightly(folder) { $0.redaction = .none }
        _ = try nightly.run()
        let db = try Database(path: folder.file("store.sqlite"))
        #expect(try db.scalar("SELECT text FROM turns WHERE role = 'user'")?.string == "I am jane.doe@example.com")
    }
}
