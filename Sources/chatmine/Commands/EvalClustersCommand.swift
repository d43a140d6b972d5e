import ChatMine
import Foundation

/// `chatmine eval clusters FILE`: clusters labelled utterances and prints NMI, ARI and ACC.
struct EvalClustersCommand: Command {
    static let spec = CommandSpec(
        name: "eval clusters",
        abstract: "Cluster labelled utterances and score the clusters against the labels.",
        discussion: """
        FILE is a CSV with a header (RFC 4180: quoted fields may span lines) or a JSON list of \
        objects such as SMP2020's [{"text", "domain", "intent"}]. Prints NMI, ARI and ACC (×100), \
        clusters found, the share left as noise and the seconds taken. Noise counts as one extra \
        cluster for NMI and ARI and as wrong for ACC (Hungarian one-to-one matching).
        """,
        arguments: [ArgumentSpec("file", help: "Labelled utterances (CSV or JSON list).")],
        options: [
            .option("text-column", value: "name", help: "Column (or JSON key) holding the text (default: text)."),
            .option("label-column", value: "name", help: "Column (or JSON key) holding the label (default: category)."),
            .option("k", value: "auto|N", help: "Number of clusters, or auto to choose it from the data (default: auto)."),
            .option("seed", value: "S", help: "Random seed (default: 42)."),
            .option("min-cluster-size", value: "N", help: "Smallest cluster kept (default: 3)."),
            ClusterOptions.embeddings,
            ClusterOptions.vectors,
            ClusterOptions.keywordWeight,
            .option("format", value: "table|json", help: "Output format (default: table)."),
        ])

    let file: String
    let textColumn: String
    let labelColumn: String
    let settings: ClusteringSettings
    let format: String
    let embeddings: String?
    let vectors: String?
    let keywordWeight: Float?

    init(_ arguments: ParsedArguments) throws {
        file = arguments.positionals[0]
        embeddings = arguments.value("embeddings")
        vectors = try arguments.choice("vectors", ["model", "combined"])
        keywordWeight = try ClusterOptions.keywordWeight(arguments)
        textColumn = arguments.value("text-column") ?? "text"
        labelColumn = arguments.value("label-column") ?? "category"
        settings = try ClusterOptions.settings(arguments)
        format = try arguments.choice("format", ["table", "json"]) ?? "table"
    }

    func run() throws -> Int32 {
        let discovery = IntentDiscovery(embedder: try ClusterOptions.embedder(embeddings, vectors: vectors, keywordWeight: keywordWeight), settings: settings)
        let report = try ClusterEvaluation(discovery: discovery).run(path: file, textColumn: textColumn, labelColumn: labelColumn)
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return 0
        }
        func percent(_ x: Double) -> String { String(format: "%.1f", x * 100) }
        print("file        \(report.file)")
        print("utterances  \(report.utterances) (\(report.distinctTexts) distinct, \(report.labels) labels)")
        print("embedder    \(report.embedder)")
        print("NMI         \(percent(report.scores.nmi))")
        print("ARI         \(percent(report.scores.ari))")
        print("ACC         \(percent(report.scores.accuracy))")
        print("clusters    \(report.clusters) (k chosen \(report.chosenK))")
        print("noise       \(percent(report.noiseShare))%")
        print("seconds     \(String(format: "%.2f", report.seconds))")
        print("note        \(report.noiseConvention)")
        return 0
    }
}

/// Options shared by `cluster` and `eval clusters`.
enum ClusterOptions {
    /// `--embeddings DIR`: a pretrained sentence-embedding model instead of the built-in TF-IDF.
    static let embeddings = OptionSpec.option(
        "embeddings", value: "dir",
        help: "A sentence-embedding model folder (WordLlama-style static or BERT/MiniLM) instead of the built-in TF-IDF.")

    /// The embedder named by `--embeddings`, or the built-in TF-IDF vectoriser.
    static func embedder(_ directory: String?, vectors: String? = nil, keywordWeight: Float? = nil) throws -> any Embedder {
        guard let directory else {
            if vectors != nil { throw UsageError("'--vectors' needs '--embeddings <dir>'") }
            return TFIDFEmbedder()
        }
        let model = try loadEmbedder(modelDirectory: directory)
        guard vectors == "combined" else { return model }
        return CombinedEmbedder(model: model, keywordWeight: keywordWeight ?? CombinedEmbedder.defaultKeywordWeight)
    }

    /// `--keyword-weight W`: the length of the keyword part against the model part.
    static let keywordWeight = OptionSpec.option(
        "keyword-weight", value: "W",
        help: "With --vectors combined: length of the keyword part against the model part (default: 0.5).")

    /// The value of `--keyword-weight`, checked: a number from 0 to 4, only with `--vectors combined`.
    static func keywordWeight(_ arguments: ParsedArguments) throws -> Float? {
        guard let text = arguments.value("keyword-weight") else { return nil }
        guard arguments.value("vectors") == "combined" else { throw UsageError("'--keyword-weight' needs '--vectors combined'") }
        guard let weight = Float(text), weight.isFinite, weight >= 0, weight <= 4 else {
            throw UsageError("Invalid value '\(text)' for '--keyword-weight': expected a number from 0 to 4")
        }
        return weight
    }

    /// `--vectors model|combined`: the model's vectors alone, or joined with TF-IDF keywords.
    static let vectors = OptionSpec.option(
        "vectors", value: "model|combined",
        help: "With --embeddings: the model's vectors alone, or combined with the built-in TF-IDF keyword vectors (default: model).")

    /// Clustering settings from `--k`, `--seed` and `--min-cluster-size`.
    static func settings(_ arguments: ParsedArguments) throws -> ClusteringSettings {
        var settings = ClusteringSettings()
        if let k = arguments.value("k"), k != "auto" {
            guard let value = Int(k), value >= 1 else { throw UsageError("Invalid value '\(k)' for '--k': expected auto or a positive integer") }
            settings.k = value
        }
        if let seed = try arguments.value("seed", as: "a non-negative integer", { UInt64($0) }) { settings.seed = seed }
        if let size = try arguments.int("min-cluster-size") {
            guard size >= 1 else { throw UsageError("Invalid value '\(size)' for '--min-cluster-size': expected a positive integer") }
            settings.minimumClusterSize = size
        }
        return settings
    }
}
