/// Where a cluster is heading compared with the same lineage in the previous run.
public enum ClusterTrend: String, Sendable, Codable {
    case new, growing, stable, shrinking, gone

    /// The trend from the previous size to the current one: ±25 % (and at least 2 utterances)
    /// counts as a change.
    public static func between(previous: Int?, current: Int) -> ClusterTrend {
        guard let previous else { return .new }
        let change = current - previous
        if Double(current) >= Double(previous) * 1.25 && change >= 2 { return .growing }
        if Double(current) <= Double(previous) * 0.8 && change <= -2 { return .shrinking }
        return .stable
    }
}

/// One cluster as lineage matching sees it: a centroid in the current space and member turns.
struct LineageCandidate {
    /// Centroid (unit length) in the current run's embedding space.
    var centroid: [Float]
    /// Turn ids of the members.
    var members: Set<Int64>
    /// Utterances in the cluster.
    var size: Int
    /// For an earlier cluster: the share of its representative phrases that tonight's
    /// clustering places in each current cluster (empty for current clusters).
    var phraseVotes: [Int: Float] = [:]
}

/// A current cluster matched to an earlier one.
struct LineageMatch: Equatable {
    /// Index of the earlier cluster.
    var previous: Int
    /// Cosine similarity of the centroids.
    var similarity: Float
    /// Evidence of shared content: shared member turns ÷ the smaller cluster, or the share of
    /// the earlier cluster's phrases that land in this one, whichever is higher.
    var overlap: Float
}

/// Matches tonight's clusters to earlier ones one-to-one, best pairs first, by centroid
/// similarity plus shared content; a pair counts when either is high enough.
struct ClusterLineage {
    /// Centroids at least this similar may be the same cluster.
    var minimumSimilarity: Float = 0.6
    /// Clusters sharing at least this much content may be the same cluster.
    var minimumOverlap: Float = 0.3

    /// For each current cluster, its earlier match or nil.
    func match(current: [LineageCandidate], previous: [LineageCandidate]) -> [LineageMatch?] {
        var pairs: [(Int, Int, Float, Float)] = []
        for (c, now) in current.enumerated() {
            for (p, before) in previous.enumerated() {
                let similarity = Self.cosine(now.centroid, before.centroid)
                let shared = now.members.isEmpty || before.members.isEmpty ? 0 : now.members.intersection(before.members).count
                let memberOverlap = Float(shared) / Float(max(1, min(now.members.count, before.members.count)))
                let overlap = max(memberOverlap, before.phraseVotes[c] ?? 0)
                if similarity >= minimumSimilarity || overlap >= minimumOverlap {
                    pairs.append((c, p, similarity, overlap))
                }
            }
        }
        pairs.sort { ($0.2 + $0.3, $1.0, $1.1) > ($1.2 + $1.3, $0.0, $0.1) }
        var result = [LineageMatch?](repeating: nil, count: current.count)
        var taken = Set<Int>()
        for (c, p, similarity, overlap) in pairs where result[c] == nil && !taken.contains(p) {
            result[c] = LineageMatch(previous: p, similarity: similarity, overlap: overlap)
            taken.insert(p)
        }
        return result
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        guard a.count == b.count, !a.isEmpty else { return 0 }
        return a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                VectorMath.dot(x.baseAddress.unsafelyUnwrapped, y.baseAddress.unsafelyUnwrapped, a.count)
            }
        }
    }
}
