import Foundation
import Testing
@testable import ChatMine

@Suite struct NightlyConfigTests {
    @Test func everyKeyIsReadAndRelativePathsAreTakenFromTheConfigsFolder() throws {
        let json = """
        {
          "_comment": "ignored",
          "database": "data/chatmine.sqlite",
          "inbox": {"folder": "/srv/inbox", "glob": "*.jsonl*", "processed": "move", "processed_folder": "done"},
          "report_folder": "/srv/www/report",
          "export_folder": "export",
          "export_format": "csv",
          "window": {"trend_days": 14, "since": "2026-11-01", "until": "2026-11-08"},
          "time_zone": "Europe/Berlin",
          "rules": "rules.json",
          "redaction": "hash",
          "retention_days": 90,
          "max_reject_rate": 0.1,
          "format": "jsonl"
        }
        """
        let options = try NightlyConfig.parse(Data(json.utf8), origin: "test.json", baseFolder: "/etc/chatmine")
        #expect(options.databasePath == "/etc/chatmine/data/chatmine.sqlite")
        #expect(options.inbox == "/srv/inbox")
        #expect(options.glob == "*.jsonl*")
        #expect(options.processed == .move("/etc/chatmine/done"))
        #expect(options.reportFolder == "/srv/www/report")
        #expect(options.exportFolder == "/etc/chatmine/export")
        #expect(options.exportFormat == "csv")
        #expect(options.trendDays == 14)
        #expect(options.since == NightlyLogs.day("2026-11-01"))
        #expect(options.until == NightlyLogs.day("2026-11-08"))
        #expect(options.timeZone == "Europe/Berlin")
        #expect(options.rulesPath == "/etc/chatmine/rules.json")
        #expect(options.redaction == .hash)
        #expect(options.retentionDays == 90)
        #expect(options.maxRejectRate == 0.1)
        #expect(options.format == "jsonl")
    }

    @Test func defaultsWhenOnlyTheDatabaseIsGiven() throws {
        let options = try NightlyConfig.parse(Data(#"{"database": "/x.sqlite"}"#.utf8), origin: "t", baseFolder: "/")
        #expect(options.inbox == nil)
        #expect(options.redaction == .mask)
        #expect(options.trendDays == 28)
        #expect(options.retentionDays == nil)
        #expect(options.processed == .keep)
        #expect(options.maxRejectRate == 0.05)
    }

    @Test(arguments: [
        (#"{"database": "x", "inbox_folder": "y"}"#, "\"inbox_folder\" is not a config key"),
        (#"{"inbox": {"folder": "y"}}"#, "\"database\" is missing"),
        (#"{"database": "x", "inbox": {"folder": "y", "processed": "move"}}"#, "\"inbox.processed_folder\" is needed"),
        (#"{"database": "x", "inbox": {"folder": "y", "processed": "archive"}}"#, "use keep, move or delete"),
        (#"{"database": "x", "redaction": "blur"}"#, "use mask, hash or none"),
        (#"{"database": "x", "retention_days": 0}"#, "\"retention_days\" must be 1 or more"),
        (#"{"database": "x", "retention_days": "90"}"#, "\"retention_days\" must be a number"),
        (#"{"database": "x", "time_zone": "Mars/Olympus"}"#, "is not a time zone"),
        (#"{"database": "x", "window": {"since": "2026-11-08", "until": "2026-11-01"}}"#, "must be after window.since"),
        (#"{"database": "x""#, "is not valid JSON"),
    ])
    func badConfigsAreRefusedNamingTheKey(json: String, message: String) throws {
        do {
            _ = try NightlyConfig.parse(Data(json.utf8), origin: "nightly.json", baseFolder: "/")
            Issue.record("accepted \(json)")
        } catch let error as ChatMineError {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func stageLinesAsTextAndAsJSON() throws {
        var result = StageResult(stage: "ingest", counts: [("files", 2), ("turns", 10)], seconds: 1.5, note: "a \"quoted\" note")
        result.cpuSeconds = 0.75
        #expect(StageLog(format: .text).line(result) == "nightly ingest ok files=2 turns=10 1.50s cpu 0.75s (a \"quoted\" note)")
        let json = StageLog(format: .json).line(result)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["stage"] as? String == "ingest")
        #expect(object["status"] as? String == "ok")
        #expect(object["seconds"] as? Double == 1.5)
        #expect(object["cpu_seconds"] as? Double == 0.75)
        #expect((object["counts"] as? [String: Int]) == ["files": 2, "turns": 10])
        #expect(object["note"] as? String == "a \"quoted\" note")
        #expect(object["time"] is String)
    }
}
