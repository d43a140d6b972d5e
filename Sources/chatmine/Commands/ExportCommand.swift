import ChatMine
import Foundation

/// `chatmine export training`: retraining data for the bot platform.
struct ExportTrainingCommand: Command {
    static let spec = CommandSpec(
        name: "export training",
        abstract: "Export training phrases: accepted suggestions, optionally confident traffic.",
        discussion: """
        Accepted suggestions become new intents, merged ones add phrases to their target; with
        --include-traffic, user utterances the NLU labelled with at least --min-confidence are
        added. Duplicates are folded; redaction placeholders ([EMAIL], [PHONE], …) are kept as
        they are. A phrase more similar to another intent than to its own (by --collision-margin)
        or present under two intents is held back and listed in FILE.collisions.csv.
        """,
        options: [
            .option("format", value: "rasa|csv|jsonl", help: "Rasa nlu.yml (default), CSV text,intent, or JSON lines."),
            .option("out", short: "o", value: "file", help: "Where to write (default stdout)."),
            .flag("include-traffic", help: "Also export confidently labelled production utterances."),
            .option("min-confidence", value: "p", help: "Confidence a labelled utterance needs (default 0.9)."),
            .option("per-intent", value: "n", help: "Most recent utterances per intent from traffic (default 500)."),
            .option("collision-margin", value: "m", help: "Similarity margin that holds a phrase back (default 0.1)."),
            .option("collisions", value: "file", help: "Where to list held-back phrases (default FILE.collisions.csv beside --out)."),
            CommonOptions.db,
            CommonOptions.quiet,
        ]
    )

    let databasePath: String?
    let out: String?
    let options: ExportOptions
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        databasePath = arguments.value("db")
        out = arguments.value("out")
        var options = ExportOptions()
        options.format = try arguments.choice("format", TrainingFormat.allCases.map(\.rawValue)).flatMap(TrainingFormat.init(rawValue:)) ?? .rasa
        options.includeTraffic = arguments.flag("include-traffic")
        if let confidence = try arguments.double("min-confidence") {
            guard (0...1).contains(confidence) else { throw UsageError("Invalid value '\(confidence)' for '--min-confidence': expected a number from 0 to 1") }
            if !options.includeTraffic { throw UsageError("'--min-confidence' applies to '--include-traffic', which was not given") }
            options.minConfidence = confidence
        }
        if let perIntent = try arguments.int("per-intent") {
            guard perIntent > 0 else { throw UsageError("Invalid value '\(perIntent)' for '--per-intent': expected a positive integer") }
            options.trafficPerIntent = perIntent
        }
        if let margin = try arguments.double("collision-margin") {
            guard (0...2).contains(margin) else { throw UsageError("Invalid value '\(margin)' for '--collision-margin': expected a number from 0 to 2") }
            options.collisionMargin = margin
        }
        options.collisionsPath = arguments.value("collisions")
        self.options = options
        quiet = arguments.flag("quiet")
    }

    func run() throws -> Int32 {
        let db = try StoreLocation.openExisting(databasePath)
        let summary = try StageRun.record(db, command: "export", counts: { [("phrases", $0.examples), ("intents", $0.intents)] }) { try TrainingExporter(db: db, options: options).export(to: out) }
        if !quiet {
            Terminal.error(summary.line)
            if summary.examples == 0 {
                Terminal.error("Note: nothing to export yet: accept suggestions ('chatmine suggestions accept ID') or add --include-traffic")
            }
        }
        return 0
    }
}
