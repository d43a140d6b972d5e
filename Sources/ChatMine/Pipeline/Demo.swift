import Foundation

/// `chatmine demo`: the whole pipeline on the fixtures built into the binary, in a folder of
/// its own, so a first-time user sees every stage work without any data of their own.
public struct Demo {
    /// The folder the demo writes into.
    public let folder: String
    /// Whether to print progress lines.
    public let quiet: Bool

    public init(folder: String, quiet: Bool) {
        self.folder = folder
        self.quiet = quiet
    }

    /// What the demo produced.
    public struct Outcome: Sendable {
        public var database: String
        public var logs: String
        public var ingest: IngestSummary
        public var lines: [String]
    }

    /// Runs the demo, replacing an earlier demo in the same folder.
    public func run() throws -> Outcome {
        let manager = FileManager.default
        let logs = (folder as NSString).appendingPathComponent("logs")
        let database = (folder as NSString).appendingPathComponent("chatmine.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? manager.removeItem(atPath: database + suffix) }
        try? manager.removeItem(atPath: logs)
        try manager.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let fixtures = try writeFixtures(into: logs)
        var lines = ["wrote \(fixtures) fixture logs to \(logs)"]

        let db = try Database(path: database)
        var options = IngestOptions()
        options.showProgress = false
        // The rejects fixture is bad on purpose; the demo shows the rejects, it does not fail on them.
        options.maxRejectRate = 1
        let summary = try Ingestor(db: db, options: options).ingest([logs])
        lines.append(summary.line)
        let conversations = try db.count("SELECT count(*) FROM conversations")
        let users = try db.count("SELECT count(DISTINCT user_id) FROM conversations")
        lines.append("the store \(database) holds \(conversations) conversations from \(users) users")
        return Outcome(database: database, logs: logs, ingest: summary, lines: lines)
    }

    /// Writes the generic fixtures built into the binary; returns how many files.
    private func writeFixtures(into logs: String) throws -> Int {
        var count = 0
        for (name, text) in EmbeddedResources.files.sorted(by: { $0.key < $1.key }) where name.hasPrefix("fixtures/") {
            let relative = String(name.dropFirst("fixtures/".count))
            let ext = (relative as NSString).pathExtension.lowercased()
            guard InputPaths.extensions.contains(ext), ext != "txt" else { continue }
            let target = (logs as NSString).appendingPathComponent(relative)
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: target))
            count += 1
        }
        return count
    }
}
