import Foundation

/// Chooses the number of clusters from the data: communities of a mutual nearest-neighbour
/// graph (modularity) on a sample, checked against spherical k-means over a geometric grid of k
/// scored by the mean silhouette (cosine distance).
struct ClusterCountSelection {
    /// Points used for the choice (the silhouette is quadratic in this).
    var sampleSize = 2000
    /// Smallest cluster worth finding; bounds k from above at sample ÷ this.
    var minimumClusterSize = 3
    var seed: UInt64
    /// A k kept unless another scores better by more than `preferenceTolerance`.
    var preferredK: Int?
    var preferenceTolerance = 0.01
    /// Relative silhouette gap within which stability decides.
    var tolerance = 0.05
    /// A silhouette peak counts when it reaches this share of the highest score.
    var peakShare = 0.8
    /// A knee counts when the normalised curve rises this far above its chord.
    var minimumKneeHeight = 0.1
    /// The communities lose to the silhouette's k when at least this share of points lies in a
    /// community that falls mostly inside one coarse cluster.
    var maximumNesting = 0.9
    /// The communities lose to the silhouette's k when their silhouette falls more than this
    /// share below its score (one k-means run per k on a sample: the scores are noisy).
    var graphTolerance = 0.1
    /// Points of the neighbour graph the communities are found in.
    var graphSampleSize = 4000
    /// A preferred k (the previous run's) within this share of the communities' count is kept.
    var preferenceShare = 0.15

    /// The chosen k for `points` (with duplicate counts `weights`), the score per k tried, and
    /// centroids to start k-means from (empty when the silhouette's k wins).
    ///
    /// Two criteria: the communities of the neighbour graph (fine: on sentence embeddings they
    /// track intents, where the silhouette stops far too early) and the silhouette's first good
    /// peak (coarse). The communities win unless they are mostly a refinement of the coarse
    /// clusters (then the coarse level is real structure: intents made of wording variants) or
    /// the silhouette clearly prefers the coarse clustering.
    func choose(_ points: EmbeddingMatrix, weights: [Float]) -> (k: Int, scores: [(Int, Double)], centroids: [Float]) {
        let graph = chooseByCommunities(points, weights: weights)
        let silhouette = chooseBySilhouette(points, weights: weights, candidate: graph.centroids.isEmpty ? nil : graph.k)
        guard let graphScore = silhouette.candidateScore, graph.k != silhouette.k else {
            return (silhouette.k, silhouette.scores, graph.k == silhouette.k ? graph.centroids : [])
        }
        let coarseScore = silhouette.scores.first { $0.0 == silhouette.k }?.1 ?? 0
        let nested = nesting(points, weights: weights, fine: graph.centroids, coarseK: silhouette.k)
        if nested < maximumNesting && graphScore >= coarseScore - graphTolerance * abs(coarseScore) {
            // The previous run's k is kept when close: its centroids then seed k-means instead.
            if let preferred = preferredK, preferred >= 2, abs(Double(preferred - graph.k)) <= preferenceShare * Double(graph.k) {
                return (preferred, silhouette.scores + graph.scores, [])
            }
            return (graph.k, silhouette.scores + graph.scores, graph.centroids)
        }
        return (silhouette.k, silhouette.scores, [])
    }

    /// Share of the points (a sample) whose fine cluster — nearest of the `fine` centroids — lies
    /// mostly inside their coarse cluster (k-means with `coarseK`): 1 when the fine clusters
    /// refine the coarse ones, lower when they cut across them.
    func nesting(_ points: EmbeddingMatrix, weights: [Float], fine: [Float], coarseK: Int) -> Double {
        var generator = SeededGenerator(seed: seed ^ 0x5eed)
        let sample = Self.sampleIndices(points.rows, size: graphSampleSize, generator: &generator)
        let subset = IntentClusterer.rows(points, sample)
        let kf = fine.count / max(1, points.columns)
        let (f, _) = SphericalKMeans.assign(subset, centroids: fine, k: kf)
        let coarse = SphericalKMeans(k: coarseK, seed: seed, maximumIterations: 15).fit(subset, weights: sample.map { weights[$0] })
        var table = [[Int]](repeating: [Int](repeating: 0, count: coarse.k), count: kf)
        for i in 0..<subset.rows { table[Int(f[i])][Int(coarse.assignments[i])] += 1 }
        return Double(table.reduce(0) { $0 + ($1.max() ?? 0) }) / Double(subset.rows)
    }

    /// The communities (modularity, resolution 1) of the mutual k-nearest-neighbour graph of a
    /// sample: their number, counting those of at least the minimum size, and their unit centroids.
    func chooseByCommunities(_ points: EmbeddingMatrix, weights: [Float]) -> (k: Int, scores: [(Int, Double)], centroids: [Float]) {
        let n = points.rows, d = points.columns
        guard n >= 4 else { return (1, [], []) }
        var generator = SeededGenerator(seed: seed ^ 0x5eed)
        let sample = Self.sampleIndices(n, size: graphSampleSize, generator: &generator)
        let subset = IntentClusterer.rows(points, sample)
        let neighbours = max(3, Int(log(Double(sample.count)).rounded()))
        let graph = NeighbourGraph.mutualNearestNeighbours(subset, k: neighbours)
        let louvain = Louvain(resolution: 1, seed: seed)
        let communities = louvain.communities(graph)
        let count = (communities.max() ?? -1) + 1
        var members = [Int](repeating: 0, count: count)
        var mass = [Double](repeating: 0, count: count)
        for (row, c) in communities.enumerated() { members[c] += 1; mass[c] += Double(weights[sample[row]]) }
        let totalMass = weights.reduce(0.0) { $0 + Double($1) }
        let sampleMass = mass.reduce(0, +)
        let minimumMass = max(3, Double(minimumClusterSize) * sampleMass / max(totalMass, 1))
        let kept = (0..<count).filter { members[$0] >= 3 && mass[$0] >= minimumMass }
        let modularity = louvain.modularity(graph, communities: communities)
        guard !kept.isEmpty else { return (1, [(1, modularity)], []) }
        var index = [Int](repeating: -1, count: count)
        for (position, c) in kept.enumerated() { index[c] = position }
        var centroids = [Float](repeating: 0, count: kept.count * d)
        for (row, c) in communities.enumerated() where index[c] >= 0 {
            let w = weights[sample[row]]
            for j in 0..<d { centroids[index[c] * d + j] += w * subset.values[row * d + j] }
        }
        VectorMath.normalizeRows(&centroids, columns: d)
        return (kept.count, [(kept.count, modularity)], centroids)
    }

    /// The silhouette's k (the first good peak over a grid), the score per k tried, and the
    /// score of the `candidate` k when given.
    func chooseBySilhouette(_ points: EmbeddingMatrix, weights: [Float], candidate: Int? = nil) -> (k: Int, scores: [(Int, Double)], candidateScore: Double?) {
        let n = points.rows
        guard n >= 4 else { return (1, [], nil) }
        var generator = SeededGenerator(seed: seed ^ 0x5eed)
        let sample = Self.sampleIndices(n, size: sampleSize, generator: &generator)
        let d = points.columns
        var values = [Float](repeating: 0, count: sample.count * d)
        for (row, index) in sample.enumerated() {
            for j in 0..<d { values[row * d + j] = points.values[index * d + j] }
        }
        let subset = EmbeddingMatrix(rows: sample.count, columns: d, values: values)
        let subsetWeights = sample.map { weights[$0] }
        let similarity = Self.similarityMatrix(subset)
        // Intent sets grow slower than traffic: at most 2√n clusters (n distinct utterances),
        // and never so many that clusters fall under the minimum size.
        let rootBound = Int((2 * Double(n).squareRoot()).rounded())
        let upper = max(2, min(sample.count / max(2, minimumClusterSize), sample.count / 10, rootBound, 400))
        var scores: [Int: Double] = [:]
        func stability(_ k: Int) -> Double {
            let restarts = subset.rows <= 1000 ? 4 : 1
            let a = SphericalKMeans(k: k, seed: seed, maximumIterations: 15, restarts: restarts).fit(subset, weights: subsetWeights)
            let b = SphericalKMeans(k: k, seed: seed &+ 1000, maximumIterations: 15, restarts: restarts).fit(subset, weights: subsetWeights)
            return ClusteringScores(predicted: a.assignments.map { Int($0) }, truth: b.assignments.map { String($0) }).ari
        }
        func score(_ k: Int) -> Double {
            if let known = scores[k] { return known }
            let restarts = subset.rows <= 1000 ? 4 : 1
            let result = SphericalKMeans(k: k, seed: seed, maximumIterations: 15, restarts: restarts).fit(subset, weights: subsetWeights)
            let value = Self.silhouette(similarity, assignments: result.assignments, k: result.k)
            scores[k] = value
            return value
        }
        var grid: [Int] = []
        var k = 2.0
        while Int(k.rounded()) <= upper {
            let rounded = Int(k.rounded())
            if grid.last != rounded { grid.append(rounded) }
            k *= 1.3
        }
        let peakPosition = Self.coarsePeak(grid: grid, scores: grid.map(score), peakShare: peakShare, minimumKneeHeight: minimumKneeHeight)
        var best = grid.isEmpty ? 2 : grid[peakPosition]
        // Refine between the neighbours of the peak.
        let low = peakPosition > 0 ? grid[peakPosition - 1] : best
        let high = peakPosition + 1 < grid.count ? grid[peakPosition + 1] : best
        let step = max(1, (high - low) / 6)
        for k in stride(from: low, through: high, by: step) where score(k) > score(best) { best = k }
        // Among the k near the peak whose silhouette is within `tolerance` of it, take the one
        // whose clustering is most stable (two seeds agree, by ARI) weighted by its silhouette:
        // an arbitrary split of one topic can score well on silhouette but is not reproducible.
        let top = score(best)
        var bestCombined = -Double.infinity
        for k in scores.keys.sorted() where k >= low && k <= high && (scores[k] ?? -1) >= top - tolerance * abs(top) {
            let combined = (scores[k] ?? 0) * stability(k)
            if combined > bestCombined { bestCombined = combined; best = k }
        }
        if let preferred = preferredK, preferred >= 2, preferred <= upper, score(preferred) >= score(best) - preferenceTolerance {
            best = preferred
        }
        // The sample holds a fraction of the points; clusters scale with it only up to the
        // number of distinct topics, so k is kept, not scaled.
        let candidateScore = candidate.map { score(min($0, max(2, subset.rows / 2))) }
        return (best, scores.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, candidateScore)
    }

    /// Position in `grid` of the coarsest good clustering: the first local maximum of the
    /// silhouette `scores` that reaches `peakShare` of the highest. Finer peaks often follow
    /// (near duplicates form tight micro-clusters as data grow), but they split intents. A
    /// maximum at the grid's upper end is no peak — the curve is still rising there — so when
    /// that is all the rule finds, the knee of the curve is taken instead (the k after which
    /// more clusters gain least), if it has one; else the end, as before.
    static func coarsePeak(grid: [Int], scores: [Double], peakShare: Double, minimumKneeHeight: Double) -> Int {
        guard let last = grid.indices.last else { return 0 }
        let globalMax = scores.max() ?? 0
        var position = last
        for i in grid.indices {
            let left = i > 0 ? scores[i - 1] : -Double.infinity
            let right = i < last ? scores[i + 1] : -Double.infinity
            if scores[i] >= left && scores[i] >= right && scores[i] >= peakShare * globalMax {
                position = i
                break
            }
        }
        guard position == last else { return position }
        return knee(grid: grid, scores: scores, minimumHeight: minimumKneeHeight) ?? last
    }

    /// The knee of a rising curve over log k (Kneedle): the point highest above the chord from
    /// the first to the last point, both axes scaled to 0…1, when it is at least `minimumHeight`
    /// above; nil for a curve without one (straight, convex, or not rising).
    static func knee(grid: [Int], scores: [Double], minimumHeight: Double) -> Int? {
        guard grid.count >= 3, let first = grid.first, let last = grid.last, last > first,
              let y0 = scores.first, let y1 = scores.last, y1 > y0 else { return nil }
        let x0 = log(Double(first)), span = log(Double(last)) - x0
        var best: Int?
        var bestHeight = minimumHeight
        for i in 1..<(grid.count - 1) {
            let height = (scores[i] - y0) / (y1 - y0) - (log(Double(grid[i])) - x0) / span
            if height >= bestHeight { bestHeight = height; best = i }
        }
        return best
    }

    /// Up to `size` distinct indices of `0..<n`, in increasing order.
    static func sampleIndices(_ n: Int, size: Int, generator: inout SeededGenerator) -> [Int] {
        guard n > size else { return Array(0..<n) }
        var indices = Array(0..<n)
        for i in 0..<size {
            let j = i + Int(generator.next() % UInt64(n - i))
            indices.swapAt(i, j)
        }
        return indices.prefix(size).sorted()
    }

    /// All pairwise cosine similarities of the rows, row-major.
    static func similarityMatrix(_ points: EmbeddingMatrix) -> [Float] {
        let n = points.rows, d = points.columns
        return points.values.withUnsafeBufferPointer { p in
            let address = Int(bitPattern: p.baseAddress)
            let rows: [[Float]] = Parallel.map(n, minimumChunk: 32) { i in
                guard let base = UnsafePointer<Float>(bitPattern: address) else { return [] }
                return (0..<n).map { j in VectorMath.dot(base + i * d, base + j * d, d) }
            }
            return rows.flatMap { $0 }
        }
    }

    /// Mean silhouette with cosine distance; points alone in their cluster score 0.
    static func silhouette(_ similarity: [Float], assignments: [Int32], k: Int) -> Double {
        let n = assignments.count
        guard k > 1, n > 1 else { return -1 }
        var counted = [Int](repeating: 0, count: k)
        for a in assignments { counted[Int(a)] += 1 }
        let sizes = counted
        let values: [Double] = Parallel.map(n, minimumChunk: 64) { i in
            var sums = [Double](repeating: 0, count: k)
            for j in 0..<n { sums[Int(assignments[j])] += Double(1 - similarity[i * n + j]) }
            let own = Int(assignments[i])
            guard sizes[own] > 1 else { return 0 }
            let a = sums[own] / Double(sizes[own] - 1)
            var b = Double.infinity
            for c in 0..<k where c != own && sizes[c] > 0 { b = min(b, sums[c] / Double(sizes[c])) }
            guard b.isFinite else { return 0 }
            let denominator = max(a, b)
            return denominator > 0 ? (b - a) / denominator : 0
        }
        return values.reduce(0, +) / Double(n)
    }
}
