/// Community detection by modularity (Louvain: local moves, then aggregation, level after
/// level). Deterministic for a seed: nodes are visited in a seeded order and ties keep the
/// current community, then the lowest-numbered one.
struct Louvain {
    /// Modularity resolution γ (1 = the classic modularity; higher finds smaller communities).
    var resolution = 1.0
    /// Seed of the node visiting order.
    var seed: UInt64
    /// Local-move passes per level at most.
    var maximumPasses = 30
    /// Levels at most.
    var maximumLevels = 20

    /// The community of each node of `graph`, numbered 0..<count in order of first node.
    func communities(_ graph: NeighbourGraph) -> [Int] {
        var membership = Array(0..<graph.nodes)
        var level = graph
        var generator = SeededGenerator(seed: seed ^ 0x10ba1)
        for _ in 0..<maximumLevels {
            let (local, moved) = moveNodes(level, generator: &generator)
            guard moved else { break }
            let (relabelled, count) = Self.compact(local)
            membership = membership.map { relabelled[$0] }
            guard count < level.nodes else { break }
            level = Self.aggregate(level, communities: relabelled, count: count)
        }
        return Self.compact(membership).labels
    }

    /// The modularity of a partition (with this resolution).
    func modularity(_ graph: NeighbourGraph, communities: [Int]) -> Double {
        let count = (communities.max() ?? -1) + 1
        var inside = [Double](repeating: 0, count: count), total = [Double](repeating: 0, count: count)
        var twiceM = 0.0
        for i in 0..<graph.nodes {
            for e in graph.offsets[i]..<graph.offsets[i + 1] {
                let w = graph.weights[e]
                twiceM += w
                total[communities[i]] += w
                if communities[Int(graph.neighbours[e])] == communities[i] { inside[communities[i]] += w }
            }
        }
        guard twiceM > 0 else { return 0 }
        return (0..<count).reduce(0.0) { $0 + inside[$1] / twiceM - resolution * (total[$1] / twiceM) * (total[$1] / twiceM) }
    }

    /// One level of local moves: each node joins the neighbouring community with the largest
    /// modularity gain until no node moves. Returns the community per node and whether any moved.
    private func moveNodes(_ graph: NeighbourGraph, generator: inout SeededGenerator) -> ([Int], Bool) {
        let n = graph.nodes
        var community = Array(0..<n)
        let degree = (0..<n).map { graph.degree($0) }
        var total = degree
        let twiceM = degree.reduce(0, +)
        guard twiceM > 0 else { return (community, false) }
        var order = Array(0..<n)
        for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(generator.next() % UInt64(i + 1))) }
        var linkWeight = [Double](repeating: 0, count: n)
        var touched: [Int] = []
        var movedAny = false
        for _ in 0..<maximumPasses {
            var moves = 0
            for i in order {
                let own = community[i]
                touched.removeAll(keepingCapacity: true)
                for e in graph.offsets[i]..<graph.offsets[i + 1] {
                    let j = Int(graph.neighbours[e])
                    guard j != i else { continue }
                    let c = community[j]
                    if linkWeight[c] == 0 { touched.append(c) }
                    linkWeight[c] += graph.weights[e]
                }
                total[own] -= degree[i]
                let scale = resolution * degree[i] / twiceM
                var best = own
                var bestGain = linkWeight[own] - scale * total[own]
                for c in touched where c != own {
                    let gain = linkWeight[c] - scale * total[c]
                    if gain > bestGain + 1e-12 || (abs(gain - bestGain) <= 1e-12 && best != own && c < best) {
                        best = c
                        bestGain = gain
                    }
                }
                total[best] += degree[i]
                for c in touched { linkWeight[c] = 0 }
                linkWeight[own] = 0
                if best != own {
                    community[i] = best
                    moves += 1
                }
            }
            if moves == 0 { break }
            movedAny = true
        }
        return (community, movedAny)
    }

    /// Renumbers labels 0..<count in order of first appearance.
    static func compact(_ labels: [Int]) -> (labels: [Int], count: Int) {
        var map: [Int: Int] = [:]
        let relabelled = labels.map { label in
            if let known = map[label] { return known }
            map[label] = map.count
            return map.count - 1
        }
        return (relabelled, map.count)
    }

    /// The graph whose nodes are the communities, with summed weights (a community's inner
    /// weight becomes its self-loop entry).
    static func aggregate(_ graph: NeighbourGraph, communities: [Int], count: Int) -> NeighbourGraph {
        var rows = [[Int: Double]](repeating: [:], count: count)
        for i in 0..<graph.nodes {
            let a = communities[i]
            for e in graph.offsets[i]..<graph.offsets[i + 1] {
                rows[a][communities[Int(graph.neighbours[e])], default: 0] += graph.weights[e]
            }
        }
        var offsets = [0]
        var neighbours: [Int32] = []
        var weights: [Double] = []
        for row in rows {
            for key in row.keys.sorted() {
                neighbours.append(Int32(key))
                weights.append(row[key] ?? 0)
            }
            offsets.append(neighbours.count)
        }
        return NeighbourGraph(offsets: offsets, neighbours: neighbours, weights: weights)
    }
}
