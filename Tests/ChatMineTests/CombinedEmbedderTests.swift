import Foundation
import Testing
@testable import ChatMine

@Suite("Combined embedder: model vectors joined with TF-IDF keywords")
struct CombinedEmbedderTests {
    /// A stand-in sentence model: a fixed 2-D vector per text (not normalised on purpose).
    struct TableModel: Embedder {
        let table: [String: [Float]]
        var name: String { "table" }
        func embed(_ texts: [String]) throws -> EmbeddingMatrix {
            EmbeddingMatrix(rows: texts.count, columns: 2, values: texts.flatMap { table[$0] ?? [0, 0] })
        }
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
    static func length(_ a: [Float]) -> Float { cosine(a, a).squareRoot() }

    @Test("each part is normalised, the keyword part scaled, the row renormalised")
    func joinByHand() {
        // Model row (3, 4) → (0.6, 0.8); keyword row (0, 2, 0) → (0, 1, 0); weight 1 → / √2.
        let model = EmbeddingMatrix(rows: 2, columns: 2, values: [3, 4, 0, 5])
        let keywords = EmbeddingMatrix(rows: 2, columns: 3, values: [0, 2, 0, 0, 0, 0])
        let joined = CombinedModel.join(model, keywords, weight: 1)
        #expect(joined.rows == 2 && joined.columns == 5)
        let s = Float(2).squareRoot()
        let expected: [Float] = [0.6 / s, 0.8 / s, 0, 1 / s, 0]
        for (x, y) in zip(joined.row(0), expected) { #expect(abs(x - y) < 1e-6) }
        // A text with no known keyword keeps its model direction, at unit length.
        let second = joined.row(1)
        #expect(abs(second[1] - 1) < 1e-6 && second[0] == 0 && second[2...].allSatisfy { $0 == 0 })
        // Weight 0.5 on (0.6, 0.8 | 0, 1, 0): length √1.25.
        let half = CombinedModel.join(model, keywords, weight: 0.5).row(0)
        #expect(abs(half[3] - 0.5 / Float(1.25).squareRoot()) < 1e-6)
        #expect(abs(Self.length(half) - 1) < 1e-6)
    }

    @Test("the joined cosine is (cos model + w² cos keywords) / (1 + w²), so both parts' neighbours stay near")
    func keepsBothNeighbourhoods() {
        // a's model neighbour is b, its keyword neighbour is c; d is far from a in both.
        let model = EmbeddingMatrix(rows: 4, columns: 2, values: [1, 0,  1, 0,  0, 1,  0, 1])
        let keywords = EmbeddingMatrix(rows: 4, columns: 2, values: [1, 0,  0, 1,  1, 0,  0, 1])
        let joined = CombinedModel.join(model, keywords, weight: 1)
        let a = joined.row(0), b = joined.row(1), c = joined.row(2), d = joined.row(3)
        // Hand-worked: cos(a,b) = (1 + 0)/2, cos(a,c) = (0 + 1)/2, cos(a,d) = 0.
        #expect(abs(Self.cosine(a, b) - 0.5) < 1e-6)
        #expect(abs(Self.cosine(a, c) - 0.5) < 1e-6)
        #expect(abs(Self.cosine(a, d)) < 1e-6)
        // Weight 0.5: keywords count a quarter as much: (0 + 0.25 · 1) / 1.25 = 0.2.
        let quarter = CombinedModel.join(model, keywords, weight: 0.5)
        #expect(abs(Self.cosine(quarter.row(0), quarter.row(2)) - 0.2) < 1e-6)
        #expect(abs(Self.cosine(quarter.row(0), quarter.row(1)) - 0.8) < 1e-6)
    }

    @Test("fitted on a tiny corpus: unit rows, both parts present, the same vectors every time")
    func endToEnd() throws {
        let texts = ["reset my password", "forgot my password", "card arrived broken", "card never arrived", "hello"]
        // The model calls texts 0 and 2 alike, the keywords join 0–1 and 2–3 (shared words).
        let table: [String: [Float]] = [texts[0]: [2, 0], texts[1]: [0, 3], texts[2]: [1, 0.1], texts[3]: [0.1, 1], texts[4]: [1, 1]]
        let combined = CombinedEmbedder(model: TableModel(table: table), keywordWeight: 1)
        #expect(combined.name.hasPrefix("table+tfidf-lsa"))
        let first = try combined.embed(texts)
        let second = try combined.embed(texts)
        #expect(first.values == second.values)
        #expect(first.columns > 2)
        for r in 0..<first.rows { #expect(abs(Self.length(first.row(r)) - 1) < 1e-5) }
        // Model part of row 0 is (2, 0) normalised → (1, 0) before the 1/√2 of the join.
        #expect(abs(first.row(0)[0] - 1 / Float(2).squareRoot()) < 1e-5)
        // Model neighbours stay near: 0–2 closer than 0–3 (their keywords share nothing).
        #expect(Self.cosine(first.row(0), first.row(2)) > Self.cosine(first.row(0), first.row(3)))
        // Keyword neighbours stay near: 0–1 share "password" though the model calls them orthogonal.
        #expect(Self.cosine(first.row(0), first.row(1)) > Self.cosine(first.row(0), first.row(3)))
    }
}
