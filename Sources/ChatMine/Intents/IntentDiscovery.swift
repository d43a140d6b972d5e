import Foundation

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
    /// Groups `0..<heldGroups` have a row in `embeddings`; the rest (beyond
    /// `IntentDiscovery.maximumHeldTexts`) were embedded in batches, assigned and let go.
    public var heldGroups: Int { embeddings.rows }
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
    /// How strongly an utterance is pulled towards the others of its context (0 = not at all).
    public var contextWeight: Float = 1
    /// At most this many distinct utterances (the most frequent) keep their vectors and are
    /// clustered; the others are embedded in batches and assigned to the clusters found, so
    /// memory stays bounded however many distinct utterances come in.
    public var maximumHeldTexts = 100_000

    /// Creates a pipeline around `embedder`.
    public init(embedder: any Embedder, settings: ClusteringSettings = ClusteringSettings()) {
        self.embedder = embedder
        self.settings = settings
    }

    /// Clusters `texts`; `previousClusters` (phrases of each earlier cluster) seed the clustering
    /// so that clusters stay put from run to run.
    /// `contexts` (one id per text, e.g. its conversation) lets a vocabulary model learn from
    /// texts that occur together: users rephrase a request the bot did not understand.
    public func discover(_ texts: [String], contexts: [Int64]? = nil, previousClusters: [[String]] = []) throws -> DiscoveryResult {
        var trace = DiscoveryTrace()
        var groups = Self.fold(texts)
        if groups.count > maximumHeldTexts { groups = Self.heldFirst(groups, held: maximumHeldTexts, seed: settings.seed).groups }
        let heldCount = min(groups.count, maximumHeldTexts)
        trace.mark("fold \(texts.count) → \(groups.count), \(heldCount) held")
        let representatives = groups[0..<heldCount].map(\.text)
        var model = embedder
        if let fitting = embedder as? any FittingEmbedder {
            var generator = SeededGenerator(seed: settings.seed ^ 0xe3bed)
            let sample = ClusterCountSelection.sampleIndices(heldCount, size: embedderFitSize, generator: &generator)
            let fitTexts = sample.map { representatives[$0] }
            if let tfidf = embedder as? TFIDFEmbedder, let contexts {
                let documents = Self.contextDocuments(groups: groups, contexts: contexts, limit: embedderFitSize)
                model = tfidf.fit(fitTexts, contextDocuments: documents)
            } else if let combined = embedder as? CombinedEmbedder, let contexts {
                let documents = Self.contextDocuments(groups: groups, contexts: contexts, limit: embedderFitSize)
                model = try combined.fit(fitTexts, contextDocuments: documents)
            } else {
                model = try fitting.fitted(to: fitTexts)
            }
        }
        trace.mark("fit \(model.name)")
        var embeddings = try Self.embedInBatches(representatives, with: model)
        if let contexts { Self.smooth(&embeddings, groups: groups, contexts: contexts, weight: contextWeight) }
        trace.mark("embed")
        let weights = groups[0..<heldCount].map { Float($0.count) }
        var seeds: [Float] = []
        for phrases in previousClusters {
            if let centroid = try Self.centroid(of: phrases, with: model) { seeds.append(contentsOf: centroid) }
        }
        var clustering = settings
        if clustering.preferredK == nil && !seeds.isEmpty && embeddings.columns > 0 {
            clustering.preferredK = seeds.count / embeddings.columns
        }
        var outcome = IntentClusterer(settings: clustering).cluster(embeddings, weights: weights, initialCentroids: seeds)
        trace.mark("cluster k=\(outcome.chosenK)")
        if heldCount < groups.count {
            try assignOverflow(&outcome, groups: groups, held: embeddings, model: model, contexts: contexts)
            trace.mark("assign \(groups.count - heldCount) more")
        }
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
        let norm = sum.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { VectorMath.normalize($0, buffer.count) } ?? 0
        }
        return norm > 0 ? sum : nil
    }

    /// The phrases a vocabulary model covers at least half of (all of them for other models).
    static func knownPhrases(_ phrases: [String], model: any Embedder) -> [String] {
        guard let reporting = model as? any CoverageReporting else { return phrases }
        let coverage = reporting.coverage(phrases)
        return phrases.indices.filter { coverage[$0] >= 0.5 }.map { phrases[$0] }
    }

    /// Pulls each utterance towards the other utterances of its contexts: v + w · mean(others),
    /// renormalised. Utterances alone in their context are unchanged. Only the groups with a
    /// row in `embeddings` (the first `embeddings.rows`) take part.
    static func smooth(_ embeddings: inout EmbeddingMatrix, groups: [UtteranceGroup], contexts: [Int64], weight: Float) {
        guard weight > 0 else { return }
        let d = embeddings.columns
        var groupOf = [Int](repeating: -1, count: contexts.count)
        for (g, group) in groups.prefix(embeddings.rows).enumerated() { for member in group.members { groupOf[member] = g } }
        var byContext: [Int64: [Int]] = [:]
        for (item, context) in contexts.enumerated() where groupOf[item] >= 0 { byContext[context, default: []].append(groupOf[item]) }
        var neighbours: [Int: [Int]] = [:]
        // Contexts in a fixed order, so sums (and clusters) do not depend on hash seeding.
        for context in byContext.keys.sorted() {
            guard let list = byContext[context], list.count > 1 else { continue }
            for g in list { for h in list where h != g { neighbours[g, default: []].append(h) } }
        }
        let original = embeddings.values
        for (g, list) in neighbours {
            var sum = [Float](repeating: 0, count: d)
            for h in list { for j in 0..<d { sum[j] += original[h * d + j] } }
            let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { continue }
            for j in 0..<d { embeddings.values[g * d + j] = original[g * d + j] + weight * sum[j] / norm }
            embeddings.values.withUnsafeMutableBufferPointer { buffer in
                if let base = buffer.baseAddress { VectorMath.normalize(base + g * d, d) }
            }
        }
    }

    /// For each context (conversation) with two or more different utterances, their texts
    /// joined: at most `limit` documents, in order of first appearance.
    static func contextDocuments(groups: [UtteranceGroup], contexts: [Int64], limit: Int) -> [String] {
        var groupOf = [Int](repeating: 0, count: contexts.count)
        for (g, group) in groups.enumerated() { for member in group.members { groupOf[member] = g } }
        var order: [Int64] = []
        var members: [Int64: [Int]] = [:]
        for (item, context) in contexts.enumerated() {
            if members[context] == nil { order.append(context) }
            let g = groupOf[item]
            if members[context]?.contains(g) != true { members[context, default: []].append(g) }
        }
        var documents: [String] = []
        for context in order where documents.count < limit {
            guard let list = members[context], list.count >= 2 else { continue }
            documents.append(list.map { groups[$0].text }.joined(separator: "\n"))
        }
        return documents
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
