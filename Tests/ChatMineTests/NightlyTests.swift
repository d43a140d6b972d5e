import Foundation
import Testing
@testable import ChatMine

@Suite struct NightlyTests {
    @Test func runsEveryStageInOrderAndRecordsTheRun() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", NightlyLogs.conversation("c1", day: "2026-11-10") + NightlyLogs.conversation("c2", day: "2026-11-10"))
        try folder.write("inbox/notes.txt", "not a log")
        let (nightly, lines) = NightlyLogs.nightly(folder) {
            $0.glob = "*.jsonl"
            $0.reportFolder = folder.file("out/report")
            $0.exportFolder = folder.file("out/export")
        }
        let summary = try nightly.run()
        #expect(summary.exitCode == 0)
        #expect(summary.stages.map(\.stage) == ["ingest", "score", "cluster", "metrics", "report", "export"])
        #expect(summary.stage("ingest")?.count("files") == 1)
        #expect(summary.stage("ingest")?.count("turns") == 4)
        #expect(summary.stage("ingest")?.count("events") == 2)
        #expect(summary.stage("score")?.count("turns") == 4)
        #expect(summary.stage("metrics")?.count("conversations") == 2)
        #expect(summary.stage("report")?.status == "ok")
        #expect(summary.stage("report")?.count("conversations") == 2)
        #expect(summary.stage("export")?.status == "ok")
        #expect(FileManager.default.fileExists(atPath: folder.file("out/report/index.html")))
        #expect(FileManager.default.fileExists(atPath: folder.file("out/export/nlu.yml")))
        #expect(lines.lines.count == 6)
        #expect(lines.lines.first?.hasPrefix("nightly ingest ok files=1") == true)

        let db = try Database(path: folder.file("store.sqlite"))
        let runs = try db.rows("SELECT status, counts, error, ended_at FROM runs WHERE command = 'nightly'")
        #expect(runs.count == 1)
        #expect(runs.first?[0].string == "ok")
        #expect(runs.first?[2].string == nil)
        #expect(runs.first?[3].string != nil)
        let counts = try JSONSerialization.jsonObject(with: Data((runs.first?[1].string ?? "").utf8)) as? [String: [String: Int]]
        #expect(counts?["ingest"]?["turns"] == 4)
        #expect(counts?["score"]?["turns"] == 4)
    }

    @Test func theWindowIsTheNewDaysPlusTheTrendDays() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", NightlyLogs.conversation("c1", day: "2026-11-10") + NightlyLogs.conversation("c2", day: "2026-11-12", hour: 23))
        let (nightly, _) = NightlyLogs.nightly(folder)
        let summary = try nightly.run()
        // 2026-11-10 minus 28 days is 2026-10-13; the 12th is the last day, so the window ends on the 13th.
        #expect(summary.window == NightlyWindow(since: NightlyLogs.day("2026-10-13"), until: NightlyLogs.day("2026-11-13")))

        try folder.write("inbox/b.jsonl", NightlyLogs.conversation("c3", day: "2026-11-20"))
        var next = nightly
        next.options.trendDays = 0
        #expect(try next.run().window == NightlyWindow(since: NightlyLogs.day("2026-11-20"), until: NightlyLogs.day("2026-11-21")))

        // Nothing new: the newest day in the store and its trend days.
        #expect(try next.run().window == NightlyWindow(since: NightlyLogs.day("2026-11-20"), until: NightlyLogs.day("2026-11-21")))

        next.options.since = NightlyLogs.day("2026-11-01")
        next.options.until = NightlyLogs.day("2026-11-05")
        #expect(try next.run().window == NightlyWindow(since: NightlyLogs.day("2026-11-01"), until: NightlyLogs.day("2026-11-05")))
    }

    @Test func aRunThatDiedStillGetsItsWindowCoveredByTheNextOne() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", NightlyLogs.conversation("c1", day: "2026-11-10"))
        let (nightly, _) = NightlyLogs.nightly(folder) { $0.trendDays = 0 }
        _ = try nightly.run()
        // As if a run that ingested 2026-11-02 had been killed before its report, and left its
        // runs row in 'running'.
        let db = try Database(path: folder.file("store.sqlite"))
        try NightlyWindow.savePending(NightlyWindow(since: NightlyLogs.day("2026-11-02"), until: NightlyLogs.day("2026-11-03")), db: db)
        try db.execute("INSERT INTO runs (command, started_at, pid) VALUES ('nightly', '2026-11-24T01:00:00.000Z', 999999)")
        try folder.write("inbox/b.jsonl", NightlyLogs.conversation("c2", day: "2026-11-12"))
        let summary = try nightly.run()
        #expect(summary.window == NightlyWindow(since: NightlyLogs.day("2026-11-02"), until: NightlyLogs.day("2026-11-13")))
        #expect(try NightlyWindow.pending(db: db) == nil)
        #expect(try db.scalar("SELECT status FROM runs WHERE pid = 999999")?.string == "failed")
        #expect(try db.scalar("SELECT error FROM runs WHERE pid = 999999")?.string?.contains("interrupted") == true)
    }

    @Test func aFailingStageIsLoggedAndRecordedAndItsWindowKeptForTheNextRun() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", NightlyLogs.conversation("c1", day: "2026-11-10"))
        var (nightly, lines) = NightlyLogs.nightly(folder) { $0.reportFolder = folder.file("out/report") }
        nightly.publishers = NightlyPublishers(report: { _, _, _, _ in throw ChatMineError("disk full") }, export: nil)
        #expect(throws: ChatMineError.self) { try nightly.run() }
        #expect(lines.lines.contains { $0.hasPrefix("nightly report failed") && $0.contains("disk full") })
        let db = try Database(path: folder.file("store.sqlite"))
        #expect(try db.scalar("SELECT status FROM runs WHERE command = 'nightly'")?.string == "failed")
        #expect(try db.scalar("SELECT error FROM runs WHERE command = 'nightly'")?.string?.contains("disk full") == true)
        #expect(try NightlyWindow.pending(db: db) != nil)
        #expect(!FileManager.default.fileExists(atPath: folder.file("out/report")))
    }

    @Test func moreRejectsThanAllowedEndWithExitCode2() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", NightlyLogs.conversation("c1", day: "2026-11-10") + "{\"broken\":\n{\"conversation_id\":\"x\",\"role\":\"wizard\",\"text\":\"a\"}\n")
        let (nightly, _) = NightlyLogs.nightly(folder) { $0.maxRejectRate = 0.2 }
        let summary = try nightly.run()
        // 2 of 5 records rejected: 40% > 20%.
        #expect(summary.stage("ingest")?.count("rejects") == 2)
        #expect(summary.exitCode == 2)
        let db = try Database(path: folder.file("store.sqlite"))
        #expect(try db.scalar("SELECT status FROM runs WHERE command = 'nightly'")?.string == "rejected")
        var lenient = nightly
        lenient.options.maxRejectRate = 0.5
        try folder.write("inbox/b.jsonl", NightlyLogs.conversation("c2", day: "2026-11-10") + "{\"broken\":\n")
        #expect(try lenient.run().exitCode == 0)
    }

    @Test func processedFilesAreMovedOrDeleted() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", NightlyLogs.conversation("c1", day: "2026-11-10"))
        let (moving, _) = NightlyLogs.nightly(folder) { $0.processed = .move(folder.file("done")) }
        _ = try moving.run()
        #expect(!FileManager.default.fileExists(atPath: folder.file("inbox/a.jsonl")))
        #expect(FileManager.default.fileExists(atPath: folder.file("done/a.jsonl")))

        try folder.write("inbox/b.jsonl", NightlyLogs.conversation("c2", day: "2026-11-11"))
        var deleting = moving
        deleting.options.processed = .delete
        let summary = try deleting.run()
        #expect(summary.stage("ingest")?.count("turns") == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("inbox")).isEmpty)
        let db = try Database(path: folder.file("store.sqlite"))
        #expect(try db.count("SELECT COUNT(*) FROM conversations") == 2)
    }

    @Test func publishersGetTheirFolderAndTheWindow() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", NightlyLogs.conversation("c1", day: "2026-11-10"))
        let seen = CollectedLines()
        var (nightly, _) = NightlyLogs.nightly(folder) {
            $0.reportFolder = folder.file("out/report")
            $0.exportFolder = folder.file("out/export")
            $0.trendDays = 1
        }
        nightly.publishers = NightlyPublishers(
            report: { _, window, _, target in
                seen.append("report \(target) \(window?.description ?? "none")")
                return [("files", 1)]
            },
            export: { _, _, target in
                seen.append("export \(target)")
                return [("phrases", 0)]
            })
        let summary = try nightly.run()
        #expect(seen.lines == ["report \(folder.file("out/report")) 2026-11-09..2026-11-11", "export \(folder.file("out/export"))"])
        #expect(summary.stage("report")?.count("files") == 1)
        #expect(summary.stage("export")?.count("phrases") == 0)
    }

    @Test func theExportFolderIsReplacedAsAWhole() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", NightlyLogs.conversation("c1", day: "2026-11-10"))
        try folder.write("out/export/stale.txt", "from an earlier night")
        let (nightly, _) = NightlyLogs.nightly(folder) {
            $0.exportFolder = folder.file("out/export")
            $0.exportFormat = "csv"
        }
        _ = try nightly.run()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("out/export")).sorted() == ["training.collisions.csv", "training.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("out")) == ["export"])
    }

    @Test func anInterruptedFolderSwapIsRepairedByTheNextWrite() throws {
        let folder = try TemporaryFolder()
        // Killed between the two renames: the old copy is aside, the new one still temporary.
        try folder.write("out/report.old-12345/index.html", "old")
        try folder.write("out/report.tmp-12345/index.html", "half")
        try AtomicFolder.recover(folder.file("out/report"))
        #expect(try String(contentsOfFile: folder.file("out/report/index.html"), encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("out")) == ["report"])
        try AtomicFolder.write(folder.file("out/report")) { target in
            try "new".write(toFile: (target as NSString).appendingPathComponent("index.html"), atomically: false, encoding: .utf8)
        }
        #expect(try String(contentsOfFile: folder.file("out/report/index.html"), encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("out")) == ["report"])
    }
}
