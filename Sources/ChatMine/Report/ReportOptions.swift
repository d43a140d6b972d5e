import Foundation

/// What `chatmine report` covers and how it is stamped.
public struct ReportOptions: Sendable {
    /// Inclusive start (epoch ms UTC) of conversation start times; nil for the start of the store.
    public var since: Int64?
    /// Exclusive end (epoch ms UTC); nil for the end of the store.
    public var until: Int64?
    /// The zone of days and hours.
    public var zone: LocalTime
    /// Outcome rules (JSON file), "default", or nil for the rules last used on the store.
    public var rulesPath: String?
    /// The title at the top of the page.
    public var title: String
    /// Rows shown per table in the HTML (the CSV beside it holds up to `csvRowLimit`).
    public var tableRowLimit: Int
    /// Rows written per CSV file.
    public var csvRowLimit: Int
    /// Suggested intents shown.
    public var suggestionLimit: Int
    /// The clock, for the "generated at" stamp (tests pin it).
    public var now: Date
    /// Whether a window of whole days is added up from stored per-day parts (false: every
    /// conversation is read, as tests do to check that both give the same report).
    var usesDayParts = true

    /// Creates options; every field has a sensible default.
    public init(since: Int64? = nil, until: Int64? = nil, zone: LocalTime = .utc, rulesPath: String? = nil,
                title: String = "Support bot report", tableRowLimit: Int = 40, csvRowLimit: Int = 50_000,
                suggestionLimit: Int = 30, now: Date = Date()) {
        self.since = since; self.until = until; self.zone = zone; self.rulesPath = rulesPath; self.title = title
        self.tableRowLimit = tableRowLimit; self.csvRowLimit = csvRowLimit; self.suggestionLimit = suggestionLimit; self.now = now
    }
}

/// What a report run wrote.
public struct ReportSummary: Sendable {
    /// The folder holding index.html and the CSV files.
    public var directory: String
    /// The path of index.html.
    public var indexPath: String
    /// The CSV files written beside it (names only).
    public var csvFiles: [String]
    /// Size of index.html in bytes.
    public var htmlBytes: Int
    /// Conversations in the window.
    public var conversations: Int
    /// The window as printed in the report.
    public var windowLabel: String
    /// Sections that had nothing to show, with why (e.g. "sentiment: run 'chatmine score'").
    public var notes: [String]

    /// One line for the terminal.
    public var line: String {
        "wrote \(indexPath) (\(ReportFormat.count(htmlBytes / 1024)) KiB, \(conversations) conversations, \(windowLabel)) and \(csvFiles.count) CSV files"
    }
}
