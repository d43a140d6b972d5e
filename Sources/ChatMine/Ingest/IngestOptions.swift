/// How `chatmine ingest` reads its input.
public struct IngestOptions: Sendable {
    /// "auto" or a format name from `LogFormats`.
    public var format: String = "auto"
    public var context = ReaderContext()
    /// Applied to every turn's text before it is stored (PII redaction).
    public var textTransform: (@Sendable (String) -> String)?
    /// Above this share of rejected records the run ends with exit code 2.
    public var maxRejectRate: Double = 0.05
    /// Show a progress bar on a terminal.
    public var showProgress = true

    public init() {}
}

/// What one ingest run did.
public struct IngestSummary: Sendable {
    public var files = 0
    /// Files already fully ingested, skipped unchanged.
    public var unchangedFiles = 0
    /// Files that grew since the last ingest and were read from where it stopped.
    public var resumedFiles = 0
    public var turns = 0
    public var events = 0
    /// Records already in the store (same key and content), skipped.
    public var duplicates = 0
    public var rejects = 0
    public var bytes: Int64 = 0
    public var seconds = 0.0
    /// Notes worth showing (an incomplete last record left for later).
    public var notes: [String] = []
    /// Formats recognised, per file.
    public var formats: [String: Int] = [:]

    /// Records this run looked at: stored, duplicates and rejects.
    public var recordsSeen: Int { turns + events + duplicates + rejects }

    /// Rejected share of the records this run looked at.
    public var rejectRate: Double {
        recordsSeen == 0 ? 0 : Double(rejects) / Double(recordsSeen)
    }

    /// One human line.
    public var line: String {
        let mb = Double(bytes) / 1_048_576
        var text = "ingested \(files) file\(files == 1 ? "" : "s")"
        if unchangedFiles > 0 { text += " (\(unchangedFiles) unchanged)" }
        text += ": \(turns) turns, \(events) events"
        if duplicates > 0 { text += ", \(duplicates) already stored" }
        text += ", \(rejects) rejected"
        if rejects > 0 { text += String(format: " (%.2f%%)", rejectRate * 100) }
        text += String(format: " — %.1f MB in %.2f s", mb, seconds)
        return text
    }
}

import Foundation
