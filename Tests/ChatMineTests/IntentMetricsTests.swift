import Testing
@testable import ChatMine

@Suite("Intent clustering metrics")
struct IntentMetricsTests {
    @Test func perfectClusteringUnderAnyNumbering() {
        let scores = ClusteringScores(predicted: [1, 1, 0, 0, 2], truth: ["a", "a", "b", "b", "c"])
        #expect(abs(scores.nmi - 1) < 1e-9)
        #expect(abs(scores.ari - 1) < 1e-9)
        #expect(abs(scores.accuracy - 1) < 1e-9)
    }

    @Test func oneClusterForEverything() {
        let scores = ClusteringScores(predicted: [0, 0, 0, 0], truth: ["a", "a", "b", "b"])
        #expect(abs(scores.nmi) < 1e-9)
        #expect(abs(scores.ari) < 1e-9)
        #expect(abs(scores.accuracy - 0.5) < 1e-9)
    }

    @Test func splitClusterKnownValues() {
        // Hand-worked: H(true) = ln 2, H(pred) = 1.5 ln 2, I = ln 2 → NMI = 2/2.5 = 0.8.
        // Pairs: index 1, a = 1, b = 2, total 6, expected 1/3, max 1.5 → ARI = (2/3)/(7/6) = 4/7.
        let scores = ClusteringScores(predicted: [0, 0, 1, 2], truth: ["x", "x", "y", "y"])
        #expect(abs(scores.nmi - 0.8) < 1e-9)
        #expect(abs(scores.ari - 4.0 / 7.0) < 1e-9)
        #expect(abs(scores.accuracy - 0.75) < 1e-9)
    }

    @Test func noiseIsWrongForAccuracy() {
        let scores = ClusteringScores(predicted: [0, 0, 1, -1], truth: ["a", "a", "b", "b"])
        #expect(abs(scores.accuracy - 0.75) < 1e-9)
        let allNoise = ClusteringScores(predicted: [-1, -1], truth: ["a", "a"])
        #expect(allNoise.accuracy == 0)
    }

    @Test func hungarianFindsTheBestMatching() {
        // Greedy would take 9 first (row 0 → col 0) and end with 9 + 1 = 10; the best is 8 + 8 = 16.
        #expect(HungarianAssignment.maximumWeight([[9, 8], [8, 1]]) == 16)
        #expect(HungarianAssignment.maximumWeight([[1, 2, 3]]) == 3)
        #expect(HungarianAssignment.maximumWeight([[5], [7], [1]]) == 7)
    }
}
