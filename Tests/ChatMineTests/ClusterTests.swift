import Testing
@testable import ChatMine

@Suite("Intent clustering")
struct ClusterTests {
    /// Points scattered around `centers` orthogonal axes in 12 dimensions.
    func separable(centers: Int, perCenter: Int, seed: UInt64) -> (EmbeddingMatrix, [String]) {
        var generator = SeededGenerator(seed: seed)
        let d = 12
        var values: [Float] = []
        var truth: [String] = []
        for c in 0..<centers {
            for _ in 0..<perCenter {
                var v = (0..<d).map { _ in 0.15 * generator.gaussian() }
                v[c] += 1
                let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
                values += v.map { $0 / norm }
                truth.append("c\(c)")
            }
        }
        return (EmbeddingMatrix(rows: centers * perCenter, columns: d, values: values), truth)
    }

    @Test func findsTheNumberOfSeparableClusters() {
        let (points, truth) = separable(centers: 5, perCenter: 30, seed: 3)
        let outcome = IntentClusterer().cluster(points, weights: [Float](repeating: 1, count: points.rows))
        #expect(outcome.clusters == 5)
        let scores = ClusteringScores(predicted: outcome.labels, truth: truth)
        #expect(scores.nmi > 0.95)
        #expect(outcome.labels.filter { $0 < 0 }.count <= 3)
    }

    @Test func forcedKIsRespected() {
        let (points, _) = separable(centers: 4, perCenter: 20, seed: 5)
        var settings = ClusteringSettings()
        settings.k = 2
        let outcome = IntentClusterer(settings: settings).cluster(points, weights: [Float](repeating: 1, count: points.rows))
        #expect(outcome.clusters == 2)
    }

    @Test func sameSeedSameClusters() {
        let (points, _) = separable(centers: 4, perCenter: 25, seed: 9)
        let weights = [Float](repeating: 1, count: points.rows)
        let a = IntentClusterer().cluster(points, weights: weights)
        let b = IntentClusterer().cluster(points, weights: weights)
        #expect(a.labels == b.labels)
        #expect(a.centroids == b.centroids)
    }

    @Test func anOutlierStaysUnclustered() {
        let (points, _) = separable(centers: 3, perCenter: 30, seed: 11)
        var values = points.values
        // A point on an axis no cluster uses.
        var outlier = [Float](repeating: 0, count: 12)
        outlier[10] = 1
        values += outlier
        let withOutlier = EmbeddingMatrix(rows: points.rows + 1, columns: 12, values: values)
        let outcome = IntentClusterer().cluster(withOutlier, weights: [Float](repeating: 1, count: withOutlier.rows))
        #expect(outcome.labels.last == -1)
        #expect(outcome.clusters == 3)
    }

    @Test func textTopicsAreRecovered() throws {
        let samples = IntentSamples.utterances()
        let result = try IntentDiscovery(embedder: TFIDFEmbedder()).discover(samples.map(\.0))
        let scores = ClusteringScores(predicted: result.itemLabels, truth: samples.map(\.1))
        #expect(result.outcome.clusters == 3)
        #expect(scores.nmi > 0.9)
    }

    @Test func clustersAreNamedFromTheirTerms() throws {
        let samples = IntentSamples.utterances()
        let result = try IntentDiscovery(embedder: TFIDFEmbedder()).discover(samples.map(\.0))
        let terms = ClusterTerms(groups: result.groups, labels: result.outcome.labels, clusters: result.outcome.clusters)
        var names: [String: String] = [:]
        for c in 0..<result.outcome.clusters {
            let members = result.itemLabels.indices.filter { result.itemLabels[$0] == c }
            let topic = samples[members[0]].1
            let name = ClusterTerms.name(from: terms.top(c))
            names[topic] = name
            #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" })
        }
        #expect(names["reset_password"]?.contains("password") == true)
        #expect(names["track_order"]?.contains("order") == true)
        #expect(names["cancel_subscription"]?.contains("subscription") == true)
    }

    @Test func nameSkipsRepeatedWords() {
        #expect(ClusterTerms.name(from: ["card arrive", "card", "arrive", "new card", "delivery"]) == "card_arrive")
        #expect(ClusterTerms.name(from: ["account", "joint", "joint account", "people"]) == "joint_account")
        #expect(ClusterTerms.name(from: ["refund", "late", "money"]) == "refund_late_money")
        #expect(ClusterTerms.name(from: []) == "unnamed")
    }
}

@Suite("Intent discovery conversation context")
struct IntentContextTests {
    func group(_ text: String, _ members: [Int]) -> UtteranceGroup {
        UtteranceGroup(key: text, text: text, count: members.count, members: members)
    }

    @Test func rephrasingsInOneConversationPullTogether() {
        // Items 0 and 1 share conversation 7; item 2 is alone in conversation 8.
        var m = EmbeddingMatrix(rows: 3, columns: 3, values: [1, 0, 0, 0, 1, 0, 0, 0, 1])
        let groups = [group("a", [0]), group("b", [1]), group("c", [2])]
        IntentDiscovery.smooth(&m, groups: groups, contexts: [7, 7, 8], weight: 1)
        // Hand-worked: (1, 0, 0) + 1 · (0, 1, 0), normalised, is (1/√2, 1/√2, 0); the same for b.
        let half = Float(0.5).squareRoot()
        #expect(zip(m.row(0), [half, half, 0]).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(zip(m.row(1), [half, half, 0]).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(m.row(2) == [0, 0, 1])
    }

    @Test func conversationsWithSeveralUtterancesBecomeDocuments() {
        let groups = [group("make the app darker", [0, 3]), group("dark mode please", [1]), group("refund", [2])]
        let documents = IntentDiscovery.contextDocuments(groups: groups, contexts: [5, 5, 6, 6], limit: 10)
        #expect(documents == ["make the app darker\ndark mode please", "refund\nmake the app darker"])
    }
}
