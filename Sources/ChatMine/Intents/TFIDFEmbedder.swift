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
    /// Source of cross-lingual concept features (nil: none): the built-in support glossary,
    /// or the file named by `$CHATMINE_GLOSSARY`.
    public var glossary: SupportGlossary? = SupportGlossary.configured
    /// When the concept features are used.
    public var conceptFeatures = ConceptFeatureMode.bilingual
    /// Weight of the concept block against the word and character blocks (1 = equal).
    public var conceptWeight: Float = 1
    /// With `.bilingual`, each language must write at least this share of the texts.
    public var bilingualShare = 0.05

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
        let glossary = settings.glossary.flatMap { $0.isEmpty || !usesConcepts(texts) ? nil : $0 }
        let features = TFIDFModel.hashedFeatures(texts, tokenizer: tokenizer, glossary: glossary)
        let minimum = texts.count < 50 ? 1 : settings.minimumDocumentFrequency
        var wordDF: [UInt64: Int32] = [:]
        var charDF: [UInt64: Int32] = [:]
        var conceptDF: [UInt64: Int32] = [:]
        for feature in features {
            for h in Set(feature.words) { wordDF[h, default: 0] += 1 }
            for h in Set(feature.characters) { charDF[h, default: 0] += 1 }
            for h in Set(feature.concepts) { conceptDF[h, default: 0] += 1 }
        }
        func select(_ df: [UInt64: Int32], limit: Int) -> [(UInt64, Int32)] {
            let kept = df.filter { $0.value >= minimum }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            return Array(kept.prefix(limit))
        }
        let concepts = select(conceptDF, limit: settings.maximumFeatures / 8)
        let words = select(wordDF, limit: settings.maximumFeatures / 4)
        let chars = select(charDF, limit: settings.maximumFeatures - words.count - concepts.count)
        var columns: [UInt64: Int32] = [:]
        var idf: [Float] = []
        let n = Float(texts.count)
        for (h, df) in words + chars + concepts {
            columns[h] = Int32(idf.count)
            idf.append(logf((1 + n) / (1 + Float(df))) + 1)
        }
        var model = TFIDFModel(tokenizer: tokenizer, glossary: concepts.isEmpty ? nil : glossary, columns: columns,
                               wordColumns: words.count, conceptStart: words.count + chars.count,
                               conceptWeight: settings.conceptWeight, idf: idf, projection: [], dimensions: 0)
        var sparse = model.sparse(features)
        if !contextDocuments.isEmpty {
            sparse.append(model.sparse(TFIDFModel.hashedFeatures(contextDocuments, tokenizer: tokenizer, glossary: model.glossary)))
        }
        let svd = RandomizedSVD(dimensions: settings.dimensions, seed: settings.seed)
        let (projection, d) = svd.projection(of: sparse)
        model.projection = projection
        model.dimensions = d
        return model
    }
}

extension TFIDFEmbedder {
    /// Whether concept features apply to a corpus: always, never, or when it is bilingual
    /// (Chinese — code-switched included — and Latin-script texts each at least `bilingualShare`).
    func usesConcepts(_ texts: [String]) -> Bool {
        switch settings.conceptFeatures {
        case .always: return true
        case .never: return false
        case .bilingual:
            guard !texts.isEmpty else { return false }
            let mix = ScriptMix.of(texts)
            let minimum = settings.bilingualShare * Double(texts.count)
            return Double(mix.chinese) >= minimum && Double(mix.latin) >= minimum
        }
    }
}

/// When the TF-IDF vectoriser adds glossary concept features.
public enum ConceptFeatureMode: String, Sendable {
    /// Only for corpora written in both Chinese and a Latin-script language.
    case bilingual
    /// For every corpus.
    case always
    /// Never.
    case never
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
    /// Source of the concept block, nil when the model has none.
    let glossary: SupportGlossary?
    /// Feature hash → column: word columns, then character columns, then concept columns.
    let columns: [UInt64: Int32]
    let wordColumns: Int
    let conceptStart: Int
    let conceptWeight: Float
    let idf: [Float]
    var projection: [Float]
    var dimensions: Int

    /// "tfidf-lsa".
    public var name: String { "tfidf-lsa\(dimensions)" }

    /// L2-normalised latent vectors; a text with no known feature gets a zero row.
    public func embed(_ texts: [String]) throws -> EmbeddingMatrix {
        let sparse = sparse(Self.hashedFeatures(texts, tokenizer: tokenizer, glossary: glossary))
        guard dimensions > 0 else {
            return EmbeddingMatrix(rows: texts.count, columns: 1, values: [Float](repeating: 0, count: texts.count))
        }
        var values = sparse.multiply(projection, k: dimensions)
        VectorMath.normalizeRows(&values, columns: dimensions)
        return EmbeddingMatrix(rows: texts.count, columns: dimensions, values: values)
    }

    /// The share of each text's word and character features (by count) in the vocabulary.
    public func coverage(_ texts: [String]) -> [Float] {
        Self.hashedFeatures(texts, tokenizer: tokenizer, glossary: nil).map { feature in
            let all = feature.words.count + feature.characters.count
            guard all > 0 else { return 0 }
            let known = feature.words.filter { columns[$0] != nil }.count + feature.characters.filter { columns[$0] != nil }.count
            return Float(known) / Float(all)
        }
    }

    /// Word, character and (with a glossary) concept feature hashes of each text.
    static func hashedFeatures(_ texts: [String], tokenizer: FeatureTokenizer, glossary: SupportGlossary?) -> [TextFeatures] {
        let normalizer = TextNormalizer()
        return Parallel.map(texts.count) { i in
            let surface = normalizer.tokens(texts[i], stemming: false)
            // Function words are left out (all of them only when nothing else is left): they
            // join unrelated requests ("how do I …") more than they separate intents.
            var content = surface.filter { !Stopwords.contains($0) }
            if content.isEmpty { content = surface }
            let tokens = content.map { $0.hasPrefix("<") ? $0 : Stemmer.fold($0) }
            let concepts = glossary.map { g in g.concepts(in: surface).map { FeatureHash.concept($0) } } ?? []
            return TextFeatures(words: tokenizer.wordFeatures(tokens), characters: tokenizer.characterFeatures(tokens), concepts: concepts)
        }
    }

    /// TF-IDF rows: sublinear tf × idf, each block normalised, the word and character blocks
    /// weighted equally and the concept block by `conceptWeight`.
    func sparse(_ features: [TextFeatures]) -> SparseRows {
        let rows: [([Int32], [Float])] = Parallel.map(features.count) { i in
            var entries: [Int32] = []
            for h in features[i].words { if let c = columns[h] { entries.append(c) } }
            for h in features[i].characters { if let c = columns[h] { entries.append(c) } }
            for h in features[i].concepts { if let c = columns[h] { entries.append(c) } }
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
            // Block 0 words, 1 characters, 2 concepts: each scaled to its share of unit length.
            var norms: [Float] = [0, 0, 0]
            for (c, v) in zip(cols, vals) { norms[block(c)] += v * v }
            let shares: [Float] = [1, 1, conceptWeight]
            let total = (0..<3).reduce(Float(0)) { $0 + (norms[$1] > 0 ? shares[$1] : 0) }
            let scales = (0..<3).map { b in norms[b] > 0 ? (shares[b] / (norms[b] * total)).squareRoot() : 0 }
            for j in vals.indices { vals[j] *= scales[block(cols[j])] }
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

    @inline(__always)
    private func block(_ column: Int32) -> Int {
        Int(column) < wordColumns ? 0 : (Int(column) < conceptStart ? 1 : 2)
    }
}

/// The hashed features of one text, by block.
struct TextFeatures: Sendable {
    var words: [UInt64]
    var characters: [UInt64]
    var concepts: [UInt64]
}

extension FeatureHash {
    /// The feature hash of a glossary concept.
    static func concept(_ index: Int32) -> UInt64 {
        finalize(mix(0x636f_6e63_6570_7473, UInt64(UInt32(bitPattern: index))))
    }
}

#if canImport(Glibc)
import Glibc
#endif

