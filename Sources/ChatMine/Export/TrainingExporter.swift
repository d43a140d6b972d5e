import Foundation

/// `chatmine export training`: retraining data from reviewed suggestions (accepted: a new intent;
/// merged: phrases for an existing one) and, optionally, confidently labelled production
/// utterances. Duplicates are folded; colliding phrases are held back and listed.
public struct TrainingExporter {
    /// The store.
    public let db: Database
    /// What to export.
    public let options: ExportOptions

    /// Creates an exporter.
    public init(db: Database, options: ExportOptions) {
        self.db = db
        self.options = options
    }

    /// The export as text and its summary, without writing anything.
    public func render() throws -> (text: String, summary: ExportSummary) {
        let source = TrainingExamples(db: db, options: options)
        let collected = try source.collect()
        let (folded, duplicates) = TrainingExamples.fold(collected.examples)
        let (kept, held) = try TrainingCollisions(margin: options.collisionMargin).split(folded)
        let summary = ExportSummary(examples: kept.count, intents: Set(kept.map(\.intent)).count, suggestions: collected.suggestions,
                                    fromTraffic: kept.filter { $0.source == "traffic" }.count, duplicatesFolded: duplicates,
                                    heldBack: held, outputPath: nil, collisionsPath: nil)
        return (TrainingWriters.render(kept, as: options.format), summary)
    }

    /// Writes the export to `path` (nil or "-": stdout) and the collisions file beside it.
    public func export(to path: String?) throws -> ExportSummary {
        var (text, summary) = try render()
        let toFile = path.map { $0 != "-" } ?? false
        if toFile, let path {
            try Self.write(text, to: path)
            summary.outputPath = path
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        let collisions = options.collisionsPath ?? (toFile ? path.map { Self.collisionsPath(beside: $0) } : nil)
        if let collisions {
            try Self.write(TrainingCollisions.csv(summary.heldBack), to: collisions)
            summary.collisionsPath = collisions
        }
        return summary
    }

    /// `nlu.yml` → `nlu.collisions.csv`.
    static func collisionsPath(beside path: String) -> String {
        let base = (path as NSString).deletingPathExtension
        return base + ".collisions.csv"
    }

    private static func write(_ text: String, to path: String) throws {
        do {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ChatMineError("cannot write \(path): \(error.localizedDescription)", hint: "choose a writable --out path")
        }
    }
}
