import Foundation

/// The outcome of `chatmine cluster`: the run's totals and its clusters, best gain first.
public struct ClusterRunSummary: Sendable, Codable {
    /// Row id in `cluster_runs`.
    public var runID: Int64
    /// Candidate utterances (turns the bot did not understand) in the window.
    public var candidates: Int
    /// Distinct candidate texts after normalisation.
    public var distinctTexts: Int
    /// Utterances in a cluster, and left as noise.
    public var clustered: Int
    public var noise: Int
    /// The k the clustering ran with.
    public var chosenK: Int
    /// The embedder used.
    public var embedder: String
    /// Wall-clock seconds.
    public var seconds: Double
    /// Clusters, ranked by gain.
    public var clusters: [ClusterSummary]
    /// Lineage ids of clusters of the previous run that found no successor.
    public var gone: [String]
}

/// `chatmine cluster`: intent discovery over the store's unrecognised user turns, with lineage,
/// nearest known intents and ranked suggestions, all written back to the store.
public struct ClusterRun {
    /// The store.
    public let db: Database
    /// The discovery pipeline (any embedder).
    public var discovery: IntentDiscovery
    /// A cluster this similar to a known intent (and ahead of the runner-up by `addMargin`)
    /// becomes "add these phrases to it".
    public var addSimilarity: Float = 0.72
    public var addMargin: Float = 0.05

    /// Creates a run over `db`.
    public init(db: Database, discovery: IntentDiscovery) {
        self.db = db
        self.discovery = discovery
    }

    /// Clusters the candidates in `[since, until)` (epoch ms), stores and returns the result.
    public func run(since: Int64?, until: Int64?) throws -> ClusterRunSummary {
        let start = DispatchTime.now().uptimeNanoseconds
        let source = CandidateSource(db: db)
        let store = ClusterStore(db: db)
        let candidates = try source.candidates(since: since, until: until)
        let previous = try store.livingLineages()
        var summaries: [ClusterSummary] = []
        var centroids: [[Float]] = []
        var members: [[(Int64, Float)]] = []
        var gone = previous
        var chosenK = 0, distinct = 0, noise = candidates.count
        var embedderName = discovery.embedder.name
        if candidates.count >= 2 {
            let pipeline = discovery
            let result = try pipeline.discover(candidates.map(\.text), contexts: candidates.map(\.conversationID), previousClusters: previous.map(\.phrases))
            embedderName = result.embedderName
            chosenK = result.outcome.chosenK
            distinct = result.groups.count
            noise = result.itemLabels.filter { $0 < 0 }.count
            let profiles = ClusterProfile.build(result)
            let d = result.embeddings.columns
            centroids = (0..<result.outcome.clusters).map { Array(result.outcome.centroids[($0 * d)..<(($0 + 1) * d)]) }
            members = profiles.map { profile in
                profile.groups.flatMap { g in result.groups[g].members.map { (candidates[$0].turnID, result.outcome.similarities[g]) } }
            }
            // Lineage: earlier clusters' phrases embedded into tonight's space.
            let previousCandidates = try previous.map { stored in
                try Self.lineageCandidate(stored, model: result.model, centroids: result.outcome.centroids, clusters: centroids.count)
            }
            let currentCandidates = (0..<centroids.count).map { c in
                LineageCandidate(centroid: centroids[c], members: Set(members[c].map(\.0)), size: profiles[c].size)
            }
            let matches = ClusterLineage().match(current: currentCandidates, previous: previousCandidates)
            let matchedPrevious = Set(matches.compactMap { $0?.previous })
            gone = previous.enumerated().filter { !matchedPrevious.contains($0.offset) }.map(\.element)
            let references = try Self.intentCentroids(source.referenceIntents(since: since, until: until), with: result.model)
            let outcomes = try source.conversationOutcomes(since: since, until: until)
            var fallbackTurns: [Int64: Int] = [:]
            for candidate in candidates { fallbackTurns[candidate.conversationID, default: 0] += 1 }
            let terms = ClusterTerms(groups: result.groups, labels: result.outcome.labels, clusters: result.outcome.clusters)
            var nextNumber = try store.nextLineageNumber()
            var usedNames = Set<String>()
            for (c, profile) in profiles.enumerated() {
                let top = terms.top(c)
                var lineageID: String
                var name: String
                var previousSize: Int?
                if let match = matches[c] {
                    lineageID = previous[match.previous].lineageID
                    name = previous[match.previous].name
                    previousSize = previous[match.previous].size
                } else {
                    lineageID = String(format: "C%05d", nextNumber)
                    nextNumber += 1
                    name = ClusterTerms.name(from: top)
                }
                var unique = name, suffix = 2
                while usedNames.contains(unique) { unique = "\(name)_\(suffix)"; suffix += 1 }
                usedNames.insert(unique)
                name = unique
                let conversations = Set(profile.groups.flatMap { g in result.groups[g].members.map { candidates[$0].conversationID } })
                let escalated = conversations.filter { outcomes.escalated.contains($0) }.count
                let userTurns = conversations.reduce(0) { $0 + max(outcomes.userTurns[$1] ?? 0, fallbackTurns[$1] ?? 0) }
                let fallbacks = conversations.reduce(0) { $0 + (fallbackTurns[$1] ?? 0) }
                let escalationRate = conversations.isEmpty ? 0 : Double(escalated) / Double(conversations.count)
                let fallbackRate = userTurns == 0 ? 0 : Double(fallbacks) / Double(userTurns)
                let nearest = Self.nearest(centroids[c], references)
                let add = nearest.map { $0.similarity >= addSimilarity && $0.margin >= addMargin } ?? false
                let examples = Self.exampleConversations(profile, result: result, candidates: candidates)
                summaries.append(ClusterSummary(
                    lineageID: lineageID, name: name, topTerms: top,
                    phrases: profile.representatives.map { result.groups[$0].text }, exampleConversations: examples,
                    size: profile.size, distinctTexts: profile.groups.count,
                    share: Double(profile.size) / Double(candidates.count), cohesion: profile.cohesion,
                    trend: ClusterTrend.between(previous: Self.comparableSize(previousSize, window: matches[c].map { previous[$0.previous].windowMilliseconds } ?? nil,
                                                                         current: since.flatMap { s in until.map { $0 - s } }),
                                                current: profile.size),
                    previousSize: previousSize,
                    matchedSimilarity: matches[c].map { Double($0.similarity) }, matchedOverlap: matches[c].map { Double($0.overlap) },
                    nearestIntent: nearest?.intent, similarity: nearest.map { Double($0.similarity) },
                    margin: nearest.map { Double($0.margin) }, recommendation: add ? "add_phrases" : "new_intent",
                    conversations: conversations.count, escalationRate: escalationRate, fallbackRate: fallbackRate,
                    gain: Double(profile.size) * max(escalationRate, fallbackRate), rank: 0))
            }
            let order = summaries.indices.sorted { summaries[$0].gain != summaries[$1].gain ? summaries[$0].gain > summaries[$1].gain : $0 < $1 }
            for (position, index) in order.enumerated() { summaries[index].rank = position + 1 }
            summaries = order.map { summaries[$0] }
            centroids = order.map { centroids[$0] }
            members = order.map { members[$0] }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let record = ClusterStore.RunRecord(
            since: since, until: until, embedder: embedderName, settings: discovery.settings, chosenK: chosenK,
            candidates: candidates.count, distinctTexts: distinct, clustered: candidates.count - noise, noise: noise,
            seconds: seconds, clusters: summaries, centroids: centroids, members: members, gone: gone)
        let runID = try store.write(record)
        return ClusterRunSummary(runID: runID, candidates: candidates.count, distinctTexts: distinct,
                                 clustered: candidates.count - noise, noise: noise, chosenK: chosenK, embedder: embedderName,
                                 seconds: seconds, clusters: summaries, gone: gone.map(\.lineageID))
    }

    /// The previous size scaled to the current window's length when both windows are known, so
    /// a 4-day window is not "growing" against a 3-day one just for being longer.
    static func comparableSize(_ size: Int?, window previous: Int64?, current: Int64?) -> Int? {
        guard let size, let previous, let current, previous > 0, current > 0 else { return size }
        return Int((Double(size) * Double(current) / Double(previous)).rounded())
    }

    /// Up to five conversations (external ids) of the cluster's most representative members.
    static func exampleConversations(_ profile: ClusterProfile, result: DiscoveryResult, candidates: [CandidateTurn]) -> [String] {
        var seen: [String] = []
        let ordered = profile.representatives + profile.groups
        for g in ordered {
            for member in result.groups[g].members {
                let id = candidates[member].conversationExternalID
                if !seen.contains(id) { seen.append(id) }
                if seen.count >= 5 { return seen }
            }
        }
        return seen
    }

    /// An earlier cluster in tonight's space: its phrases embedded with tonight's model give
    /// its centroid and, phrase by phrase, votes for the nearest current cluster.
    static func lineageCandidate(_ stored: StoredCluster, model: any Embedder, centroids: [Float], clusters: Int) throws -> LineageCandidate {
        let known = IntentDiscovery.knownPhrases(stored.phrases, model: model)
        guard let centroid = try IntentDiscovery.centroid(of: stored.phrases, with: model), clusters > 0 else {
            return LineageCandidate(centroid: [], members: stored.members, size: stored.size)
        }
        let matrix = try model.embed(known)
        let (nearest, similarity) = SphericalKMeans.assign(matrix, centroids: centroids, k: clusters)
        var votes: [Int: Float] = [:]
        for (i, c) in nearest.enumerated() where similarity[i] >= 0.3 { votes[Int(c), default: 0] += 1 / Float(stored.phrases.count) }
        return LineageCandidate(centroid: centroid, members: stored.members, size: stored.size, phraseVotes: votes)
    }

    /// Centroids of the known intents, by name.
    static func intentCentroids(_ references: [String: [String]], with model: any Embedder) throws -> [(String, [Float])] {
        try references.keys.sorted().compactMap { name in
            try IntentDiscovery.centroid(of: references[name] ?? [], with: model).map { (name, $0) }
        }
    }

    /// The most similar known intent and its margin over the runner-up.
    static func nearest(_ centroid: [Float], _ intents: [(String, [Float])]) -> (intent: String, similarity: Float, margin: Float)? {
        let scored = intents.map { ($0.0, ClusterLineage.cosine(centroid, $0.1)) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        guard let best = scored.first else { return nil }
        let second = scored.count > 1 ? scored[1].1 : 0
        return (best.0, best.1, best.1 - second)
    }
}
