import Foundation

/// What `eval clusters` reports: agreement with the true labels and the shape of the result.
public struct ClusterEvaluationReport: Sendable, Codable {
    /// The file evaluated.
    public var file: String
    /// Utterances scored.
    public var utterances: Int
    /// Distinct utterances after normalisation.
    public var distinctTexts: Int
    /// Distinct true labels.
    public var labels: Int
    /// Clusters found (noise not counted).
    public var clusters: Int
    /// The k k-means ran with, before small clusters dissolved.
    public var chosenK: Int
    /// Share of utterances left as noise, 0–1.
    public var noiseShare: Double
    /// NMI, ARI and ACC.
    public var scores: ClusteringScores
    /// Wall-clock seconds for normalising, embedding and clustering.
    public var seconds: Double
    /// The embedder used.
    public var embedder: String
    /// How noise is scored.
    public var noiseConvention: String
}

/// Clusters labelled utterances and scores the clusters against the labels.
public struct ClusterEvaluation {
    /// The pipeline to evaluate.
    public var discovery: IntentDiscovery

    /// Creates an evaluation of `discovery`.
    public init(discovery: IntentDiscovery) {
        self.discovery = discovery
    }

    /// Loads, clusters and scores one labelled file.
    public func run(path: String, textColumn: String, labelColumn: String) throws -> ClusterEvaluationReport {
        let data = try LabelledUtterances.load(path: path, textColumn: textColumn, labelColumn: labelColumn)
        guard data.texts.count >= 2 else {
            throw ChatMineError("\(path) has fewer than two labelled utterances", hint: "check --text-column and --label-column")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try discovery.discover(data.texts)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let scores = ClusteringScores(predicted: result.itemLabels, truth: data.labels)
        let noise = result.itemLabels.filter { $0 < 0 }.count
        return ClusterEvaluationReport(
            file: path, utterances: data.texts.count, distinctTexts: result.groups.count, labels: Set(data.labels).count,
            clusters: result.outcome.clusters, chosenK: result.outcome.chosenK, noiseShare: Double(noise) / Double(data.texts.count),
            scores: scores, seconds: seconds, embedder: result.embedderName,
            noiseConvention: "noise is one extra cluster for NMI and ARI, and counted wrong for ACC")
    }
}
