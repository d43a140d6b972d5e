import Foundation

/// Finds phrases that would teach the bot the wrong thing: the same text under several intents,
/// and phrases more similar to another intent's centroid than to their own (leave-one-out) by
/// a margin, in a TF-IDF space fitted to the exported phrases.
struct TrainingCollisions {
    let margin: Double

    /// An intent with fewer phrases has no centroid worth comparing with (one odd phrase would be its centre).
    static let minimumIntentSize = 3

    /// The examples split into those kept and those held back.
    func split(_ examples: [TrainingExample]) throws -> (kept: [TrainingExample], heldBack: [TrainingCollision]) {
        var held: [TrainingCollision] = []
        var drop = Set<Int>()
        // The same folded text under two intents: neither label can be trusted.
        var intentsByKey: [String: [Int]] = [:]
        for (i, example) in examples.enumerated() { intentsByKey[TrainingExamples.foldKey(example.text), default: []].append(i) }
        for indices in intentsByKey.values where Set(indices.map { examples[$0].intent }).count > 1 {
            for i in indices {
                let other = indices.map { examples[$0].intent }.filter { $0 != examples[i].intent }.sorted().first ?? ""
                held.append(TrainingCollision(text: examples[i].text, intent: examples[i].intent, nearestIntent: other,
                                              ownSimilarity: 1, nearestSimilarity: 1, reason: "same text under several intents",
                                              source: examples[i].source))
                drop.insert(i)
            }
        }
        let candidates = examples.indices.filter { !drop.contains($0) }
        let intents = Array(Set(candidates.map { examples[$0].intent })).sorted()
        if intents.count > 1, candidates.count > 2 {
            let texts = candidates.map { examples[$0].text }
            let model = try TFIDFEmbedder().fitted(to: texts)
            let matrix = try model.embed(texts)
            let d = matrix.columns
            let slot = Dictionary(uniqueKeysWithValues: intents.enumerated().map { ($0.element, $0.offset) })
            var sums = [[Double]](repeating: [Double](repeating: 0, count: d), count: intents.count)
            var sizes = [Int](repeating: 0, count: intents.count)
            for (row, i) in candidates.enumerated() {
                guard let s = slot[examples[i].intent] else { continue }
                sizes[s] += 1
                for j in 0..<d { sums[s][j] += Double(matrix.values[row * d + j]) }
            }
            let centroids = sums.map(Self.unit)
            for (row, i) in candidates.enumerated() {
                guard let own = slot[examples[i].intent], sizes[own] > 1 else { continue }
                let vector = (0..<d).map { Double(matrix.values[row * d + $0]) }
                guard vector.contains(where: { $0 != 0 }) else { continue }
                let leaveOneOut = Self.unit(zip(sums[own], vector).map { $0 - $1 })
                let ownSimilarity = Self.dot(vector, leaveOneOut)
                var best = -2.0, bestIntent = ""
                for (c, centroid) in centroids.enumerated() where c != own && sizes[c] >= Self.minimumIntentSize {
                    let similarity = Self.dot(vector, centroid)
                    if similarity > best { best = similarity; bestIntent = intents[c] }
                }
                if best - ownSimilarity > margin {
                    held.append(TrainingCollision(text: examples[i].text, intent: examples[i].intent, nearestIntent: bestIntent,
                                                  ownSimilarity: ownSimilarity, nearestSimilarity: best,
                                                  reason: "nearer to another intent", source: examples[i].source))
                    drop.insert(i)
                }
            }
        }
        let kept = examples.indices.filter { !drop.contains($0) }.map { examples[$0] }
        held.sort { ($0.intent, $0.text) < ($1.intent, $1.text) }
        return (kept, held)
    }

    private static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in 0..<min(a.count, b.count) { sum += a[i] * b[i] }
        return sum
    }

    private static func unit(_ v: [Double]) -> [Double] {
        let norm = dot(v, v).squareRoot()
        return norm > 0 ? v.map { $0 / norm } : v
    }

    /// The collisions as CSV (formula-looking cells neutralised).
    static func csv(_ collisions: [TrainingCollision]) -> String {
        var writer = CSVWriter(header: ["text", "intent", "nearest_intent", "own_similarity", "nearest_similarity", "reason", "source"])
        for c in collisions {
            writer.append([c.text, c.intent, c.nearestIntent, MetricsFormatter.plain(c.ownSimilarity), MetricsFormatter.plain(c.nearestSimilarity),
                           c.reason, c.source], numeric: [3, 4])
        }
        return writer.text
    }
}
