import Foundation

/// How intent discovery clusters: forced or automatic k, seed, smallest cluster, noise rule.
public struct ClusteringSettings: Sendable {
    /// A fixed number of clusters, or nil to choose it from the data.
    public var k: Int?
    /// Seed of every random choice; the same seed gives the same clusters.
    public var seed: UInt64 = 42
    /// Clusters whose members (counting duplicates) are fewer than this dissolve into noise
    /// or their nearest neighbour.
    public var minimumClusterSize = 3
    /// At most this many distinct points are clustered directly; the rest are assigned to the
    /// centroids found (mini-batch style) and refined once.
    public var fitSampleSize = 20_000
    /// Points this many standard deviations below their cluster's mean similarity are noise
    /// (the three-sigma rule: at 2.5 σ the skewed similarity distribution of a tight cluster
    /// flagged about 2 % of ordinary members).
    public var noiseDeviations: Float = 3
    /// Points less similar than this to every centroid are noise.
    public var noiseFloor: Float = 0.15
    /// A k to keep when the data do not clearly favour another (the previous run's count, so
    /// clusters stay stable from night to night).
    public var preferredK: Int?
    /// How much better (in mean silhouette) another k must score to replace `preferredK`.
    public var preferenceTolerance = 0.01
    /// How much better (relative k-means objective) a fresh start must fit to replace the
    /// start from the previous run's centroids.
    public var warmStartTolerance = 0.01

    /// The defaults.
    public init() {}
}

/// Clusters of a set of embedded points: each point's cluster (or -1 for noise), centroids
/// ordered by size, and the k chosen.
public struct ClusteringOutcome: Sendable {
    /// Cluster of each point, -1 for noise; clusters numbered from the largest.
    public var labels: [Int]
    /// Cosine similarity of each point to its cluster's centroid (to the nearest for noise).
    public var similarities: [Float]
    /// `clusters × dimensions` unit centroids.
    public var centroids: [Float]
    /// Number of clusters kept.
    public var clusters: Int
    /// The k k-means ran with (before small clusters dissolved).
    public var chosenK: Int
    /// Silhouette per k tried when k was chosen automatically (then, when the graph communities
    /// won, their count with the partition's modularity).
    public var kScores: [(Int, Double)]
}

/// Spherical k-means with a data-driven k, small-cluster dissolution and a noise rule.
public struct IntentClusterer: Sendable {
    /// Settings.
    public var settings: ClusteringSettings

    /// Creates a clusterer.
    public init(settings: ClusteringSettings = ClusteringSettings()) {
        self.settings = settings
    }

    /// Clusters the rows of `points`; `weights` are duplicate counts (1 when distinct).
    /// `initialCentroids` (row-major, same dimensions) seed k-means, e.g. the previous run's clusters.
    public func cluster(_ points: EmbeddingMatrix, weights: [Float], initialCentroids: [Float] = []) -> ClusteringOutcome {
        let n = points.rows, d = points.columns
        let usable = (0..<n).filter { i in (0..<d).contains { points.values[i * d + $0] != 0 } }
        var labels = [Int](repeating: -1, count: n)
        var similarities = [Float](repeating: 0, count: n)
        guard usable.count >= 2 else {
            if let only = usable.first { labels[only] = 0; similarities[only] = 1 }
            return ClusteringOutcome(labels: labels, similarities: similarities, centroids: usable.first.map { points.row($0) } ?? [], clusters: usable.count, chosenK: usable.count, kScores: [])
        }
        // Copy only when some rows are left out (a copy of a million rows costs half a gigabyte).
        let subset = usable.count == n ? points : Self.rows(points, usable)
        let subsetWeights = usable.count == n ? weights : usable.map { weights[$0] }
        var scores: [(Int, Double)] = []
        var selectionTrace = DiscoveryTrace()
        var k: Int
        // kauto: the automatic k also brings the graph communities' centroids as the k-means start.
        var communityCentroids: [Float] = []
        if let forced = settings.k {
            k = min(forced, usable.count)
        } else {
            var selection = ClusterCountSelection(minimumClusterSize: settings.minimumClusterSize, seed: settings.seed)
            selection.preferredK = settings.preferredK
            selection.preferenceTolerance = settings.preferenceTolerance
            (k, scores, communityCentroids) = selection.choose(subset, weights: subsetWeights)
        }
        selectionTrace.mark("k selection " + scores.map { "\($0.0):" + String(format: "%.3f", $0.1) }.joined(separator: " "))
        var trace = DiscoveryTrace()
        var result: KMeansResult
        if initialCentroids.isEmpty && !communityCentroids.isEmpty {
            result = fitKMeans(subset, weights: subsetWeights, kmeans: SphericalKMeans(k: max(1, k), seed: settings.seed, initial: communityCentroids))
        } else {
            result = fitKMeans(subset, weights: subsetWeights, k: max(1, k), initial: initialCentroids)
        }
        trace.mark("k-means")
        result = dissolveSmallClusters(subset, weights: subsetWeights, result: result)
        let (subsetLabels, subsetSimilarities, centroids, clusters) = separateNoise(subset, weights: subsetWeights, result: result)
        for (row, index) in usable.enumerated() {
            labels[index] = subsetLabels[row]
            similarities[index] = subsetSimilarities[row]
        }
        return ClusteringOutcome(labels: labels, similarities: similarities, centroids: centroids, clusters: clusters, chosenK: k, kScores: scores)
    }

    /// k-means on all points, or on a sample with the rest assigned and one refinement pass.
    /// k-means from the previous run's centroids when given, kept unless a fresh start fits the
    /// data clearly better (by more than `warmStartTolerance` of the objective): stable ids
    /// matter, but not more than finding a new topic.
    private func fitKMeans(_ points: EmbeddingMatrix, weights: [Float], k: Int, initial: [Float]) -> KMeansResult {
        let fresh = fitKMeans(points, weights: weights, kmeans: SphericalKMeans(k: k, seed: settings.seed, restarts: points.rows <= 5000 ? 3 : 1))
        guard !initial.isEmpty else { return fresh }
        let warm = fitKMeans(points, weights: weights, kmeans: SphericalKMeans(k: k, seed: settings.seed, initial: initial))
        let objective = { (r: KMeansResult) in zip(r.similarities, weights).reduce(0.0) { $0 + Double($1.0 * $1.1) } }
        return objective(fresh) > objective(warm) * (1 + settings.warmStartTolerance) ? fresh : warm
    }

    private func fitKMeans(_ points: EmbeddingMatrix, weights: [Float], kmeans: SphericalKMeans) -> KMeansResult {
        guard points.rows > settings.fitSampleSize else { return kmeans.fit(points, weights: weights) }
        var generator = SeededGenerator(seed: settings.seed ^ 0xf17)
        let sample = ClusterCountSelection.sampleIndices(points.rows, size: settings.fitSampleSize, generator: &generator)
        let fitted = kmeans.fit(Self.rows(points, sample), weights: sample.map { weights[$0] })
        var (assignments, _) = SphericalKMeans.assign(points, centroids: fitted.centroids, k: fitted.k)
        let centroids = SphericalKMeans.update(points, weights: weights, assignments: assignments, previous: fitted.centroids, k: fitted.k)
        let similarities: [Float]
        (assignments, similarities) = SphericalKMeans.assign(points, centroids: centroids, k: fitted.k)
        return KMeansResult(centroids: centroids, k: fitted.k, assignments: assignments, similarities: similarities, objective: 0)
    }

    /// Drops centroids whose clusters weigh less than the minimum size and reassigns their points.
    private func dissolveSmallClusters(_ points: EmbeddingMatrix, weights: [Float], result: KMeansResult) -> KMeansResult {
        let d = points.columns
        var mass = [Float](repeating: 0, count: result.k)
        for (i, a) in result.assignments.enumerated() { mass[Int(a)] += weights[i] }
        let kept = (0..<result.k).filter { mass[$0] >= Float(settings.minimumClusterSize) }
        guard kept.count < result.k, !kept.isEmpty else { return result }
        var centroids: [Float] = []
        for c in kept { centroids.append(contentsOf: result.centroids[(c * d)..<((c + 1) * d)]) }
        var (assignments, similarities) = SphericalKMeans.assign(points, centroids: centroids, k: kept.count)
        centroids = SphericalKMeans.update(points, weights: weights, assignments: assignments, previous: centroids, k: kept.count)
        (assignments, similarities) = SphericalKMeans.assign(points, centroids: centroids, k: kept.count)
        return KMeansResult(centroids: centroids, k: kept.count, assignments: assignments, similarities: similarities, objective: 0)
    }

    /// Marks points far below their cluster's typical similarity as noise, recomputes centroids
    /// from the members that remain and numbers clusters from the largest.
    private func separateNoise(_ points: EmbeddingMatrix, weights: [Float], result: KMeansResult) -> ([Int], [Float], [Float], Int) {
        let k = result.k, d = points.columns
        var sum = [Double](repeating: 0, count: k), sumSquares = [Double](repeating: 0, count: k), mass = [Double](repeating: 0, count: k)
        for (i, a) in result.assignments.enumerated() {
            let c = Int(a), s = Double(result.similarities[i]), w = Double(weights[i])
            sum[c] += w * s; sumSquares[c] += w * s * s; mass[c] += w
        }
        var labels = result.assignments.map { Int($0) }
        for i in labels.indices {
            let c = labels[i]
            let mean = sum[c] / max(mass[c], 1e-9)
            let deviation = max(0, sumSquares[c] / max(mass[c], 1e-9) - mean * mean).squareRoot()
            let threshold = max(Double(settings.noiseFloor), mean - Double(settings.noiseDeviations) * deviation)
            if Double(result.similarities[i]) < threshold { labels[i] = -1 }
        }
        var members = [Float](repeating: 0, count: k)
        for (i, c) in labels.enumerated() where c >= 0 { members[c] += weights[i] }
        let order = (0..<k).filter { members[$0] >= Float(settings.minimumClusterSize) }
            .sorted { members[$0] != members[$1] ? members[$0] > members[$1] : $0 < $1 }
        var renumber = [Int](repeating: -1, count: k)
        for (newIndex, old) in order.enumerated() { renumber[old] = newIndex }
        labels = labels.map { $0 >= 0 ? renumber[$0] : -1 }
        var centroids = [Float](repeating: 0, count: order.count * d)
        for (i, c) in labels.enumerated() where c >= 0 {
            for j in 0..<d { centroids[c * d + j] += weights[i] * points.values[i * d + j] }
        }
        VectorMath.normalizeRows(&centroids, columns: d)
        var similarities = result.similarities
        for (i, c) in labels.enumerated() where c >= 0 {
            similarities[i] = centroids.withUnsafeBufferPointer { cb in
                points.values.withUnsafeBufferPointer { pb in
                    VectorMath.dot(cb.baseAddress.unsafelyUnwrapped + c * d, pb.baseAddress.unsafelyUnwrapped + i * d, d)
                }
            }
        }
        return (labels, similarities, centroids, order.count)
    }

    /// The given rows of a matrix, as a new matrix.
    static func rows(_ matrix: EmbeddingMatrix, _ indices: [Int]) -> EmbeddingMatrix {
        let d = matrix.columns
        var values = [Float](repeating: 0, count: indices.count * d)
        for (row, index) in indices.enumerated() {
            for j in 0..<d { values[row * d + j] = matrix.values[index * d + j] }
        }
        return EmbeddingMatrix(rows: indices.count, columns: d, values: values)
    }
}
