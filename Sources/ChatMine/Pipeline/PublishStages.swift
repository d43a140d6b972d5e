@preconcurrency import Glibc
import Foundation

/// The last two stages of nightly, the HTML report and the retraining export, as functions that
/// write into a folder and return their counts. Nightly calls them with a fresh temporary folder
/// and renames it into place afterwards, so readers never see a half-written report.
public struct NightlyPublishers {
    /// Writes the report of `window` (nil: the whole store) into the folder; returns counts.
    public typealias Report = (_ db: Database, _ window: NightlyWindow?, _ options: NightlyOptions, _ folder: String) throws -> [(String, Int)]
    /// Writes the retraining export into the folder; returns counts.
    public typealias Export = (_ db: Database, _ options: NightlyOptions, _ folder: String) throws -> [(String, Int)]

    /// nil: the stage is skipped with a note.
    public var report: Report?
    public var export: Export?

    /// Publishers from the given functions.
    public init(report: Report?, export: Export?) {
        self.report = report
        self.export = export
    }

    // SEAM(report): the report branch's `ReportWriter(db:options:).write(to:)` and
    // `TrainingExporter(db:options:).export(to:)` are not in this build yet. Until they are,
    // nightly logs "report skipped" / "export skipped" and still runs every other stage.
    // Wiring them in means filling these two closures; `NightlyPublishTests` covers the seam.
    /// The report and export built into this binary.
    public static var builtIn: NightlyPublishers {
        NightlyPublishers(report: nil, export: nil)
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
