import Foundation
import Testing
@testable import ChatMine

/// What a report writer killed mid-swap leaves behind is cleaned up by the next one.
@Suite struct ReportLeftoverTests {
    static func store(_ folder: TemporaryFolder) throws -> Database {
        let db = try folder.database()
        try ReportTestStore.ingest(ReportTestStore.conversation("c1", text: "refund please", intent: "refund", channel: "web"), in: folder, into: db)
        return db
    }

    static func makeFolder(_ path: String, marker: Bool, age: TimeInterval = 0) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if marker { try Data("old report".utf8).write(to: URL(fileURLWithPath: path + "/" + ReportWriter.marker)) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: path + "/index.html"))
        if age > 0 {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -age)], ofItemAtPath: path)
        }
    }

    @Test func anOldCopyBesideTheReportIsRemovedAndAStaleStagingFolderToo() throws {
        let folder = try TemporaryFolder()
        let db = try Self.store(folder)
        let out = folder.file("report")
        let writer = ReportWriter(db: db, options: ReportOptions())
        _ = try writer.write(to: out)
        // Killed after moving the old report aside and putting the new one in: the old copy stays.
        try Self.makeFolder(folder.file(".report.old-1a2b3c4d"), marker: true)
        try Self.makeFolder(folder.file(".report.tmp-5e6f7a8b"), marker: false, age: 7_200)
        try Self.makeFolder(folder.file(".report.tmp-fresh000"), marker: false)
        _ = try writer.write(to: out)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!siblings.contains { $0.hasPrefix(".report.old-") })
        #expect(!siblings.contains(".report.tmp-5e6f7a8b"))
        #expect(siblings.contains(".report.tmp-fresh000"), "a young staging folder may be another writer's")
        #expect(FileManager.default.fileExists(atPath: out + "/index.html"))
    }

    @Test func killedBetweenTheRenamesTheEarlierReportComesBack() throws {
        let folder = try TemporaryFolder()
        let out = folder.file("report")
        // Killed after moving the old report aside, before the new one was renamed in.
        try Self.makeFolder(folder.file(".report.old-1a2b3c4d"), marker: true)
        ReportWriter.recover(URL(fileURLWithPath: out))
        #expect(FileManager.default.fileExists(atPath: out + "/" + ReportWriter.marker))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".report.old-") }.isEmpty)
    }

    @Test func aStageCommandRecordsItsRun() throws {
        let folder = try TemporaryFolder()
        let db = try Self.store(folder)
        let count = try StageRun.record(db, command: "cluster", counts: { [("candidates", $0)] }) { 7 }
        #expect(count == 7)
        #expect(throws: ChatMineError.self) {
            try StageRun.record(db, command: "report") { () -> Int in throw ChatMineError("disk full") }
        }
        let rows = try db.rows("SELECT command, status, counts, error IS NOT NULL, ended_at IS NOT NULL, pid FROM runs WHERE command IN ('cluster', 'report') ORDER BY id")
        #expect(rows.map { $0[0].string ?? "" } == ["cluster", "report"])
        #expect(rows.map { $0[1].string ?? "" } == ["ok", "failed"])
        #expect(rows.first?[2].string == "{\"candidates\":7}")
        #expect(rows.map { $0[3].int64 } == [0, 1])
        #expect(rows.allSatisfy { $0[4].int64 == 1 && $0[5].int64 == Int64(getpid()) })
    }
}
