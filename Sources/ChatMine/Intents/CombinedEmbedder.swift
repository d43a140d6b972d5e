import Foundation

/// A pretrained sentence-embedding model joined with the built-in TF-IDF + LSA vectoriser: each
/// text's model vector and its keyword vector, each L2-normalised, are concatenated (the keyword
/// part scaled by `keywordWeight`) and the whole row renormalised. The cosine of two rows is then
/// `(cos_model + w² · cos_keywords) / (1 + w²)`: the model carries meaning, the keywords the
/// corpus' own vocabulary (product names, jargon) the model was not trained on.
public struct CombinedEmbedder: FittingEmbedder {
    /// The pretrained model.
    public let model: any Embedder
    /// The keyword vectoriser, fitted to the texts being clustered.
    public let keywords: TFIDFEmbedder
    /// Scale of the keyword part against the model part (1 = equal length).
    public let keywordWeight: Float

    /// The weight used unless told otherwise: the keyword part gets w²/(1+w²) = 20% of each
    /// cosine. Chosen on held-out sets (BANKING77 train, SMP2020) from {0.5, 0.7}; equal
    /// weight (1) drowned the model's meaning (see docs/EMBEDDINGS.md "Combined vectors").
    public static let defaultKeywordWeight: Float = 0.5

    /// Joins `model` with `keywords`, the keyword part scaled by `keywordWeight` (≥ 0).
    public init(model: any Embedder, keywords: TFIDFEmbedder = TFIDFEmbedder(), keywordWeight: Float = CombinedEmbedder.defaultKeywordWeight) {
        precondition(keywordWeight >= 0 && keywordWeight.isFinite, "CombinedEmbedder: keyword weight \(keywordWeight)")
        self.model = model
        self.keywords = keywords
        self.keywordWeight = keywordWeight
    }

    /// "<model>+tfidf-lsa<d>".
    public var name: String { "\(model.name)+\(keywords.name)" }

    /// Fits the keyword part to `texts` and embeds them.
    public func embed(_ texts: [String]) throws -> EmbeddingMatrix {
        try fit(texts).embed(texts)
    }

    /// A fitted combination, as an `Embedder`.
    public func fitted(to texts: [String]) throws -> any Embedder {
        try fit(texts)
    }

    /// Fits the keyword part to `texts` (with `contextDocuments`, as `TFIDFEmbedder.fit`) and,
    /// when the model itself learns from the texts, the model part too.
    public func fit(_ texts: [String], contextDocuments: [String] = []) throws -> CombinedModel {
        let fittedModel = try (model as? any FittingEmbedder)?.fitted(to: texts) ?? model
        return CombinedModel(model: fittedModel, keywords: keywords.fit(texts, contextDocuments: contextDocuments), keywordWeight: keywordWeight)
    }
}

/// A combination whose keyword part is fitted: embeds any text.
public struct CombinedModel: Embedder {
    /// The pretrained model.
    public let model: any Embedder
    /// The fitted keyword model.
    public let keywords: TFIDFModel
    /// Scale of the keyword part.
    public let keywordWeight: Float

    /// "<model>+tfidf-lsa<d>".
    public var name: String { "\(model.name)+\(keywords.name)" }

    /// Model vector ⧺ weight × keyword vector, each part normalised first, the row renormalised.
    public func embed(_ texts: [String]) throws -> EmbeddingMatrix {
        let semantic = try model.embed(texts)
        let lexical = try keywords.embed(texts)
        return Self.join(semantic, lexical, weight: keywordWeight)
    }

    /// Joins two matrices of the same rows: each row part L2-normalised (a zero part stays
    /// zero), the second scaled by `weight`, the joined row L2-normalised.
    static func join(_ first: EmbeddingMatrix, _ second: EmbeddingMatrix, weight: Float) -> EmbeddingMatrix {
        precondition(first.rows == second.rows, "CombinedModel: \(first.rows) and \(second.rows) rows")
        let a = first.columns
        let b = second.columns
        let width = a + b
        var values = [Float](repeating: 0, count: first.rows * width)
        values.withUnsafeMutableBufferPointer { out in
            first.values.withUnsafeBufferPointer { left in
                second.values.withUnsafeBufferPointer { right in
                    guard let o = out.baseAddress, let l = left.baseAddress, let r = right.baseAddress else { return }
                    for row in 0..<first.rows {
                        let target = o + row * width
                        target.update(from: l + row * a, count: a)
                        (target + a).update(from: r + row * b, count: b)
                        _ = VectorMath.normalize(target, a)
                        _ = VectorMath.normalize(target + a, b)
                        for j in 0..<b { target[a + j] *= weight }
                        _ = VectorMath.normalize(target, width)
                    }
                }
            }
        }
        return EmbeddingMatrix(rows: first.rows, columns: width, values: values)
    }
}
