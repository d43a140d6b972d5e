import Foundation

/// Agreement between predicted clusters and true labels. Conventions: noise (label -1) is one
/// more cluster for NMI and ARI, and always wrong for ACC. NMI uses the arithmetic mean of the
/// entropies (scikit-learn's default); ACC maps clusters to labels one-to-one (Hungarian).
public struct ClusteringScores: Sendable, Codable {
    /// Normalised mutual information, 0–1.
    public var nmi: Double
    /// Adjusted Rand index, −0.5–1.
    public var ari: Double
    /// Accuracy under the best one-to-one mapping of clusters to labels, 0–1.
    public var accuracy: Double

    /// Scores `predicted` (cluster per item, -1 noise) against `truth` (label per item).
    public init(predicted: [Int], truth: [String]) {
        precondition(predicted.count == truth.count)
        let labelIndex = Dictionary(uniqueKeysWithValues: Set(truth).sorted().enumerated().map { ($1, $0) })
        let labels = truth.map { labelIndex[$0] ?? 0 }
        let clusterIDs = Set(predicted).sorted()
        let clusterIndex = Dictionary(uniqueKeysWithValues: clusterIDs.enumerated().map { ($1, $0) })
        let clusters = predicted.map { clusterIndex[$0] ?? 0 }
        let rows = clusterIDs.count, columns = labelIndex.count
        var table = [[Int]](repeating: [Int](repeating: 0, count: columns), count: rows)
        for (c, l) in zip(clusters, labels) { table[c][l] += 1 }
        let n = Double(predicted.count)
        nmi = Self.nmi(table, n: n)
        ari = Self.ari(table, n: n)
        var weights = table
        if let noise = clusterIndex[-1] { weights[noise] = [Int](repeating: 0, count: columns) }
        let matched = HungarianAssignment.maximumWeight(weights)
        accuracy = n > 0 ? Double(matched) / n : 0
    }

    static func nmi(_ table: [[Int]], n: Double) -> Double {
        guard n > 0 else { return 0 }
        let rowSums = table.map { Double($0.reduce(0, +)) }
        let columnSums = (0..<(table.first?.count ?? 0)).map { j in Double(table.reduce(0) { $0 + $1[j] }) }
        func entropy(_ sums: [Double]) -> Double {
            sums.reduce(0) { $1 > 0 ? $0 - ($1 / n) * log($1 / n) : $0 }
        }
        var mutual = 0.0
        for (i, row) in table.enumerated() {
            for (j, count) in row.enumerated() where count > 0 {
                let p = Double(count) / n
                mutual += p * log(p * n * n / (rowSums[i] * columnSums[j]))
            }
        }
        let hu = entropy(rowSums), hv = entropy(columnSums)
        if hu == 0 && hv == 0 { return 1 }
        let denominator = (hu + hv) / 2
        return denominator > 0 ? max(0, mutual / denominator) : 0
    }

    static func ari(_ table: [[Int]], n: Double) -> Double {
        func pairs(_ x: Double) -> Double { x * (x - 1) / 2 }
        let index = table.reduce(0.0) { $0 + $1.reduce(0.0) { $0 + pairs(Double($1)) } }
        let a = table.reduce(0.0) { $0 + pairs(Double($1.reduce(0, +))) }
        let b = (0..<(table.first?.count ?? 0)).reduce(0.0) { sum, j in sum + pairs(Double(table.reduce(0) { $0 + $1[j] })) }
        let total = pairs(n)
        guard total > 0 else { return 1 }
        let expected = a * b / total
        let maximum = (a + b) / 2
        guard maximum != expected else { return 1 }
        return (index - expected) / (maximum - expected)
    }
}

/// The Hungarian (Kuhn–Munkres) algorithm for the best one-to-one assignment.
enum HungarianAssignment {
    /// The largest total weight of a one-to-one matching of rows to columns.
    static func maximumWeight(_ weights: [[Int]]) -> Int {
        let rows = weights.count, columns = weights.first?.count ?? 0
        let size = max(rows, columns)
        guard size > 0 else { return 0 }
        let maximum = weights.flatMap { $0 }.max() ?? 0
        // Minimise cost = maximum − weight on a square matrix padded with zero weights.
        var cost = [[Int]](repeating: [Int](repeating: maximum, count: size + 1), count: size + 1)
        for i in 0..<rows { for j in 0..<columns { cost[i + 1][j + 1] = maximum - weights[i][j] } }
        var u = [Int](repeating: 0, count: size + 1), v = [Int](repeating: 0, count: size + 1)
        var match = [Int](repeating: 0, count: size + 1), way = [Int](repeating: 0, count: size + 1)
        for i in 1...size {
            match[0] = i
            var j0 = 0
            var minimum = [Int](repeating: Int.max, count: size + 1)
            var used = [Bool](repeating: false, count: size + 1)
            repeat {
                used[j0] = true
                let i0 = match[j0]
                var delta = Int.max, j1 = 0
                for j in 1...size where !used[j] {
                    let current = cost[i0][j] - u[i0] - v[j]
                    if current < minimum[j] { minimum[j] = current; way[j] = j0 }
                    if minimum[j] < delta { delta = minimum[j]; j1 = j }
                }
                for j in 0...size {
                    if used[j] { u[match[j]] += delta; v[j] -= delta } else { minimum[j] -= delta }
                }
                j0 = j1
            } while match[j0] != 0
            repeat {
                let j1 = way[j0]
                match[j0] = match[j1]
                j0 = j1
            } while j0 != 0
        }
        var total = 0
        for j in 1...size where match[j] >= 1 && match[j] <= rows && j <= columns {
            total += weights[match[j] - 1][j - 1]
        }
        return total
    }
}
