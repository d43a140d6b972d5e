/// Utterances that normalise to the same key, folded together with their count.
public struct UtteranceGroup: Sendable {
    /// The normalised key shared by the members.
    public var key: String
    /// The most frequent original wording (first seen on ties).
    public var text: String
    /// How many utterances fold into this group.
    public var count: Int
    /// Indices of the members in the input.
    public var members: [Int]
}

/// The result of discovering intents in a list of utterances.
public struct DiscoveryResult {
    /// Distinct utterances (after normalisation) with counts.
    public var groups: [UtteranceGroup]
    /// One embedding per group.
    public var embeddings: EmbeddingMatrix
    /// Clusters of the groups.
    public var outcome: ClusteringOutcome
    /// The cluster (or -1) of each input utterance.
    public var itemLabels: [Int]
    /// The embedder's name.
    public var embedderName: String
    /// The (fitted) embedder, for embedding reference phrases into the same space.
    public var model: any Embedder
}

/// Intent discovery over any `Embedder`: fold duplicates, embed the distinct utterances (a
/// fitting embedder is fitted on a sample first), cluster with a data-driven k and noise.
public struct IntentDiscovery {
    /// Turns utterances into vectors.
    public var embedder: any Embedder
    /// How to cluster.
    public var settings: ClusteringSettings
    /// Distinct utterances used to fit a fitting embedder (vocabulary, weights, projection).
    public var embedderFitSize = 20_000

    /// Creates a pipeline around `embedder`.
    public init(embedder: any Embedder, settings: ClusteringSettings = ClusteringSettings()) {
        self.embedder = embedder
        self.settings = settings
    }

    /// Clusters `texts`; `previousClusters` (phrases of each earlier cluster) seed the clustering
    /// so that clusters stay put from run to run.
    public func discover(_ texts: [String], previousClusters: [[String]] = []) throws -> DiscoveryResult {
        var trace = DiscoveryTrace()
        let groups = Self.fold(texts)
        trace.mark("fold \(texts.count) → \(groups.count)")
        let representatives = groups.map(\.text)
        var model = embedder
        if let fitting = embedder as? any FittingEmbedder {
            var generator = SeededGenerator(seed: settings.seed ^ 0xe3bed)
            let sample = ClusterCountSelection.sampleIndices(groups.count, size: embedderFitSize, generator: &generator)
            model = try fitting.fitted(to: sample.map { representatives[$0] })
        }
        trace.mark("fit \(model.name)")
        let embeddings = try Self.embedInBatches(representatives, with: model)
        trace.mark("embed")
        let weights = groups.map { Float($0.count) }
        var seeds: [Float] = []
        for phrases in previousClusters {
            if let centroid = try Self.centroid(of: phrases, with: model) { seeds.append(contentsOf: centroid) }
        }
        var clustering = settings
        if clustering.preferredK == nil && !seeds.isEmpty && embeddings.columns > 0 {
            clustering.preferredK = seeds.count / embeddings.columns
        }
        let outcome = IntentClusterer(settings: clustering).cluster(embeddings, weights: weights, initialCentroids: seeds)
        trace.mark("cluster k=\(outcome.chosenK)")
        var itemLabels = [Int](repeating: -1, count: texts.count)
        for (g, group) in groups.enumerated() {
            for member in group.members { itemLabels[member] = outcome.labels[g] }
        }
        return DiscoveryResult(groups: groups, embeddings: embeddings, outcome: outcome, itemLabels: itemLabels, embedderName: model.name, model: model)
    }

    /// The unit mean embedding of `phrases`, using only the phrases the model knows well
    /// (coverage ≥ 0.5); nil when fewer than a third of them qualify.
    static func centroid(of phrases: [String], with model: any Embedder) throws -> [Float]? {
        let known = knownPhrases(phrases, model: model)
        guard !known.isEmpty, known.count * 3 >= phrases.count else { return nil }
        let matrix = try model.embed(known)
        var sum = [Float](repeating: 0, count: matrix.columns)
        for r in 0..<matrix.rows { for j in 0..<matrix.columns { sum[j] += matrix.values[r * matrix.columns + j] } }
        let norm = sum.withUnsafeMutableBufferPointer { VectorMath.normalize($0.baseAddress.unsafelyUnwrapped, $0.count) }
        return norm > 0 ? sum : nil
    }

    /// The phrases a vocabulary model covers at least half of (all of them for other models).
    static func knownPhrases(_ phrases: [String], model: any Embedder) -> [String] {
        guard let reporting = model as? any CoverageReporting else { return phrases }
        let coverage = reporting.coverage(phrases)
        return phrases.indices.filter { coverage[$0] >= 0.5 }.map { phrases[$0] }
    }

    /// Embeds in batches so a fitted model's temporary sparse rows stay small.
    static func embedInBatches(_ texts: [String], with embedder: any Embedder, batch: Int = 50_000) throws -> EmbeddingMatrix {
        if texts.count <= batch { return try embedder.embed(texts) }
        var values: [Float] = []
        var columns = 0
        var start = 0
        while start < texts.count {
            let end = min(texts.count, start + batch)
            let part = try embedder.embed(Array(texts[start..<end]))
            columns = part.columns
            if values.isEmpty { values.reserveCapacity(texts.count * columns) }
            values.append(contentsOf: part.values)
            start = end
        }
        return EmbeddingMatrix(rows: texts.count, columns: columns, values: values)
    }

    /// Folds utterances with the same normalised key; groups keep first-seen order.
    public static func fold(_ texts: [String]) -> [UtteranceGroup] {
        let normalizer = TextNormalizer()
        let keys = Parallel.map(texts.count) { normalizer.key(texts[$0]) }
        var index: [String: Int] = [:]
        index.reserveCapacity(texts.count)
        var groups: [UtteranceGroup] = []
        // Wordings are tracked only for groups whose members are not all written alike.
        var wordings: [Int: [String: Int]] = [:]
        for (i, key) in keys.enumerated() {
            if let g = index[key] {
                groups[g].count += 1
                groups[g].members.append(i)
                if wordings[g] != nil {
                    wordings[g]?[texts[i], default: 0] += 1
                } else if texts[i] != groups[g].text {
                    wordings[g] = [groups[g].text: groups[g].count - 1, texts[i]: 1]
                }
            } else {
                index[key] = groups.count
                groups.append(UtteranceGroup(key: key, text: texts[i], count: 1, members: [i]))
            }
        }
        for (g, counts) in wordings {
            let best = counts.values.max() ?? 0
            if counts[groups[g].text] != best {
                groups[g].text = groups[g].members.lazy.map { texts[$0] }.first { counts[$0] == best } ?? groups[g].text
            }
        }
        return groups
    }
}
