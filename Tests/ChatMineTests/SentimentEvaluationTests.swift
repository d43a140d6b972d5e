import Foundation
import Testing
@testable import ChatMine

@Suite("Sentiment evaluation")
struct SentimentEvaluationTests {
    @Test func pearsonOfKnownVectors() throws {
        let r = try #require(SentimentEvaluation.pearson([1, 2, 3, 4], [2, 4, 6, 8]))
        #expect(abs(r - 1) < 1e-12)
        let inverse = try #require(SentimentEvaluation.pearson([1, 2, 3], [3, 2, 1]))
        #expect(abs(inverse + 1) < 1e-12)
        // x = 1,2,3; y = 1,3,2: cov = 1, var x = 2, var y = 2 → r = 0.5.
        let half = try #require(SentimentEvaluation.pearson([1, 2, 3], [1, 3, 2]))
        #expect(abs(half - 0.5) < 1e-12)
        #expect(SentimentEvaluation.pearson([1, 1], [1, 2]) == nil)
    }

    @Test func numericTruthLeavesOutZerosAndUsesSign() {
        let items = [2.0, 1.0, -1.5, 0.0, -3.0].map { LabelledText(text: "x", truth: $0) }
        // Scores: TP, FN (score < 0 for a positive), TN, (left out), FP (score 0 counts positive).
        let result = SentimentEvaluation(items: items, scores: [0.5, -0.2, -0.7, 0.9, 0.0])
        #expect(result.truth == .numeric)
        #expect(result.classified == 4)
        #expect(result.accuracy == 0.5)
        // Positive F1 = 2·1/(2·1+1+1) = 0.5; negative F1 likewise 0.5.
        #expect(abs(result.macroF1 - 0.5) < 1e-12)
        #expect(result.pearson != nil)
    }

    @Test func starRatingsUseTheNeutralPoint() {
        let items = [5.0, 4.0, 3.0, 2.0, 1.0].map { LabelledText(text: "x", truth: $0) }
        let result = SentimentEvaluation(items: items, scores: [0.6, -0.1, 0.0, -0.5, 0.2], neutral: 3)
        // 3 is left out; 5 right, 4 wrong, 2 right, 1 wrong.
        #expect(result.classified == 4)
        #expect(result.accuracy == 0.5)
    }

    @Test func binaryTruth() {
        let items = [1.0, 1.0, 1.0, 0.0].map { LabelledText(text: "x", truth: $0) }
        let result = SentimentEvaluation(items: items, scores: [0.1, 0.0, -0.3, -0.4])
        #expect(result.truth == .binary)
        #expect(result.pearson == nil)
        #expect(result.accuracy == 0.75)
        // Positive: TP 2, FN 1 → F1 0.8; negative: TP 1, FP 1 → F1 2/3.
        #expect(abs(result.macroF1 - (0.8 + 2.0 / 3.0) / 2) < 1e-12)
    }

    @Test func readsVADERGroundTruth() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vader-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "1\t2.5\tI love it\r\n2\t-1.25\tmeh, bad\tstill text\r\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (items, skipped) = try SentimentEvaluationFile.read(path: path, textColumn: nil, labelColumn: nil)
        #expect(skipped == 0)
        #expect(items == [LabelledText(text: "I love it", truth: 2.5), LabelledText(text: "meh, bad\tstill text", truth: -1.25)])
    }

    @Test func readsCSVWithQuotesAndNewlines() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("eval-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "label,review\n1,\"good, \"\"really\"\"\nnice\"\n0,bad\n1,\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (items, skipped) = try SentimentEvaluationFile.read(path: path, textColumn: nil, labelColumn: nil)
        #expect(items == [LabelledText(text: "good, \"really\"\nnice", truth: 1), LabelledText(text: "bad", truth: 0)])
        #expect(skipped == 1)
        #expect(throws: ChatMineError.self) {
            try SentimentEvaluationFile.read(path: path, textColumn: "body", labelColumn: nil)
        }
    }
}
