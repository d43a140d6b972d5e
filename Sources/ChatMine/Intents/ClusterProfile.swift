/// What intent discovery says about one cluster.
public struct ClusterSummary: Sendable, Codable {
    /// Stable id across runs.
    public var lineageID: String
    /// Readable snake_case name.
    public var name: String
    /// Most distinctive terms, best first.
    public var topTerms: [String]
    /// Up to 20 representative, mutually distinct phrasings.
    public var phrases: [String]
    /// Conversations (external ids) that show the cluster.
    public var exampleConversations: [String]
    /// Utterances (turns) in the cluster.
    public var size: Int
    /// Distinct utterances after normalisation.
    public var distinctTexts: Int
    /// Share of all candidate utterances, 0–1.
    public var share: Double
    /// Mean cosine similarity of the members to the centroid.
    public var cohesion: Double
    /// Trend against the previous run.
    public var trend: ClusterTrend
    /// Size in the previous run, when matched.
    public var previousSize: Int?
    /// Evidence of the match to the previous run: centroid similarity and shared content.
    public var matchedSimilarity: Double?
    public var matchedOverlap: Double?
    /// The closest known intent, its similarity and the margin over the second closest.
    public var nearestIntent: String?
    public var similarity: Double?
    public var margin: Double?
    /// "add_phrases" (to `nearestIntent`) or "new_intent".
    public var recommendation: String
    /// Conversations the members come from, and their escalation and fallback rates.
    public var conversations: Int
    public var escalationRate: Double
    public var fallbackRate: Double
    /// Projected gain of acting on it: size × the higher of the two rates.
    public var gain: Double
    /// Position by gain, 1 = best.
    public var rank: Int
}

/// Per-cluster facts computed from the clustering: members, cohesion, representative phrases.
struct ClusterProfile {
    /// Group indices in the cluster.
    var groups: [Int]
    /// Utterances (counting duplicates).
    var size: Int
    /// Weighted mean similarity to the centroid.
    var cohesion: Double
    /// Representative phrases (group indices), best first.
    var representatives: [Int]

    /// Profiles of every cluster of `result`.
    static func build(_ result: DiscoveryResult, maximumPhrases: Int = 20) -> [ClusterProfile] {
        let outcome = result.outcome
        var members = [[Int]](repeating: [], count: outcome.clusters)
        for (g, label) in outcome.labels.enumerated() where label >= 0 { members[label].append(g) }
        let d = result.embeddings.columns
        return members.map { groups in
            let size = groups.reduce(0) { $0 + result.groups[$1].count }
            let cohesion = groups.reduce(0.0) { $0 + Double(outcome.similarities[$1]) * Double(result.groups[$1].count) } / Double(max(1, size))
            let ranked = groups.sorted { a, b in
                let sa = Double(outcome.similarities[a]) + 0.05 * log(Double(result.groups[a].count))
                let sb = Double(outcome.similarities[b]) + 0.05 * log(Double(result.groups[b].count))
                return sa != sb ? sa > sb : a < b
            }
            var chosen: [Int] = []
            // Only groups that kept a vector (all but a long tail beyond the memory cap).
            for g in ranked where chosen.count < maximumPhrases && g < result.heldGroups {
                let tooClose = chosen.contains { other in
                    result.embeddings.values.withUnsafeBufferPointer { p in
                        VectorMath.dot(p.baseAddress.unsafelyUnwrapped + g * d, p.baseAddress.unsafelyUnwrapped + other * d, d) > 0.95
                    }
                }
                if !tooClose { chosen.append(g) }
            }
            return ClusterProfile(groups: groups, size: size, cohesion: cohesion, representatives: chosen)
        }
    }
}

import Foundation
