/// How well scores agree with human labels: Pearson r for numeric ratings, and macro-F1 and
/// accuracy of the two classes (positive when the score is ≥ 0).
public struct SentimentEvaluation: Sendable, Equatable {
    /// Whether the truth was numeric ratings or 0/1 classes.
    public enum Truth: String, Sendable {
        case numeric, binary
    }

    /// Texts scored.
    public var count: Int
    /// Texts left out because they were empty.
    public var skipped: Int
    public var truth: Truth
    /// Pearson correlation of scores with numeric ratings (nil for 0/1 labels).
    public var pearson: Double?
    /// Texts in the two-class comparison (numeric ratings of exactly 0 are left out).
    public var classified: Int
    /// Mean of the positive-class and negative-class F1.
    public var macroF1: Double
    /// Share of texts whose class the score gets right.
    public var accuracy: Double

    /// Compares `scores` with the labels of `items` (same order). Numeric labels above
    /// `neutral` count as positive, below it as negative, equal to it are left out of the
    /// class measures (0 for VADER's −4 … +4 means; 3 for 1–5 stars).
    public init(items: [LabelledText], scores: [Double], skipped: Int = 0, neutral: Double = 0) {
        precondition(items.count == scores.count, "one score per item")
        count = items.count
        self.skipped = skipped
        let binary = !items.isEmpty && items.allSatisfy { $0.truth == 0 || $0.truth == 1 }
        truth = binary ? .binary : .numeric
        pearson = binary ? nil : Self.pearson(items.map(\.truth), scores)
        var truePositive = 0, falsePositive = 0, trueNegative = 0, falseNegative = 0
        for (item, score) in zip(items, scores) {
            let actual: Bool
            if binary {
                actual = item.truth == 1
            } else {
                if item.truth == neutral { continue }
                actual = item.truth > neutral
            }
            let predicted = score >= 0
            switch (actual, predicted) {
            case (true, true): truePositive += 1
            case (false, true): falsePositive += 1
            case (false, false): trueNegative += 1
            case (true, false): falseNegative += 1
            }
        }
        classified = truePositive + falsePositive + trueNegative + falseNegative
        let positiveF1 = Self.f1(truePositive, falsePositive, falseNegative)
        let negativeF1 = Self.f1(trueNegative, falseNegative, falsePositive)
        macroF1 = (positiveF1 + negativeF1) / 2
        accuracy = classified == 0 ? 0 : Double(truePositive + trueNegative) / Double(classified)
    }

    /// F1 of one class from its true positives, false positives and false negatives.
    static func f1(_ hits: Int, _ falseAlarms: Int, _ misses: Int) -> Double {
        let denominator = 2 * hits + falseAlarms + misses
        return denominator == 0 ? 0 : Double(2 * hits) / Double(denominator)
    }

    /// Pearson's r; nil when either side has no variance.
    static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count > 1 else { return nil }
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var covariance = 0.0, varianceX = 0.0, varianceY = 0.0
        for (a, b) in zip(x, y) {
            covariance += (a - meanX) * (b - meanY)
            varianceX += (a - meanX) * (a - meanX)
            varianceY += (b - meanY) * (b - meanY)
        }
        guard varianceX > 0, varianceY > 0 else { return nil }
        return covariance / (varianceX * varianceY).squareRoot()
    }
}
