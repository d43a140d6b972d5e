import Foundation
import Testing
@testable import ChatMine

@Suite("Cluster noise rule")
struct ClusterNoiseRuleTests {
    /// One cluster in the plane, symmetric about the x axis: `members` unit points at ±0.1 rad
    /// and two outliers at ±1 rad. The centroid is the x axis, so the members' similarity is
    /// cos 0.1 and the outliers' cos 1 (above the 0.15 floor). With m = 2 outliers of N points
    /// the outliers lie √((N − m) / m) standard deviations below the cluster's mean similarity.
    func cluster(members: Int, deviations: Float = ClusteringSettings().noiseDeviations) -> ClusteringOutcome {
        var values: [Float] = []
        for i in 0..<members {
            let angle: Float = i % 2 == 0 ? 0.1 : -0.1
            values += [cos(angle), sin(angle)]
        }
        for angle: Float in [1, -1] { values += [cos(angle), sin(angle)] }
        let points = EmbeddingMatrix(rows: members + 2, columns: 2, values: values)
        var settings = ClusteringSettings()
        settings.k = 1
        settings.noiseDeviations = deviations
        return IntentClusterer(settings: settings).cluster(points, weights: [Float](repeating: 1, count: members + 2))
    }

    @Test func outliersUnderThreeSigmaStayInTheirCluster() {
        // 16 members: the outliers are √8 ≈ 2.83 σ below the mean (noise under the old 2.5 σ rule).
        let outcome = cluster(members: 16)
        #expect(outcome.labels.allSatisfy { $0 == 0 })
    }

    @Test func outliersBeyondThreeSigmaAreNoise() {
        // 30 members: the outliers are √15 ≈ 3.87 σ below the mean.
        let outcome = cluster(members: 30)
        #expect(outcome.labels.prefix(30).allSatisfy { $0 == 0 })
        #expect(outcome.labels.suffix(2) == [-1, -1])
    }

    @Test func theOldTwoAndAHalfSigmaRuleCalledThemNoise() {
        // The same 16 members: √8 ≈ 2.83 σ is beyond 2.5 σ.
        let outcome = cluster(members: 16, deviations: 2.5)
        #expect(outcome.labels.suffix(2) == [-1, -1])
    }
}
