import ChatMine
import Foundation

/// `chatmine cluster`: intent discovery over the user turns the bot did not understand.
struct ClusterCommand: Command {
    static let spec = CommandSpec(
        name: "cluster",
        abstract: "Cluster the utterances the bot did not understand into suggested intents.",
        discussion: """
        Candidates are user turns with no intent, a fallback intent, confidence under 0.5 or a \
        fallback event, in [--since, --until) (YYYY-MM-DD or ISO-8601, UTC). Clusters keep their \
        ids from run to run (new, growing, stable, shrinking, gone); suggestions are ranked by \
        projected gain: size × the escalation or fallback rate of their conversations.
        """,
        options: [
            .option("db", value: "path", help: "Database (default: $CHATMINE_DB or ./chatmine.sqlite)."),
            .option("since", value: "date", help: "First day or instant included (YYYY-MM-DD or ISO-8601)."),
            .option("until", value: "date", help: "First day or instant excluded."),
            .option("k", value: "auto|N", help: "Number of clusters, or auto to choose it from the data (default: auto)."),
            .option("seed", value: "S", help: "Random seed (default: 42)."),
            .option("min-cluster-size", value: "N", help: "Smallest cluster kept, counting repeats (default: 3)."),
            ClusterOptions.embeddings,
            ClusterOptions.vectors,
            ClusterOptions.keywordWeight,
            .option("format", value: "table|csv|json", help: "Output format (default: table)."),
            .flag("quiet", short: "q", help: "Print nothing on success."),
        ])

    let databasePath: String
    let since: Int64?
    let until: Int64?
    let settings: ClusteringSettings
    let format: String
    let quiet: Bool
    let embeddings: String?
    let vectors: String?
    let keywordWeight: Float?

    init(_ arguments: ParsedArguments) throws {
        embeddings = arguments.value("embeddings")
        vectors = try arguments.choice("vectors", ["model", "combined"])
        keywordWeight = try ClusterOptions.keywordWeight(arguments)
        databasePath = arguments.value("db") ?? ""
        since = try arguments.value("since", as: "YYYY-MM-DD or an ISO-8601 time", ClusterWindow.epochMilliseconds)
        until = try arguments.value("until", as: "YYYY-MM-DD or an ISO-8601 time", ClusterWindow.epochMilliseconds)
        if let since, let until, since >= until { throw UsageError("--since must be before --until") }
        settings = try ClusterOptions.settings(arguments)
        format = try arguments.choice("format", ["table", "csv", "json"]) ?? "table"
        quiet = arguments.flag("quiet")
    }

    func run() throws -> Int32 {
        let db = try StoreLocation.openExisting(databasePath.isEmpty ? nil : databasePath)
        let discovery = IntentDiscovery(embedder: try ClusterOptions.embedder(embeddings, vectors: vectors, keywordWeight: keywordWeight), settings: settings)
        let summary = try StageRun.record(db, command: "cluster", counts: { [("candidates", $0.candidates), ("clusters", $0.clusters.count), ("noise", $0.noise)] }) { try ClusterRun(db: db, discovery: discovery).run(since: since, until: until) }
        if quiet { return 0 }
        print(ClusterSummaryFormatter.render(summary, format: format), terminator: "")
        return 0
    }
}
