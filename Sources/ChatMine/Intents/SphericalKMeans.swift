/// The outcome of k-means on unit vectors: centroids, each point's cluster and similarity.
struct KMeansResult: Sendable {
    /// `k × dimensions` unit centroids, row-major.
    var centroids: [Float]
    /// Number of centroids.
    var k: Int
    /// Cluster of each point.
    var assignments: [Int32]
    /// Cosine similarity of each point to its centroid.
    var similarities: [Float]
    /// Weighted sum of similarities (higher is better).
    var objective: Double
}

/// Weighted spherical k-means (cosine similarity) with k-means++ seeding; deterministic for a
/// seed. Points are rows of an `EmbeddingMatrix` (unit length or zero).
struct SphericalKMeans {
    var k: Int
    var seed: UInt64
    var maximumIterations = 25
    var restarts = 1
    /// Centroids to start from (row-major, unit length), e.g. the previous run's; k-means++
    /// adds seeds up to k.
    var initial: [Float] = []

    /// Clusters `points` with per-point `weights` (duplicate counts).
    func fit(_ points: EmbeddingMatrix, weights: [Float]) -> KMeansResult {
        var best: KMeansResult?
        for restart in 0..<max(1, restarts) {
            var generator = SeededGenerator(seed: seed &+ UInt64(restart) &* 7919)
            var centroids = Self.seedCentroids(points, weights: weights, k: k, initial: initial, generator: &generator)
            let kk = centroids.count / max(1, points.columns)
            var (assignments, similarities) = Self.assign(points, centroids: centroids, k: kk)
            for _ in 0..<maximumIterations {
                centroids = Self.update(points, weights: weights, assignments: assignments, previous: centroids, k: kk)
                let (next, nextSimilarities) = Self.assign(points, centroids: centroids, k: kk)
                let changed = zip(next, assignments).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) }
                assignments = next
                similarities = nextSimilarities
                if changed * 1000 <= points.rows { break }
            }
            let objective = zip(similarities, weights).reduce(0.0) { $0 + Double($1.0 * $1.1) }
            let result = KMeansResult(centroids: centroids, k: kk, assignments: assignments, similarities: similarities, objective: objective)
            if best == nil || objective > best?.objective ?? 0 { best = result }
        }
        return best ?? KMeansResult(centroids: [], k: 0, assignments: [], similarities: [], objective: 0)
    }

    /// k-means++: each next seed drawn with probability ∝ weight × distance² to the nearest seed.
    static func seedCentroids(_ points: EmbeddingMatrix, weights: [Float], k: Int, initial: [Float] = [], generator: inout SeededGenerator) -> [Float] {
        let n = points.rows, d = points.columns
        guard n > 0, k > 0 else { return [] }
        let given = min(k, d > 0 ? initial.count / d : 0)
        var nearest = [Float](repeating: 4, count: n)
        var chosen: [Int] = []
        if given > 0 {
            let (_, similarity) = assign(points, centroids: Array(initial.prefix(given * d)), k: given)
            for i in 0..<n { nearest[i] = max(0, 1 - similarity[i]) }
        } else {
            let total = weights.reduce(0, +)
            var target = generator.unit() * total
            var first = 0
            for i in 0..<n { target -= weights[i]; if target <= 0 { first = i; break } }
            chosen.append(first)
        }
        points.values.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            while given + chosen.count < min(k, n) {
                if let lastChosen = chosen.last {
                    let last = base + lastChosen * d
                    for i in 0..<n {
                        let distance = max(0, 1 - VectorMath.dot(base + i * d, last, d))
                        if distance < nearest[i] { nearest[i] = distance }
                    }
                }
                var sum: Double = 0
                for i in 0..<n { sum += Double(weights[i] * nearest[i] * nearest[i]) }
                guard sum > 1e-12 else { break }
                var pick = Double(generator.unit()) * sum
                var next = n - 1
                for i in 0..<n {
                    pick -= Double(weights[i] * nearest[i] * nearest[i])
                    if pick <= 0 { next = i; break }
                }
                chosen.append(next)
            }
        }
        var centroids = Array(initial.prefix(given * d))
        for i in chosen { centroids.append(contentsOf: points.values[(i * d)..<((i + 1) * d)]) }
        return centroids
    }

    /// Each point's most similar centroid and the similarity, on all cores.
    static func assign(_ points: EmbeddingMatrix, centroids: [Float], k: Int) -> ([Int32], [Float]) {
        let d = points.columns
        let pairs: [(Int32, Float)] = points.values.withUnsafeBufferPointer { p in
            centroids.withUnsafeBufferPointer { c in
                let pAddress = Int(bitPattern: p.baseAddress)
                let cAddress = Int(bitPattern: c.baseAddress)
                return Parallel.map(points.rows, minimumChunk: 128) { i in
                    guard let pBase = UnsafePointer<Float>(bitPattern: pAddress),
                          let cBase = UnsafePointer<Float>(bitPattern: cAddress) else { return (0, 0) }
                    var best: Int32 = 0
                    var bestSimilarity: Float = -2
                    let point = pBase + i * d
                    var j = 0
                    while j + 4 <= k {
                        let s = VectorMath.dot4(point, cBase + j * d, d)
                        if s.0 > bestSimilarity { bestSimilarity = s.0; best = Int32(j) }
                        if s.1 > bestSimilarity { bestSimilarity = s.1; best = Int32(j + 1) }
                        if s.2 > bestSimilarity { bestSimilarity = s.2; best = Int32(j + 2) }
                        if s.3 > bestSimilarity { bestSimilarity = s.3; best = Int32(j + 3) }
                        j += 4
                    }
                    while j < k {
                        let s = VectorMath.dot(point, cBase + j * d, d)
                        if s > bestSimilarity { bestSimilarity = s; best = Int32(j) }
                        j += 1
                    }
                    return (best, bestSimilarity)
                }
            }
        }
        return (pairs.map(\.0), pairs.map(\.1))
    }

    /// Weighted mean direction of each cluster; an empty cluster keeps its previous centroid.
    static func update(_ points: EmbeddingMatrix, weights: [Float], assignments: [Int32], previous: [Float], k: Int) -> [Float] {
        let d = points.columns
        var sums = [Float](repeating: 0, count: k * d)
        var counts = [Float](repeating: 0, count: k)
        points.values.withUnsafeBufferPointer { p in
            sums.withUnsafeMutableBufferPointer { s in
                guard let pBase = p.baseAddress, let sBase = s.baseAddress else { return }
                for i in 0..<points.rows {
                    let c = Int(assignments[i])
                    counts[c] += weights[i]
                    VectorMath.axpy(weights[i], pBase + i * d, sBase + c * d, d)
                }
                for c in 0..<k {
                    let norm = VectorMath.normalize(sBase + c * d, d)
                    if counts[c] == 0 || norm == 0 {
                        for j in 0..<d { sBase[c * d + j] = previous[c * d + j] }
                    }
                }
            }
        }
        return sums
    }
}
