@preconcurrency import Glibc
import Foundation

/// The last two stages of nightly, the HTML report and the retraining export, as functions that
/// write a folder and return their counts. Each replaces its folder as a whole, so readers never
/// see half of it: the report through `ReportWriter`'s own staging folder and swap, the export
/// through `AtomicFolder`.
public struct NightlyPublishers {
    /// Writes the report of `window` (nil: the whole store) at the folder; returns counts.
    public typealias Report = (_ db: Database, _ window: NightlyWindow?, _ options: NightlyOptions, _ folder: String) throws -> [(String, Int)]
    /// Writes the retraining export at the folder; returns counts.
    public typealias Export = (_ db: Database, _ options: NightlyOptions, _ folder: String) throws -> [(String, Int)]

    /// nil: the report stage is skipped with a note.
    public var report: Report?
    /// nil: the export stage is skipped with a note.
    public var export: Export?

    /// Publishers from the given functions.
    public init(report: Report?, export: Export?) {
        self.report = report
        self.export = export
    }

    /// The report (`ReportWriter`) and export (`TrainingExporter`) built into this binary.
    public static var builtIn: NightlyPublishers {
        NightlyPublishers(report: writeReport, export: exportTraining)
    }

    /// `index.html` and its CSV files for the window, via `ReportWriter`.
    static func writeReport(db: Database, window: NightlyWindow?, options: NightlyOptions, folder: String) throws -> [(String, Int)] {
        let report = ReportOptions(since: window?.since, until: window?.until, zone: try LocalTime(identifier: options.timeZone),
                                   rulesPath: options.rulesPath)
        let written = try ReportWriter(db: db, options: report).write(to: folder)
        return [("conversations", written.conversations), ("csv_files", written.csvFiles.count), ("html_kib", written.htmlBytes / 1024)]
    }

    /// The retraining file (`nlu.yml`, `training.csv` or `training.jsonl`) and its collisions
    /// list, via `TrainingExporter`, in a folder replaced as a whole.
    static func exportTraining(db: Database, options: NightlyOptions, folder: String) throws -> [(String, Int)] {
        let format = TrainingFormat(rawValue: options.exportFormat) ?? .rasa
        let name = format == .rasa ? "nlu.yml" : "training.\(format.rawValue)"
        let exported = try AtomicFolder.write(folder) { staging in
            try TrainingExporter(db: db, options: ExportOptions(format: format)).export(to: (staging as NSString).appendingPathComponent(name))
        }
        return [("phrases", exported.examples), ("intents", exported.intents), ("held_back", exported.heldBack.count)]
    }
}

/// Writes a folder all at once: into `NAME.tmp-PID` beside it, then renamed over `NAME`.
/// A run killed while writing leaves only a temporary folder, removed by the next run; a run
/// killed between the two renames leaves `NAME.old-PID`, put back by the next run.
public enum AtomicFolder {
    /// Runs `body` on a fresh temporary folder, then puts it in place of `path`.
    public static func write<T>(_ path: String, _ body: (String) throws -> T) throws -> T {
        let manager = FileManager.default
        let parent = (path as NSString).deletingLastPathComponent
        try manager.createDirectory(atPath: parent.isEmpty ? "." : parent, withIntermediateDirectories: true)
        try recover(path)
        let temporary = "\(path).tmp-\(getpid())"
        try? manager.removeItem(atPath: temporary)
        try manager.createDirectory(atPath: temporary, withIntermediateDirectories: false)
        let result: T
        do {
            result = try body(temporary)
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw error
        }
        let old = "\(path).old-\(getpid())"
        let hadOld = manager.fileExists(atPath: path)
        if hadOld { try rename(path, old) }
        try rename(temporary, path)
        if hadOld { try? manager.removeItem(atPath: old) }
        return result
    }

    /// Cleans up after an interrupted write: stale temporary folders go, an orphaned old copy
    /// comes back when the folder itself is missing.
    static func recover(_ path: String) throws {
        let manager = FileManager.default
        let parent = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let siblings = (try? manager.contentsOfDirectory(atPath: parent.isEmpty ? "." : parent)) ?? []
        for sibling in siblings.sorted() where sibling.hasPrefix(name + ".tmp-") || sibling.hasPrefix(name + ".old-") {
            let full = (parent as NSString).appendingPathComponent(sibling)
            if sibling.hasPrefix(name + ".old-") && !manager.fileExists(atPath: path) {
                try rename(full, path)
            } else {
                try? manager.removeItem(atPath: full)
            }
        }
    }

    private static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else {
            throw ChatMineError("cannot rename \(from) to \(to): \(String(cString: strerror(errno)))")
        }
    }
}
