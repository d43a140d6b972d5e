import ChatMine
import Foundation

/// `chatmine report`: the HTML dashboard and the CSV files behind its tables.
struct ReportCommand: Command {
    static let spec = CommandSpec(
        name: "report",
        abstract: "Write the HTML dashboard (index.html) and its CSV files into a folder.",
        discussion: """
        Brings outcomes up to date, then writes one self-contained index.html (inline CSS and SVG,
        no network requests, readable without JavaScript) and beside it the CSV file behind each
        table. The folder is built aside and renamed into place, so a reader never sees half a
        report; an existing folder is only replaced when it holds an earlier report. Without
        --since/--until the report covers the whole store. Sections and their sources: docs/REPORT.md.
        """,
        options: [
            .option("out", short: "o", value: "dir", help: "The folder to write (required)."),
            CommonOptions.db,
            CommonOptions.since,
            CommonOptions.until,
            CommonOptions.tz,
            .option("rules", value: "file", help: "Outcome rules (JSON); 'default' for the built-in ones. Default: the rules last used on this store."),
            .option("title", value: "text", help: "The page title (default 'Support bot report')."),
            .option("rows", value: "n", help: "Rows per table in the page (default 40; the CSV files hold more)."),
            CommonOptions.quiet,
        ]
    )

    let out: String
    let databasePath: String?
    let sinceText: String?
    let untilText: String?
    let zoneName: String
    let rulesPath: String?
    let title: String?
    let rows: Int?
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        guard let out = arguments.value("out"), !out.isEmpty else { throw UsageError("Missing '--out <dir>': the folder to write the report into") }
        self.out = out
        databasePath = arguments.value("db")
        sinceText = arguments.value("since")
        untilText = arguments.value("until")
        zoneName = arguments.value("tz") ?? "UTC"
        rulesPath = arguments.value("rules")
        title = arguments.value("title")
        rows = try arguments.int("rows")
        quiet = arguments.flag("quiet")
        guard TimeZone(identifier: zoneName) != nil else {
            throw UsageError("Unknown time zone '\(zoneName)' for '--tz': use an IANA name such as Europe/Berlin")
        }
        if let rows, rows < 1 { throw UsageError("Invalid value '\(rows)' for '--rows': expected a positive integer") }
    }

    func run() throws -> Int32 {
        let zone = try LocalTime(identifier: zoneName)
        let since = try CommonOptions.instant(sinceText, option: "since", zone: zone)
        let until = try CommonOptions.instant(untilText, option: "until", zone: zone)
        if let since, let until, until <= since {
            throw ChatMineError("--until (\(untilText ?? "")) is not after --since (\(sinceText ?? ""))", hint: "--until is exclusive: give a later date")
        }
        let db = try StoreLocation.openExisting(databasePath)
        var options = ReportOptions(since: since, until: until, zone: zone, rulesPath: rulesPath)
        if let title { options.title = title }
        if let rows { options.tableRowLimit = rows }
        let summary = try StageRun.record(db, command: "report", counts: { [("conversations", $0.conversations), ("csv_files", $0.csvFiles.count)] }) { try ReportWriter(db: db, options: options).write(to: out) }
        if !quiet {
            print(summary.line)
            for note in summary.notes { Terminal.error("Note: \(note)") }
        }
        return 0
    }
}
