/// A sparse, symmetric, weighted graph in compressed rows: the neighbours of node `i` are
/// `neighbours[offsets[i]..<offsets[i + 1]]` with the same-index `weights`. A self-loop is stored
/// as the node itself, with twice the loop's weight (so a node's degree is its row sum).
struct NeighbourGraph: Sendable {
    /// Row starts, `nodes + 1` entries.
    var offsets: [Int]
    /// Neighbour of each entry.
    var neighbours: [Int32]
    /// Weight of each entry.
    var weights: [Double]

    /// Number of nodes.
    var nodes: Int { offsets.count - 1 }

    /// Sum of the weights of node `i`'s entries.
    func degree(_ i: Int) -> Double {
        var sum = 0.0
        for e in offsets[i]..<offsets[i + 1] { sum += weights[e] }
        return sum
    }

    /// The mutual k-nearest-neighbour graph of unit rows under cosine similarity: `i` and `j`
    /// are joined when each is among the other's `k` most similar rows (ties to the lower
    /// index), with their similarity (floored at a small positive value) as the weight; a row
    /// with no mutual neighbour is joined to its nearest row.
    static func mutualNearestNeighbours(_ points: EmbeddingMatrix, k: Int) -> NeighbourGraph {
        let n = points.rows, d = points.columns
        let kk = max(1, min(k, n - 1))
        guard n > 1 else { return NeighbourGraph(offsets: Array(repeating: 0, count: n + 1), neighbours: [], weights: []) }
        let nearest: [[(Int32, Float)]] = points.values.withUnsafeBufferPointer { p in
            let address = Int(bitPattern: p.baseAddress)
            return Parallel.map(n, minimumChunk: 16) { i in
                guard let base = UnsafePointer<Float>(bitPattern: address) else { return [] }
                return topNeighbours(of: i, base: base, rows: n, columns: d, k: kk)
            }
        }
        // Mutual pairs only, each stored in both rows.
        var isNeighbour = Set<Int64>()
        isNeighbour.reserveCapacity(n * kk)
        for i in 0..<n { for (j, _) in nearest[i] { isNeighbour.insert(Int64(i) * Int64(n) + Int64(j)) } }
        var rows = [[(Int32, Double)]](repeating: [], count: n)
        for i in 0..<n {
            for (j, similarity) in nearest[i] where isNeighbour.contains(Int64(j) * Int64(n) + Int64(i)) {
                rows[i].append((j, Double(max(similarity, 1e-3))))
            }
        }
        // A node without a mutual neighbour joins its nearest one, so that it is not a community
        // of its own by construction.
        for i in 0..<n where rows[i].isEmpty {
            guard let (j, similarity) = nearest[i].first else { continue }
            let weight = Double(max(similarity, 1e-3))
            rows[i].append((j, weight))
            if !rows[Int(j)].contains(where: { $0.0 == Int32(i) }) { rows[Int(j)].append((Int32(i), weight)) }
        }
        var offsets = [0]
        var neighbours: [Int32] = []
        var weights: [Double] = []
        for row in rows {
            for (j, w) in row.sorted(by: { $0.0 < $1.0 }) { neighbours.append(j); weights.append(w) }
            offsets.append(neighbours.count)
        }
        return NeighbourGraph(offsets: offsets, neighbours: neighbours, weights: weights)
    }

    /// The `k` rows most similar to row `i` (itself excluded), most similar first.
    private static func topNeighbours(of i: Int, base: UnsafePointer<Float>, rows n: Int, columns d: Int, k: Int) -> [(Int32, Float)] {
        var best: [(Int32, Float)] = []
        best.reserveCapacity(k + 1)
        let point = base + i * d
        func offer(_ j: Int, _ s: Float) {
            guard j != i else { return }
            if best.count == k, let last = best.last, s <= last.1 { return }
            var position = best.count
            while position > 0 && best[position - 1].1 < s { position -= 1 }
            best.insert((Int32(j), s), at: position)
            if best.count > k { best.removeLast() }
        }
        var j = 0
        while j + 4 <= n {
            let s = VectorMath.dot4(point, base + j * d, d)
            offer(j, s.0); offer(j + 1, s.1); offer(j + 2, s.2); offer(j + 3, s.3)
            j += 4
        }
        while j < n { offer(j, VectorMath.dot(point, base + j * d, d)); j += 1 }
        return best
    }
}
