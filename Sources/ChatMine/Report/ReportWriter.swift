import Foundation

/// `chatmine report`: writes `index.html` (self-contained: inline CSS, SVG and one small
/// sorting script, no network) and the CSV file behind each table into a folder, atomically:
/// everything is built in a temporary folder beside the target, then renamed into place.
public struct ReportWriter {
    /// The store.
    public let db: Database
    /// Window, zone and limits.
    public let options: ReportOptions

    /// The marker file that tells a report folder (safe to replace) from any other folder.
    static let marker = ".chatmine-report"

    /// Creates a writer.
    public init(db: Database, options: ReportOptions) {
        self.db = db
        self.options = options
    }

    /// Builds the report and puts it at `directory`, replacing an earlier report there.
    public func write(to directory: String) throws -> ReportSummary {
        let url = URL(fileURLWithPath: directory).standardizedFileURL
        Self.recover(url)
        let files = try render()
        try Self.checkTarget(directory)
        let parent = url.deletingLastPathComponent()
        let manager = FileManager.default
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString.prefix(8))")
        defer { try? manager.removeItem(at: staging) }
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            for (name, text) in files.contents {
                try Data(text.utf8).write(to: staging.appendingPathComponent(name), options: .atomic)
            }
            try Data("chatmine report folder: replaced as a whole by 'chatmine report'\n".utf8).write(to: staging.appendingPathComponent(Self.marker))
        } catch {
            throw ChatMineError("cannot write the report into \(parent.path): \(error.localizedDescription)", hint: "choose a writable --out folder")
        }
        try Self.swap(staging: staging, into: url)
        let index = url.appendingPathComponent("index.html").path
        return ReportSummary(directory: url.path, indexPath: index, csvFiles: files.contents.map(\.0).filter { $0.hasSuffix(".csv") },
                             htmlBytes: files.htmlBytes, conversations: files.conversations, windowLabel: files.window, notes: files.notes)
    }

    /// The files of the report, by name, without touching the disk.
    func render() throws -> (contents: [(String, String)], htmlBytes: Int, conversations: Int, window: String, notes: [String]) {
        // The metrics engine fills a temporary scope table row by row for each grouping; on disk
        // every row is its own temp-file transaction (GBs of writes on a large store), in memory it is free.
        try db.execute("PRAGMA temp_store = MEMORY")
        let data = try ReportDataSource(db: db, options: options).load()
        let tables = ReportTables(data: data, csvLimit: options.csvRowLimit)
        let sections = try ReportSections(data: data, tables: tables, rowLimit: options.tableRowLimit).all()
        let html = try ReportHTML.page(data, sections: sections)
        var csvTables = [tables.kpis, tables.series, tables.outcomes,
                         tables.breakdown(data.byIntent, id: "intents", title: "Intent", csv: "intents.csv"),
                         tables.breakdown(data.byChannel, id: "channels", title: "Channel", csv: "channels.csv"),
                         tables.hourOfWeek, tables.escalationDrivers, tables.apiFailures, tables.suggestions, tables.rejects]
        if let sentiment = tables.sentiment { csvTables.append(sentiment) }
        var notes: [String] = []
        if data.sentiment == nil { notes.append("sentiment: no scores in this window (run 'chatmine score')") }
        if data.suggestions.isEmpty { notes.append("suggested intents: none yet (run 'chatmine cluster')") }
        notes += data.skipped.map { "skipped \($0)" }
        let contents = [("index.html", html)] + csvTables.map { ($0.csvFile, $0.csv) }
        return (contents, html.utf8.count, Int(data.total.conversations), data.window.label, notes)
    }

    /// Cleans up after a writer that was killed: an earlier report moved aside (`.NAME.old-…`)
    /// goes back in place when the report itself is missing (killed between the two renames),
    /// and is removed otherwise; staging folders (`.NAME.tmp-…`) older than an hour are removed
    /// (a younger one may belong to a writer still running).
    static func recover(_ target: URL) {
        let manager = FileManager.default
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let siblings = (try? manager.contentsOfDirectory(atPath: parent.path)) ?? []
        for sibling in siblings.sorted() {
            let path = parent.appendingPathComponent(sibling)
            if sibling.hasPrefix(".\(name).old-") {
                if !manager.fileExists(atPath: target.path), manager.fileExists(atPath: path.appendingPathComponent(marker).path) {
                    _ = rename(path.path, target.path)
                } else {
                    try? manager.removeItem(at: path)
                }
            } else if sibling.hasPrefix(".\(name).tmp-") {
                let modified = (try? manager.attributesOfItem(atPath: path.path)[.modificationDate]) as? Date
                if let modified, Date().timeIntervalSince(modified) > 3_600 { try? manager.removeItem(at: path) }
            }
        }
    }

    /// Refuses to replace a folder that is not empty and holds no earlier report.
    static func checkTarget(_ directory: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw ChatMineError("\(directory) exists and is not a folder", hint: "give --out a folder name")
        }
        let entries = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
        if !entries.isEmpty, !entries.contains(marker) {
            throw ChatMineError("\(directory) is not empty and holds no earlier chatmine report", hint: "give --out a new or empty folder; a report folder is replaced as a whole")
        }
    }

    /// Puts the staged folder at `target`: the old report is moved aside, the new one renamed
    /// in, then the old one removed (a reader sees the old or the new report, never half of one).
    private static func swap(staging: URL, into target: URL) throws {
        let manager = FileManager.default
        let aside = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).old-\(UUID().uuidString.prefix(8))")
        let hadOld = manager.fileExists(atPath: target.path)
        if hadOld {
            guard rename(target.path, aside.path) == 0 else {
                throw ChatMineError("cannot move the earlier report at \(target.path) aside (errno \(errno))", hint: "check the folder's permissions")
            }
        }
        guard rename(staging.path, target.path) == 0 else {
            let code = errno
            if hadOld { _ = rename(aside.path, target.path) }
            throw ChatMineError("cannot put the report at \(target.path) (errno \(code))", hint: "check the folder's permissions")
        }
        if hadOld { try? manager.removeItem(at: aside) }
    }
}
