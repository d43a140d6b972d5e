import ChatMine
import Foundation

/// `chatmine ingest PATH…`: loads log files into the store.
struct IngestCommand: Command {
    static let spec = CommandSpec(
        name: "ingest",
        abstract: "Load chat logs (files, folders, .gz, or - for stdin) into the store.",
        discussion: """
        Ingest is idempotent: a file read before changes nothing; a file that grew adds only its new
        part. Bad records are kept in the rejects table with file, line and reason; the run exits
        with 2 when more than --max-reject-rate of the records were rejected.
        """,
        arguments: [ArgumentSpec("path", help: "Files or folders to read (folders recursively, sorted); - reads stdin.", variadic: true)],
        options: [
            CommonOptions.db,
            .option("format", value: "format", help: "Input format: \(LogFormats.names.joined(separator: "|")) (default auto)."),
            .option("map", value: "field=column", help: "Read a field from another column or JSON path, e.g. --map text=body.", repeatable: true),
            .option("redact", value: "mask|hash|none", help: "Replace PII before storing (default none)."),
            .option("assume-tz", value: "Area/City|UTC", help: "Zone for ISO timestamps without one (default: reject them)."),
            .option("max-reject-rate", value: "share", help: "Exit 2 when more than this share is rejected (default 0.05)."),
            CommonOptions.quiet,
        ]
    )

    let paths: [String]
    let db: String?
    let options: IngestOptions
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        paths = arguments.positionals
        db = arguments.value("db")
        quiet = arguments.flag("quiet")
        var options = IngestOptions()
        options.format = try arguments.choice("format", LogFormats.names) ?? "auto"
        do {
            options.context.fields = try FieldMap(mappings: arguments.all("map"))
        } catch let error as ChatMineError {
            throw UsageError(error.description)
        }
        if let rate = try arguments.double("max-reject-rate") {
            guard (0...1).contains(rate) else { throw UsageError("--max-reject-rate must be between 0 and 1") }
            options.maxRejectRate = rate
        }
        if let zone = arguments.value("assume-tz") {
            guard let timeZone = TimeZone(identifier: zone) else { throw UsageError("Unknown time zone '\(zone)' for '--assume-tz'") }
            options.context.naiveOffsetSeconds = timeZone.secondsFromGMT()
        }
        if let mode = try arguments.choice("redact", ["mask", "hash", "none"]), mode != "none" {
            throw UsageError("--redact \(mode) is not available yet in this build; use --redact none")
        }
        options.showProgress = !quiet
        self.options = options
    }

    func run() throws -> Int32 {
        let store = try StoreLocation.open(db)
        let summary = try Ingestor(db: store, options: options).ingest(paths)
        if !quiet {
            print(summary.line)
            for note in summary.notes { Terminal.error("Note: \(note)") }
            if summary.rejects > 0 {
                print("  see the rejects: sqlite3 \(store.path) \"SELECT path, line, reason FROM rejects ORDER BY id DESC LIMIT 20\"")
            }
        }
        if summary.rejectRate > options.maxRejectRate {
            Terminal.error(String(format: "Error: %.2f%% of the records were rejected, more than --max-reject-rate %.2f%%", summary.rejectRate * 100, options.maxRejectRate * 100))
            return 2
        }
        return 0
    }
}
