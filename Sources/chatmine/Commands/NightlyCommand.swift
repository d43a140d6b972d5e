import ChatMine
import Foundation

/// `chatmine nightly`: the whole batch for cron, from a config file or flags.
struct NightlyCommand: Command {
    static let spec = CommandSpec(
        name: "nightly",
        abstract: "The whole batch for cron: ingest new inbox files, score, cluster, metrics, report, export.",
        discussion: """
        Takes its settings from --config FILE (JSON, see docs/NIGHTLY.md) or from the flags; a flag \
        given with --config overrides the file. PII is redacted (mask) unless --redact says otherwise. \
        One line per stage on stderr (--log-format json for log shippers); a row per run in the \
        store's runs table. Without --since/--until the window is the days the new files touched \
        plus --trend-days (28) before; clustering covers the new days plus --cluster-days (0) before. \
        A second run while one holds the lock exits with 75. \
        Exit codes: 0 ok, 64 usage, 1 runtime error, 2 more rejects than --max-reject-rate, 75 locked.
        """,
        options: [
            .option("config", value: "file", help: "JSON config (database, inbox, folders, window, rules, redaction, retention)."),
            CommonOptions.db,
            .option("inbox", value: "dir", help: "Folder of new log files."),
            .option("glob", value: "pattern", help: "Which inbox files to read (default *)."),
            .option("processed", value: "keep|move|delete", help: "What to do with ingested inbox files (default keep)."),
            .option("processed-folder", value: "dir", help: "Where --processed move puts them."),
            .option("out", value: "dir", help: "Output folder: the report goes to DIR/report, the export to DIR/export."),
            .option("export-format", value: "rasa|csv|jsonl", help: "Format of the retraining export (default rasa)."),
            .option("redact", value: "mask|hash|none", help: "Replace PII before storing (default mask)."),
            .option("retention-days", value: "N", help: "Remove the raw text of turns from conversations older than N days."),
            .option("since", value: "date", help: "Window start, YYYY-MM-DD or ISO-8601 (default: see above)."),
            .option("until", value: "date", help: "Window end, exclusive."),
            .option("trend-days", value: "N", help: "Days before the new data that the window covers (default 28)."),
            .option("cluster-days", value: "N", help: "Days before the new data that clustering covers (default 0)."),
            .option("rules", value: "file", help: "Outcome rules (JSON); default: the rules last used on this store."),
            .option("tz", value: "Area/City", help: "Time zone of days and hours in metrics (default UTC)."),
            .option("max-reject-rate", value: "share", help: "Exit 2 when more than this share is rejected (default 0.05)."),
            .option("log-format", value: "text|json", help: "Stage lines on stderr as text (default) or JSON."),
            CommonOptions.quiet,
        ]
    )

    let options: NightlyOptions
    let logFormat: StageLogFormat
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        var options: NightlyOptions
        if let config = arguments.value("config") {
            do {
                options = try NightlyConfig.load(path: config)
            } catch let error as ChatMineError {
                throw UsageError(error.message)
            }
            if let db = arguments.value("db") { options.databasePath = db }
        } else {
            guard arguments.value("inbox") != nil || arguments.value("out") != nil else {
                throw UsageError("give --config FILE, or --inbox DIR and --out DIR")
            }
            options = NightlyOptions(databasePath: StoreLocation.resolve(arguments.value("db")))
        }
        if let inbox = arguments.value("inbox") { options.inbox = inbox }
        if let glob = arguments.value("glob") { options.glob = glob }
        switch try arguments.choice("processed", ["keep", "move", "delete"]) {
        case "keep": options.processed = .keep
        case "delete": options.processed = .delete
        case "move":
            guard let folder = arguments.value("processed-folder") else { throw UsageError("--processed move needs --processed-folder DIR") }
            options.processed = .move(folder)
        default:
            if arguments.value("processed-folder") != nil { throw UsageError("--processed-folder goes with --processed move") }
        }
        if let out = arguments.value("out") {
            options.reportFolder = (out as NSString).appendingPathComponent("report")
            options.exportFolder = (out as NSString).appendingPathComponent("export")
        }
        if let format = try arguments.choice("export-format", ["rasa", "csv", "jsonl"]) { options.exportFormat = format }
        if let mode = try arguments.choice("redact", RedactionMode.allCases.map(\.rawValue)) {
            options.redaction = RedactionMode(rawValue: mode) ?? .mask
        }
        if let days = try arguments.int("retention-days") {
            guard days >= 1 else { throw UsageError("--retention-days must be 1 or more") }
            options.retentionDays = days
        }
        if let text = arguments.value("since") {
            guard let since = NightlyWindow.parseDate(text) else { throw UsageError("--since '\(text)' is not YYYY-MM-DD or ISO-8601") }
            options.since = since
        }
        if let text = arguments.value("until") {
            guard let until = NightlyWindow.parseDate(text) else { throw UsageError("--until '\(text)' is not YYYY-MM-DD or ISO-8601") }
            options.until = until
        }
        if let since = options.since, let until = options.until, until <= since {
            throw UsageError("--until must be after --since (--until is exclusive)")
        }
        if let days = try arguments.int("trend-days") {
            guard days >= 0 else { throw UsageError("--trend-days must be 0 or more") }
            options.trendDays = days
        }
        if let days = try arguments.int("cluster-days") {
            guard days >= 0 else { throw UsageError("--cluster-days must be 0 or more") }
            options.clusterDays = days
        }
        if let rules = arguments.value("rules") { options.rulesPath = rules }
        if let zone = arguments.value("tz") {
            guard TimeZone(identifier: zone) != nil else { throw UsageError("Unknown time zone '\(zone)' for '--tz'") }
            options.timeZone = zone
        }
        if let rate = try arguments.double("max-reject-rate") {
            guard (0...1).contains(rate) else { throw UsageError("--max-reject-rate must be between 0 and 1") }
            options.maxRejectRate = rate
        }
        self.options = options
        logFormat = try arguments.choice("log-format", StageLogFormat.allCases.map(\.rawValue)).flatMap(StageLogFormat.init(rawValue:)) ?? .text
        quiet = arguments.flag("quiet")
    }

    func run() throws -> Int32 {
        let log = quiet ? StageLog.silent : StageLog(format: logFormat)
        do {
            let summary = try Nightly(options: options, log: log).run()
            if summary.exitCode == 2 {
                Terminal.error(String(format: "Error: %.2f%% of the records were rejected, more than --max-reject-rate %.2f%%",
                                      summary.rejectRate * 100, options.maxRejectRate * 100))
                Terminal.error("Hint: see them with: sqlite3 \(options.databasePath) \"SELECT path, line, reason FROM rejects ORDER BY id DESC LIMIT 20\"")
            }
            return summary.exitCode
        } catch let held as RunLockHeld {
            Terminal.error("Error: \(held)")
            return 75
        }
    }
}
