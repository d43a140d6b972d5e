import Foundation

/// `chatmine demo`: the whole pipeline on the fixtures built into the binary plus a few thousand
/// synthetic conversations from the generator, in a folder of its own, so a first-time user
/// sees every stage work (ingest, score, cluster, metrics, report, export) without data of their own.
public struct Demo {
    /// The folder the demo writes into.
    public let folder: String
    /// Whether to print progress lines.
    public let quiet: Bool
    /// Synthetic conversations added to the fixtures (0 for the fixtures alone).
    public var syntheticConversations = 3000
    /// The generator's seed (the same seed gives the same demo).
    public var seed: UInt64 = 7

    /// Creates a demo writing into `folder`.
    public init(folder: String, quiet: Bool) {
        self.folder = folder
        self.quiet = quiet
    }

    /// What the demo produced.
    public struct Outcome: Sendable {
        /// The store.
        public var database: String
        /// The folder of input logs.
        public var logs: String
        /// What the ingest did.
        public var ingest: IngestSummary
        /// The report's index.html.
        public var report: String
        /// The training export (Rasa nlu.yml).
        public var training: String
        /// One line per stage, for the terminal.
        public var lines: [String]
    }

    /// Runs the demo, replacing an earlier demo in the same folder.
    public func run() throws -> Outcome {
        let manager = FileManager.default
        let logs = path("logs")
        let database = path("chatmine.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? manager.removeItem(atPath: database + suffix) }
        try? manager.removeItem(atPath: logs)
        try manager.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let fixtures = try writeFixtures(into: logs)
        var lines = ["wrote \(fixtures) fixture logs to \(logs)"]
        if syntheticConversations > 0 {
            // Four weeks ending with the fixtures' days, so trends and week-on-week changes have data.
            let start = GeneratorOptions.defaultStart - 22 * 86_400_000
            let options = GeneratorOptions(conversations: syntheticConversations, seed: seed, language: .english,
                                           startMillis: start, days: 28, unknownShare: 0.15)
            let sink = try ByteSink.file((logs as NSString).appendingPathComponent("synthetic.jsonl"))
            let generated = try SyntheticLogGenerator(options: options).write(to: sink)
            try sink.flush()
            lines.append("generated \(generated.conversations) synthetic conversations (\(generated.messages) messages, seed \(seed))")
        }

        let db = try Database(path: database)
        var ingestOptions = IngestOptions()
        ingestOptions.showProgress = false
        // The rejects fixture is bad on purpose; the demo shows the rejects, it does not fail on them.
        ingestOptions.maxRejectRate = 1
        let summary = try Ingestor(db: db, options: ingestOptions).ingest([logs])
        lines.append(summary.line)

        let scorer = SentimentScorer(lexicon: try SentimentLexicon.load(path: nil, mode: .extend))
        let scored = try SentimentStore(database: db, scorer: scorer).run()
        lines.append("scored the sentiment of \(scored.turnsScored) messages in \(scored.conversationsUpdated) conversations")

        let clustering = try ClusterRun(db: db, discovery: IntentDiscovery(embedder: TFIDFEmbedder())).run(since: nil, until: nil)
        lines.append("clustered \(clustering.candidates) unrecognised utterances into \(clustering.clusters.count) suggested intents")

        let rules = try OutcomeEngine.resolveRules(db: db, path: nil)
        let metrics = try MetricsRunner.run(db: db, rules: rules, request: MetricsRequest(kpis: ["containment_rate", "resolution_rate", "escalation_rate"]))
        let headline = metrics.rows.map { "\($0.kpi.replacingOccurrences(of: "_rate", with: "")) \(ReportFormat.percent($0.value))" }
        lines.append("metrics over \(metrics.conversations) conversations: " + headline.joined(separator: ", "))

        let report = try ReportWriter(db: db, options: ReportOptions(title: "chatmine demo report")).write(to: path("report"))
        lines.append(report.line)

        let training = path("training/nlu.yml")
        let exported = try TrainingExporter(db: db, options: ExportOptions(format: .rasa, includeTraffic: true, trafficPerIntent: 50))
            .export(to: training)
        lines.append(exported.line)
        lines.append("open \(report.indexPath) in a browser; review suggestions with 'chatmine suggestions list --db \(database)'")
        return Outcome(database: database, logs: logs, ingest: summary, report: report.indexPath, training: training, lines: lines)
    }

    private func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

    /// Writes the generic fixtures built into the binary; returns how many files.
    private func writeFixtures(into logs: String) throws -> Int {
        var count = 0
        for (name, text) in EmbeddedResources.files.sorted(by: { $0.key < $1.key }) where name.hasPrefix("fixtures/") {
            let relative = String(name.dropFirst("fixtures/".count))
            let ext = (relative as NSString).pathExtension.lowercased()
            // Expected-result files sit beside the logs they describe; they are not logs.
            let base = (relative as NSString).lastPathComponent.lowercased()
            guard InputPaths.extensions.contains(ext), ext != "txt", !base.hasPrefix("expected") else { continue }
            let target = (logs as NSString).appendingPathComponent(relative)
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: target))
            count += 1
        }
        return count
    }
}
