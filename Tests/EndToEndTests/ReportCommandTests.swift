import Foundation
import Testing

/// The report, review and export commands as a user runs them: exit codes, output, files.
@Suite struct ReportCommandTests {
    final class Folder {
        let path: String
        init() throws {
            path = (NSTemporaryDirectory() as NSString).appendingPathComponent("chatmine-e2e-report-\(UUID().uuidString)")
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    }

    /// A folder with a store holding the generic fixtures.
    static func store() throws -> Folder {
        let folder = try Folder()
        let ingest = try BinaryRunner.run(["ingest", BinaryRunner.fixture("generic/support.jsonl"), BinaryRunner.fixture("generic/support.csv"),
                                           "--db", folder.file("s.sqlite"), "-q"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return folder
    }

    @Test func reportWritesThePageAndItsCSVFiles() throws {
        let folder = try Self.store()
        let result = try BinaryRunner.run(["report", "--db", folder.file("s.sqlite"), "--out", folder.file("out"), "--tz", "Asia/Shanghai"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("wrote ") && result.stdout.contains("6 conversations"))
        let html = try String(contentsOfFile: folder.file("out/index.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>") && html.contains("(Asia/Shanghai)"))
        for name in ["kpis.csv", "intents.csv", "channels.csv", "outcomes.csv", "hour_of_week.csv", "suggestions.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder.file("out/" + name)), "\(name)")
        }
        // The fixture's outcomes: 2 resolved, 2 escalated, 2 abandoned (fixtures/README.md).
        let outcomes = try String(contentsOfFile: folder.file("out/outcomes.csv"), encoding: .utf8)
        #expect(outcomes.contains("resolved,2,") && outcomes.contains("escalated,2,") && outcomes.contains("abandoned,2,"))
    }

    @Test func reportUsageAndRuntimeErrors() throws {
        let folder = try Self.store()
        let missing = try BinaryRunner.run(["report", "--db", folder.file("s.sqlite")])
        #expect(missing.status == 64 && missing.stderr.contains("--out"))
        let badZone = try BinaryRunner.run(["report", "--db", folder.file("s.sqlite"), "--out", folder.file("x"), "--tz", "Mars/Olympus"])
        #expect(badZone.status == 64)
        let backwards = try BinaryRunner.run(["report", "--db", folder.file("s.sqlite"), "--out", folder.file("x"), "--since", "2026-11-05", "--until", "2026-11-01"])
        #expect(backwards.status == 1 && backwards.stderr.hasPrefix("Error: "))
        try FileManager.default.createDirectory(atPath: folder.file("docs"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder.file("docs/notes.txt")))
        let foreign = try BinaryRunner.run(["report", "--db", folder.file("s.sqlite"), "--out", folder.file("docs")])
        #expect(foreign.status == 1 && foreign.stderr.contains("not empty"))
        let noStore = try BinaryRunner.run(["report", "--db", folder.file("none.sqlite"), "--out", folder.file("y")])
        #expect(noStore.status == 1 && noStore.stderr.contains("no store"))
    }

    @Test func suggestionsAndExportFromTheCommandLine() throws {
        let folder = try Self.store()
        let db = folder.file("s.sqlite")
        let list = try BinaryRunner.run(["suggestions", "list", "--db", db])
        #expect(list.status == 0 && list.stdout.contains("No suggestions"))
        let unknown = try BinaryRunner.run(["suggestions", "accept", "C00099", "--db", db])
        #expect(unknown.status == 1 && unknown.stderr.contains("no suggestion C00099"))
        let badName = try BinaryRunner.run(["suggestions", "accept", "C00001", "--as", "two words", "--db", db])
        #expect(badName.status == 64)
        let noInto = try BinaryRunner.run(["suggestions", "merge", "C00001", "--db", db])
        #expect(noInto.status == 64)
        let export = try BinaryRunner.run(["export", "training", "--format", "rasa", "--include-traffic", "--min-confidence", "0.9", "--db", db])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.hasPrefix("version: \"3.1\"\nnlu:\n"))
        #expect(export.stdout.contains("- intent: track_order\n  examples: |\n"))
        let misuse = try BinaryRunner.run(["export", "training", "--min-confidence", "0.8", "--db", db])
        #expect(misuse.status == 64)
        let badFormat = try BinaryRunner.run(["export", "training", "--format", "xml", "--db", db])
        #expect(badFormat.status == 64)
    }

    @Test func demoRunsTheWholePipeline() throws {
        let folder = try Folder()
        let result = try BinaryRunner.run(["demo", "--out", folder.file("demo"), "--synthetic", "60"])
        #expect(result.status == 0, "\(result.stderr)")
        for stage in ["generated 60 synthetic conversations", "ingested", "scored", "clustered", "metrics over", "index.html", "exported"] {
            #expect(result.stdout.contains(stage), "\(stage)")
        }
        #expect(FileManager.default.fileExists(atPath: folder.file("demo/report/index.html")))
        #expect(FileManager.default.fileExists(atPath: folder.file("demo/training/nlu.yml")))
    }
}
