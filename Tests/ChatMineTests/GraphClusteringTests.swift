import Testing
@testable import ChatMine

@Suite("Neighbour graph and communities")
struct GraphClusteringTests {
    /// `perCenter` points around each of `centers` orthogonal axes in `dimensions` dimensions.
    func blobs(centers: Int, perCenter: Int, dimensions: Int = 16, spread: Float = 0.15, seed: UInt64) -> (EmbeddingMatrix, [String]) {
        var generator = SeededGenerator(seed: seed)
        var values: [Float] = []
        var truth: [String] = []
        for c in 0..<centers {
            for _ in 0..<perCenter {
                var v = (0..<dimensions).map { _ in spread * generator.gaussian() }
                v[c] += 1
                let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
                values += v.map { $0 / norm }
                truth.append("c\(c)")
            }
        }
        return (EmbeddingMatrix(rows: centers * perCenter, columns: dimensions, values: values), truth)
    }

    /// Two triangles joined by one edge, built by hand (weights 1, stored both ways).
    func twoTriangles() -> NeighbourGraph {
        let edges = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]
        var rows = [[Int32]](repeating: [], count: 6)
        for (a, b) in edges { rows[a].append(Int32(b)); rows[b].append(Int32(a)) }
        var offsets = [0], neighbours: [Int32] = []
        for row in rows { neighbours += row.sorted(); offsets.append(neighbours.count) }
        return NeighbourGraph(offsets: offsets, neighbours: neighbours, weights: [Double](repeating: 1, count: neighbours.count))
    }

    @Test func louvainSplitsTwoTrianglesAtTheBridge() {
        let graph = twoTriangles()
        let communities = Louvain(seed: 1).communities(graph)
        #expect(Set(communities[0...2]).count == 1)
        #expect(Set(communities[3...5]).count == 1)
        #expect(communities[0] != communities[3])
        // Hand-worked: m = 7, each side holds 3 edges and degree 7: 2 × (3/7 − (7/14)²) = 5/14.
        let q = Louvain(seed: 1).modularity(graph, communities: communities)
        #expect(abs(q - 5.0 / 14.0) < 1e-9)
    }

    @Test func mutualNeighboursStayInsideSeparatedGroups() {
        let (points, truth) = blobs(centers: 3, perCenter: 20, seed: 2)
        let graph = NeighbourGraph.mutualNearestNeighbours(points, k: 5)
        for i in 0..<graph.nodes {
            #expect(graph.offsets[i + 1] > graph.offsets[i])
            for e in graph.offsets[i]..<graph.offsets[i + 1] {
                #expect(truth[Int(graph.neighbours[e])] == truth[i])
                // Symmetric: the edge is stored in the neighbour's row too.
                let j = Int(graph.neighbours[e])
                #expect(graph.neighbours[graph.offsets[j]..<graph.offsets[j + 1]].contains(Int32(i)))
            }
        }
    }

    @Test func communitiesRecoverSeparableGroupsAndTheirNumber() {
        for (centers, perCenter, seed) in [(5, 30, UInt64(3)), (9, 25, 5)] {
            let (points, truth) = blobs(centers: centers, perCenter: perCenter, seed: seed)
            let weights = [Float](repeating: 1, count: points.rows)
            // The graph alone may cut a round group in two, but never mixes groups ...
            let graph = NeighbourGraph.mutualNearestNeighbours(points, k: 6)
            let communities = Louvain(seed: 42).communities(graph)
            for c in Set(communities) {
                #expect(Set(communities.indices.filter { communities[$0] == c }.map { truth[$0] }).count == 1)
            }
            // ... and the combined criterion gives the true number and groups.
            #expect(ClusterCountSelection(seed: 42).choose(points, weights: weights).k == centers)
            let outcome = IntentClusterer().cluster(points, weights: weights)
            #expect(outcome.clusters == centers)
            #expect(ClusteringScores(predicted: outcome.labels, truth: truth).nmi > 0.95)
        }
    }

    @Test func theSameSeedGivesTheSameCommunities() {
        let (points, _) = blobs(centers: 6, perCenter: 40, spread: 0.4, seed: 6)
        let graph = NeighbourGraph.mutualNearestNeighbours(points, k: 6)
        #expect(Louvain(seed: 7).communities(graph) == Louvain(seed: 7).communities(graph))
        let weights = [Float](repeating: 1, count: points.rows)
        let a = ClusterCountSelection(seed: 7).choose(points, weights: weights)
        let b = ClusterCountSelection(seed: 7).choose(points, weights: weights)
        #expect(a.k == b.k)
        #expect(a.centroids == b.centroids)
    }

    @Test func wordingVariantsInsideIntentsDoNotSplitThem() {
        // Four intents, each made of three tight wording variants: the graph finds the variants,
        // but they nest inside the intents, so the coarse count wins.
        var generator = SeededGenerator(seed: 8)
        let d = 24
        var values: [Float] = []
        var truth: [String] = []
        for intent in 0..<4 {
            for variant in 0..<3 {
                for _ in 0..<25 {
                    var v = (0..<d).map { _ in 0.03 * generator.gaussian() }
                    v[intent] += 1
                    v[4 + intent * 3 + variant] += 0.35
                    let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
                    values += v.map { $0 / norm }
                    truth.append("i\(intent)")
                }
            }
        }
        let points = EmbeddingMatrix(rows: truth.count, columns: d, values: values)
        let outcome = IntentClusterer().cluster(points, weights: [Float](repeating: 1, count: points.rows))
        #expect(outcome.clusters == 4)
        #expect(ClusteringScores(predicted: outcome.labels, truth: truth).nmi > 0.95)
    }
}
