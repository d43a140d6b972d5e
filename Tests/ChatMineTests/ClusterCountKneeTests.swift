import Foundation
import Testing
@testable import ChatMine

@Suite("Silhouette peak and knee")
struct ClusterCountKneeTests {
    /// The selection's geometric grid of k from 2 to 79 (×1.3 per step, rounded).
    let grid = [2, 3, 4, 6, 7, 10, 13, 16, 21, 28, 36, 47, 61, 79]

    /// A curve linear in log k through (2, low), bending at `bend` with `value`, then rising
    /// more slowly to (79, high): piecewise linear, so its knee is the bend by construction.
    func bentCurve(bend: Int, low: Double, value: Double, high: Double) -> [Double] {
        grid.map { k in
            let x = log(Double(k))
            if k <= bend { return low + (value - low) * (x - log(2)) / (log(Double(bend)) - log(2)) }
            return value + (high - value) * (x - log(Double(bend))) / (log(79) - log(Double(bend)))
        }
    }

    @Test func aCurveStillRisingAtTheGridsEndGivesItsKnee() throws {
        // Steep to k = 10 (0.05 → 0.21), then slow to 0.29 at k = 79: the shape of the mixed
        // log whose coarse peak fell just under 80 % of the best. No interior maximum, so the
        // old rule took the grid's end, 79; the knee is the bend at 10.
        let scores = bentCurve(bend: 10, low: 0.05, value: 0.21, high: 0.29)
        let position = ClusterCountSelection.coarsePeak(grid: grid, scores: scores, peakShare: 0.8, minimumKneeHeight: 0.1)
        #expect(grid[position] == 10)
        // With the knee switched off (height above 1 is impossible) the end is taken, as before.
        let old = ClusterCountSelection.coarsePeak(grid: grid, scores: scores, peakShare: 0.8, minimumKneeHeight: 2)
        #expect(grid[old] == 79)
    }

    @Test func aSmallBumpJustUnderTheShareNoLongerFallsToTheEnd() throws {
        // The same curve with a local peak at 16 worth 79 % of the best: under the share, so
        // not a good peak; the answer stays coarse (the knee at 10) instead of jumping to 79.
        var scores = bentCurve(bend: 10, low: 0.05, value: 0.21, high: 0.29)
        let i16 = try #require(grid.firstIndex(of: 16))
        scores[i16] = 0.79 * 0.29
        scores[i16 + 1] = scores[i16] - 0.002
        let position = ClusterCountSelection.coarsePeak(grid: grid, scores: scores, peakShare: 0.8, minimumKneeHeight: 0.1)
        #expect(grid[position] <= 16)
        // At 81 % the bump is a good peak and wins, as before.
        scores[i16] = 0.81 * 0.29
        let peaked = ClusterCountSelection.coarsePeak(grid: grid, scores: scores, peakShare: 0.8, minimumKneeHeight: 0.1)
        #expect(grid[peaked] == 16)
    }

    @Test func aConvexOrStraightCurveKeepsTheGridsEnd() {
        // Linear in log k: no knee. Convex (slow, then fast: many real topics, as on BANKING77
        // TF-IDF): below its chord everywhere, no knee. Both keep the end of the grid.
        let straight = grid.map { 0.05 + 0.06 * log(Double($0)) }
        #expect(ClusterCountSelection.knee(grid: grid, scores: straight, minimumHeight: 0.1) == nil)
        #expect(grid[ClusterCountSelection.coarsePeak(grid: grid, scores: straight, peakShare: 0.8, minimumKneeHeight: 0.1)] == 79)
        let convex = bentCurve(bend: 21, low: 0.05, value: 0.10, high: 0.30)
        #expect(ClusterCountSelection.knee(grid: grid, scores: convex, minimumHeight: 0.1) == nil)
        #expect(grid[ClusterCountSelection.coarsePeak(grid: grid, scores: convex, peakShare: 0.8, minimumKneeHeight: 0.1)] == 79)
    }

    @Test func anInteriorPeakStillWins() {
        // Rises to 0.30 at k = 13, dips, then 0.28 at 79: the first good peak is 13.
        let scores: [Double] = [0.05, 0.08, 0.11, 0.17, 0.2, 0.26, 0.30, 0.29, 0.27, 0.25, 0.24, 0.25, 0.26, 0.28]
        #expect(grid[ClusterCountSelection.coarsePeak(grid: grid, scores: scores, peakShare: 0.8, minimumKneeHeight: 0.1)] == 13)
    }
}
