/// Bounded memory for intent discovery: only `maximumHeldTexts` distinct utterances keep a
/// vector and are clustered; the rest are embedded batch by batch, assigned to the nearest
/// centroid (or noise, by the same rule as the clustered points) and their vectors dropped.
extension IntentDiscovery {
    /// Distinct utterances embedded at once when assigning the ones not held.
    static let overflowBatch = 50_000

    /// One in this many held places goes to the most frequent wordings; the rest are a uniform
    /// sample of the other groups.
    static let frequentShare = 20

    /// The groups reordered so the held ones come first, each part in its original order: the
    /// most frequent repeated wordings (a twentieth of the places; they supply representative
    /// phrases), then a seeded uniform sample of the other groups, as k-means samples them.
    /// Returns the reordered groups and how many of the held are the frequent ones.
    static func heldFirst(_ groups: [UtteranceGroup], held: Int, seed: UInt64) -> (groups: [UtteranceGroup], frequent: Int) {
        guard groups.count > held else { return (groups, groups.count) }
        let tieBreak = { (g: Int) in FeatureHash.finalize(UInt64(g) ^ (seed &* 0x9e37_79b9_7f4a_7c15)) }
        let byCount = groups.indices.sorted { a, b in
            groups[a].count != groups[b].count ? groups[a].count > groups[b].count : tieBreak(a) < tieBreak(b)
        }
        var isHeld = [Bool](repeating: false, count: groups.count)
        var isFrequent = [Bool](repeating: false, count: groups.count)
        for g in byCount.prefix(held / frequentShare) where groups[g].count >= 2 { isHeld[g] = true; isFrequent[g] = true }
        let frequent = isFrequent.lazy.filter { $0 }.count
        let rest = groups.indices.filter { !isHeld[$0] }.sorted { tieBreak($0) < tieBreak($1) }
        for g in rest.prefix(held - frequent) { isHeld[g] = true }
        var ordered: [UtteranceGroup] = []
        ordered.reserveCapacity(groups.count)
        for g in groups.indices where isFrequent[g] { ordered.append(groups[g]) }
        for g in groups.indices where isHeld[g] && !isFrequent[g] { ordered.append(groups[g]) }
        for g in groups.indices where !isHeld[g] { ordered.append(groups[g]) }
        return (ordered, frequent)
    }

    /// Per cluster, the similarity under which a member is noise: the clustered members' mean
    /// less `noiseDeviations` standard deviations, at least the noise floor.
    static func noiseThresholds(_ outcome: ClusteringOutcome, weights: [Float], settings: ClusteringSettings) -> [Float] {
        var sum = [Double](repeating: 0, count: outcome.clusters)
        var squares = sum, mass = sum
        for (g, label) in outcome.labels.enumerated() where label >= 0 && g < weights.count {
            let s = Double(outcome.similarities[g]), w = Double(weights[g])
            sum[label] += w * s
            squares[label] += w * s * s
            mass[label] += w
        }
        return (0..<outcome.clusters).map { c in
            let mean = sum[c] / max(mass[c], 1e-9)
            let deviation = max(0, squares[c] / max(mass[c], 1e-9) - mean * mean).squareRoot()
            return Float(max(Double(settings.noiseFloor), mean - Double(settings.noiseDeviations) * deviation))
        }
    }

    /// Labels the groups after the held ones: embeds them in batches (pulled towards their
    /// context-mates like the held ones), assigns each to its nearest centroid or to noise,
    /// and extends `outcome.labels` and `outcome.similarities` to every group.
    func assignOverflow(_ outcome: inout ClusteringOutcome, groups: [UtteranceGroup], held: EmbeddingMatrix,
                        model: any Embedder, contexts: [Int64]?) throws {
        let heldCount = held.rows, d = held.columns
        let thresholds = Self.noiseThresholds(outcome, weights: groups[0..<heldCount].map { Float($0.count) }, settings: settings)
        let mates = contexts.map { Self.contextMates(groups: groups, contexts: $0, from: heldCount) } ?? [:]
        outcome.labels.reserveCapacity(groups.count)
        outcome.similarities.reserveCapacity(groups.count)
        var start = heldCount
        while start < groups.count {
            let end = min(groups.count, start + Self.overflowBatch)
            var batch = try model.embed(groups[start..<end].map(\.text))
            if contextWeight > 0 && !mates.isEmpty && batch.columns == d {
                pull(&batch, first: start, held: held, mates: mates)
            }
            guard outcome.clusters > 0, batch.columns == d else {
                outcome.labels += [Int](repeating: -1, count: end - start)
                outcome.similarities += [Float](repeating: 0, count: end - start)
                start = end
                continue
            }
            let (nearest, similarity) = SphericalKMeans.assign(batch, centroids: outcome.centroids, k: outcome.clusters)
            for row in 0..<(end - start) {
                let c = Int(nearest[row])
                outcome.labels.append(similarity[row] >= thresholds[c] ? c : -1)
                outcome.similarities.append(similarity[row])
            }
            start = end
        }
    }

    /// v + w · mean(context-mates' vectors), renormalised, for the rows of a batch whose first
    /// row is group `first`; mates are read from the held vectors or the batch itself.
    private func pull(_ batch: inout EmbeddingMatrix, first: Int, held: EmbeddingMatrix, mates: [Int: [Int]]) {
        let d = batch.columns
        let original = batch.values
        for row in 0..<batch.rows {
            guard let list = mates[first + row] else { continue }
            var sum = [Float](repeating: 0, count: d)
            var any = false
            for h in list {
                if h < held.rows {
                    for j in 0..<d { sum[j] += held.values[h * d + j] }
                    any = true
                } else if h >= first && h < first + batch.rows {
                    for j in 0..<d { sum[j] += original[(h - first) * d + j] }
                    any = true
                }
            }
            let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard any, norm > 0 else { continue }
            for j in 0..<d { batch.values[row * d + j] = original[row * d + j] + contextWeight * sum[j] / norm }
            batch.values.withUnsafeMutableBufferPointer { buffer in
                if let base = buffer.baseAddress { VectorMath.normalize(base + row * d, d) }
            }
        }
    }

    /// For each group from index `from` on that shares a context with other groups: those groups.
    static func contextMates(groups: [UtteranceGroup], contexts: [Int64], from: Int) -> [Int: [Int]] {
        var groupOf = [Int32](repeating: 0, count: contexts.count)
        for (g, group) in groups.enumerated() { for member in group.members { groupOf[member] = Int32(g) } }
        // Only the contexts that hold a group from `from` on are listed.
        var wanted = Set<Int64>()
        for g in from..<groups.count { for member in groups[g].members { wanted.insert(contexts[member]) } }
        var byContext: [Int64: [Int32]] = [:]
        for (item, context) in contexts.enumerated() where wanted.contains(context) { byContext[context, default: []].append(groupOf[item]) }
        var mates: [Int: [Int]] = [:]
        for context in byContext.keys.sorted() {
            guard let list = byContext[context], list.count > 1 else { continue }
            for g in list where g >= from {
                for h in list where h != g { mates[Int(g), default: []].append(Int(h)) }
            }
        }
        return mates
    }
}
