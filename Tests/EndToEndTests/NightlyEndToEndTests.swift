@preconcurrency import Glibc
import ChatMine
import Foundation
import Testing

/// `chatmine nightly` as cron runs it: the config and crontab line of docs/NIGHTLY.md as
/// printed, exit codes, the lock, and `ingest --redact`.
@Suite struct NightlyEndToEndTests {
    /// A temporary folder removed afterwards.
    typealias Scratch = WorkFolder

    static func docs() throws -> String {
        try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("docs/NIGHTLY.md"), encoding: .utf8)
    }

    /// The first fenced block of `language` in docs/NIGHTLY.md.
    static func block(_ language: String) throws -> String {
        let text = try docs()
        let start = try #require(text.range(of: "```\(language)\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        return String(text[start.upperBound..<end.lowerBound])
    }

    static func log(_ id: String, day: String, text: String) -> String {
        """
        {"conversation_id":"\(id)","message_id":"\(id)-1","timestamp":"\(day)T09:00:00Z","role":"user","text":"\(text)","channel":"web","user_id":"u1"}
        {"conversation_id":"\(id)","message_id":"\(id)-2","timestamp":"\(day)T09:00:04Z","role":"bot","text":"Sorry, I did not get that.","channel":"web","user_id":"u1"}

        """
    }

    @Test func theDocumentedConfigAndCrontabLineWorkAsPrinted() throws {
        let scratch = try Scratch()
        // Only the paths move: /var/... and /etc/... into the scratch folder.
        func relocate(_ text: String) -> String {
            text.replacingOccurrences(of: "/var/", with: scratch.path + "/var/").replacingOccurrences(of: "/etc/", with: scratch.path + "/etc/")
        }
        let config = relocate(try Self.block("json"))
        #expect(config.contains(scratch.path + "/var/lib/chatmine/chatmine.sqlite"))
        // The setup step of the docs, relocated.
        let setup = try Self.block("sh").split(separator: "\n").first { $0.contains("mkdir") }.map(String.init) ?? ""
        for folder in setup.split(separator: " ").filter({ $0.hasPrefix("/") }) {
            try FileManager.default.createDirectory(atPath: relocate(String(folder)), withIntermediateDirectories: true)
        }
        try scratch.write("etc/chatmine/nightly.json", config)
        try scratch.write("var/spool/chatmine/inbox/2026-11-20.jsonl", Self.log("c1", day: "2026-11-20", text: "reach me at jane@example.com"))
        try scratch.write("var/spool/chatmine/inbox/.uploading.jsonl", Self.log("c2", day: "2026-11-20", text: "not yet"))

        let direct = try BinaryRunner.run(["nightly", "--config", scratch.file("etc/chatmine/nightly.json")])
        #expect(direct.status == 0, "\(direct.stderr)")
        #expect(direct.stderr.contains("nightly ingest ok files=1"))
        #expect(direct.stderr.contains("nightly metrics ok"))
        #expect(direct.stderr.contains("nightly report ok"))
        #expect(direct.stderr.contains("nightly export ok"))
        #expect(FileManager.default.fileExists(atPath: scratch.file("var/www/chatmine/report/index.html")))
        #expect(FileManager.default.fileExists(atPath: scratch.file("var/lib/chatmine/export/nlu.yml")))
        #expect(FileManager.default.fileExists(atPath: scratch.file("var/spool/chatmine/done/2026-11-20.jsonl")))
        #expect(FileManager.default.fileExists(atPath: scratch.file("var/spool/chatmine/inbox/.uploading.jsonl")))
        let db = try Database(path: scratch.file("var/lib/chatmine/chatmine.sqlite"))
        #expect(try db.scalar("SELECT text FROM turns WHERE role = 'user'")?.string == "reach me at [EMAIL]")
        #expect(try db.count("PRAGMA auto_vacuum") == 2)

        // The crontab line: everything after the five schedule fields, run by sh as cron does.
        let line = try Self.block("crontab")
        let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        #expect(fields.count == 6)
        #expect(!line.contains("%"), "cron turns % into a newline")
        let command = relocate(String(fields[5])).replacingOccurrences(of: "/usr/local/bin/chatmine", with: BinaryRunner.binary.path)
        try scratch.write("var/spool/chatmine/inbox/2026-11-21.jsonl", Self.log("c3", day: "2026-11-21", text: "hello"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": scratch.path]
        process.currentDirectoryURL = URL(fileURLWithPath: scratch.path)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let logged = try String(contentsOfFile: scratch.file("var/log/chatmine/nightly.log"), encoding: .utf8)
        let stages = logged.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(stages.compactMap { $0["stage"] as? String } == ["ingest", "score", "cluster", "metrics", "report", "export", "retention"])
        #expect((stages.first?["counts"] as? [String: Int])?["turns"] == 2)
        #expect(try db.count("SELECT COUNT(*) FROM runs WHERE command = 'nightly' AND status = 'ok'") == 2)
    }

    @Test func aSecondRunExitsWith75WhileTheLockIsHeld() throws {
        let scratch = try Scratch()
        try scratch.write("inbox/a.jsonl", Self.log("c1", day: "2026-11-20", text: "hi"))
        let lock = try RunLock(path: scratch.file("store.sqlite.lock"), startedAt: "2026-11-25T02:30:00.000Z")
        let locked = try BinaryRunner.run(["nightly", "--db", scratch.file("store.sqlite"), "--inbox", scratch.file("inbox"), "--out", scratch.file("out")])
        #expect(locked.status == 75)
        #expect(locked.stderr.contains("another run (pid \(getpid()), started 2026-11-25T02:30:00.000Z) holds the lock"))
        lock.release()
        let free = try BinaryRunner.run(["nightly", "--db", scratch.file("store.sqlite"), "--inbox", scratch.file("inbox"), "--out", scratch.file("out"), "-q"])
        #expect(free.status == 0, "\(free.stderr)")
        #expect(free.stderr.isEmpty)
    }

    @Test(arguments: [
        ["nightly"],
        ["nightly", "--inbox", "x", "--redact", "blur"],
        ["nightly", "--config", "/nonexistent/nightly.json"],
        ["nightly", "--inbox", "x", "--retention-days", "0"],
        ["nightly", "--inbox", "x", "--log-format", "xml"],
        ["nightly", "--inbox", "x", "--export-format", "xml"],
        ["nightly", "--inbox", "x", "--processed", "move"],
        ["nightly", "--inbox", "x", "--since", "2026-11-08", "--until", "2026-11-01"],
    ])
    func usageErrorsExit64(arguments: [String]) throws {
        let result = try BinaryRunner.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: "))
    }

    @Test func tooManyRejectsExit2AndAMissingInboxExits1() throws {
        let scratch = try Scratch()
        try scratch.write("inbox/a.jsonl", Self.log("c1", day: "2026-11-20", text: "hi") + "{\"broken\":\n")
        let rejected = try BinaryRunner.run(["nightly", "--db", scratch.file("store.sqlite"), "--inbox", scratch.file("inbox"), "--max-reject-rate", "0.1"])
        #expect(rejected.status == 2)
        #expect(rejected.stderr.contains("rejected, more than --max-reject-rate"))
        let missing = try BinaryRunner.run(["nightly", "--db", scratch.file("store.sqlite"), "--inbox", scratch.file("nowhere")])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("the inbox folder"))
    }

    @Test func ingestRedactsWhenAskedAndNotByDefault() throws {
        let scratch = try Scratch()
        try scratch.write("a.jsonl", Self.log("c1", day: "2026-11-20", text: "call +44 20 7946 0958"))
        for (mode, expected) in [("mask", "call [PHONE]"), ("none", "call +44 20 7946 0958"), ("hash", "call [PHONE:")] {
            let store = scratch.file("\(mode).sqlite")
            let result = try BinaryRunner.run(["ingest", "--db", store, "--redact", mode, "-q", scratch.file("a.jsonl")])
            #expect(result.status == 0, "\(result.stderr)")
            let text = try Database(path: store).scalar("SELECT text FROM turns WHERE role = 'user'")?.string ?? ""
            #expect(text.hasPrefix(expected), "\(mode): \(text)")
        }
        let plain = try BinaryRunner.run(["ingest", "--db", scratch.file("default.sqlite"), "-q", scratch.file("a.jsonl")])
        #expect(plain.status == 0)
        #expect(try Database(path: scratch.file("default.sqlite")).scalar("SELECT text FROM turns WHERE role = 'user'")?.string == "call +44 20 7946 0958")
    }
}
