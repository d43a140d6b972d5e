/// An embedder that learns from the texts it will embed (vocabulary, weights, projection):
/// fit once on a sample, then embed any number of batches with the fitted model.
public protocol FittingEmbedder: Embedder {
    /// A model fitted to `texts`, which then embeds any text.
    func fitted(to texts: [String]) throws -> any Embedder
}

/// Settings of the built-in TF-IDF + LSA vectoriser.
public struct TFIDFSettings: Sendable {
    /// Dimensions kept by the randomised SVD (0 keeps none: raw TF-IDF is not supported densely).
    public var dimensions = 160
    /// A feature must occur in this many texts to count (1 for tiny inputs).
    public var minimumDocumentFrequency = 2
    /// At most this many features, the most frequent first.
    public var maximumFeatures = 1 << 16
    /// Character n-gram lengths inside words.
    public var characterGrams: ClosedRange<Int> = 3...5
    /// Seed of the random projection.
    public var seed: UInt64 = 1

    /// The defaults.
    public init() {}
}

/// The built-in vectoriser: TF-IDF over word uni-/bigrams (CJK characters and bigrams) and
/// character n-grams, sublinear tf, each block L2-normalised, then LSA by randomised SVD and
/// L2 normalisation. `embed` fits on the texts it is given.
public struct TFIDFEmbedder: FittingEmbedder {
    /// Settings used when fitting.
    public var settings: TFIDFSettings

    /// Creates a vectoriser with these settings.
    public init(settings: TFIDFSettings = TFIDFSettings()) {
        self.settings = settings
    }

    /// "tfidf-lsa".
    public var name: String { "tfidf-lsa\(settings.dimensions)" }

    /// Fits to `texts` and embeds them.
    public func embed(_ texts: [String]) throws -> EmbeddingMatrix {
        try fit(texts).embed(texts)
    }

    /// A fitted model, as an `Embedder`.
    public func fitted(to texts: [String]) throws -> any Embedder {
        fit(texts)
    }

    /// Learns the vocabulary, idf weights and projection from `texts`. `contextDocuments`
    /// (e.g. the rephrasings one user typed in one conversation, joined) join the texts when
    /// the projection is learnt, so words that stand for the same request share dimensions.
    public func fit(_ texts: [String], contextDocuments: [String] = []) -> TFIDFModel {
        let tokenizer = FeatureTokenizer(characterGrams: settings.characterGrams)
        let features = TFIDFModel.hashedFeatures(texts, tokenizer: tokenizer)
        let minimum = texts.count < 50 ? 1 : settings.minimumDocumentFrequency
        var wordDF: [UInt64: Int32] = [:]
        var charDF: [UInt64: Int32] = [:]
        for (words, chars) in features {
            for h in Set(words) { wordDF[h, default: 0] += 1 }
            for h in Set(chars) { charDF[h, default: 0] += 1 }
        }
        func select(_ df: [UInt64: Int32], limit: Int) -> [(UInt64, Int32)] {
            let kept = df.filter { $0.value >= minimum }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            return Array(kept.prefix(limit))
        }
        let words = select(wordDF, limit: settings.maximumFeatures / 4)
        let chars = select(charDF, limit: settings.maximumFeatures - words.count)
        var columns: [UInt64: Int32] = [:]
        var idf: [Float] = []
        let n = Float(texts.count)
        for (h, df) in words + chars {
            columns[h] = Int32(idf.count)
            idf.append(logf((1 + n) / (1 + Float(df))) + 1)
        }
        var model = TFIDFModel(tokenizer: tokenizer, columns: columns, wordColumns: words.count, idf: idf, projection: [], dimensions: 0)
        var sparse = model.sparse(features)
        if !contextDocuments.isEmpty {
            sparse.append(model.sparse(TFIDFModel.hashedFeatures(contextDocuments, tokenizer: tokenizer)))
        }
        let svd = RandomizedSVD(dimensions: settings.dimensions, seed: settings.seed)
        let (projection, d) = svd.projection(of: sparse)
        model.projection = projection
        model.dimensions = d
        return model
    }
}

/// An embedder that can tell how much of a text it knows: a fitted vocabulary model embeds a
/// text made of unseen words as noise, and callers comparing runs must not trust that vector.
public protocol CoverageReporting {
    /// For each text, the share (0–1) of its feature weight the embedder knows.
    func coverage(_ texts: [String]) -> [Float]
}

/// A fitted TF-IDF + LSA model: embeds any text into the learnt latent space.
public struct TFIDFModel: Embedder, CoverageReporting, Sendable {
    let tokenizer: FeatureTokenizer
    /// Feature hash → column; word columns come first.
    let columns: [UInt64: Int32]
    let wordColumns: Int
    let idf: [Float]
    var projection: [Float]
    var dimensions: Int

    /// "tfidf-lsa".
    public var name: String { "tfidf-lsa\(dimensions)" }

    /// L2-normalised latent vectors; a text with no known feature gets a zero row.
    public func embed(_ texts: [String]) throws -> EmbeddingMatrix {
        let sparse = sparse(Self.hashedFeatures(texts, tokenizer: tokenizer))
        guard dimensions > 0 else {
            return EmbeddingMatrix(rows: texts.count, columns: 1, values: [Float](repeating: 0, count: texts.count))
        }
        var values = sparse.multiply(projection, k: dimensions)
        VectorMath.normalizeRows(&values, columns: dimensions)
        return EmbeddingMatrix(rows: texts.count, columns: dimensions, values: values)
    }

    /// The share of each text's features (by count, both blocks) that are in the vocabulary.
    public func coverage(_ texts: [String]) -> [Float] {
        Self.hashedFeatures(texts, tokenizer: tokenizer).map { words, chars in
            let all = words.count + chars.count
            guard all > 0 else { return 0 }
            let known = words.filter { columns[$0] != nil }.count + chars.filter { columns[$0] != nil }.count
            return Float(known) / Float(all)
        }
    }

    /// Word and character feature hashes of each text.
    static func hashedFeatures(_ texts: [String], tokenizer: FeatureTokenizer) -> [([UInt64], [UInt64])] {
        let normalizer = TextNormalizer()
        return Parallel.map(texts.count) { i in
            let surface = normalizer.tokens(texts[i], stemming: false)
            // Function words are left out (all of them only when nothing else is left): they
            // join unrelated requests ("how do I …") more than they separate intents.
            var content = surface.filter { !Stopwords.contains($0) }
            if content.isEmpty { content = surface }
            let tokens = content.map { $0.hasPrefix("<") ? $0 : Stemmer.fold($0) }
            return (tokenizer.wordFeatures(tokens), tokenizer.characterFeatures(tokens))
        }
    }

    /// TF-IDF rows: sublinear tf × idf, each block normalised, blocks weighted equally.
    func sparse(_ features: [([UInt64], [UInt64])]) -> SparseRows {
        let rows: [([Int32], [Float])] = Parallel.map(features.count) { i in
            var entries: [Int32] = []
            for h in features[i].0 { if let c = columns[h] { entries.append(c) } }
            for h in features[i].1 { if let c = columns[h] { entries.append(c) } }
            entries.sort()
            var cols: [Int32] = []
            var vals: [Float] = []
            var index = 0
            while index < entries.count {
                var end = index + 1
                while end < entries.count && entries[end] == entries[index] { end += 1 }
                cols.append(entries[index])
                vals.append((1 + logf(Float(end - index))) * idf[Int(entries[index])])
                index = end
            }
            var wordNorm: Float = 0, charNorm: Float = 0
            for (c, v) in zip(cols, vals) {
                if Int(c) < wordColumns { wordNorm += v * v } else { charNorm += v * v }
            }
            let blocks = Float((wordNorm > 0 ? 1 : 0) + (charNorm > 0 ? 1 : 0))
            let wordScale = wordNorm > 0 ? 1 / (wordNorm * blocks).squareRoot() : 0
            let charScale = charNorm > 0 ? 1 / (charNorm * blocks).squareRoot() : 0
            for j in vals.indices { vals[j] *= Int(cols[j]) < wordColumns ? wordScale : charScale }
            return (cols, vals)
        }
        var offsets = [0]
        offsets.reserveCapacity(rows.count + 1)
        var allColumns: [Int32] = []
        var allValues: [Float] = []
        for (cols, vals) in rows {
            allColumns.append(contentsOf: cols)
            allValues.append(contentsOf: vals)
            offsets.append(allColumns.count)
        }
        return SparseRows(offsets: offsets, columns: allColumns, values: allValues, width: idf.count)
    }
}

#if canImport(Glibc)
import Glibc
#endif

