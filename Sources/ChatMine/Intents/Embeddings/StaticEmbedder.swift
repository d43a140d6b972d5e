/// A static sentence-embedding model (WordLlama, Model2Vec and the like): one vector per
/// vocabulary token; a text's vector is the mean of its tokens' vectors, L2-normalised.
/// A text without tokens (empty) gets the zero vector.
public struct StaticEmbedder: Embedder, Sendable {
    /// A short name stamped into outputs, e.g. "wordllama-l2-supercat-256".
    public let name: String
    /// Number of dimensions of each vector.
    public let dimension: Int
    let tokenizer: any TextTokenizer
    private let table: FloatStorage
    private let tokenCount: Int

    /// A model from its tokenizer and its `tokens × dimension` embedding table.
    init(name: String, tokenizer: any TextTokenizer, table: FloatStorage, tokens: Int, dimension: Int) {
        self.name = name
        self.tokenizer = tokenizer
        self.table = table
        self.tokenCount = tokens
        self.dimension = dimension
    }

    /// Vectors for `texts`, one L2-normalised row each (zero for a text without tokens).
    public func embed(_ texts: [String]) throws -> EmbeddingMatrix {
        var values = [Float](repeating: 0, count: texts.count * dimension)
        let tokenizer = self.tokenizer
        let table = self.table
        let dimension = self.dimension
        let lastToken = Int32(tokenCount - 1)
        values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let output = SharedRows(base: base, columns: dimension)
            let caches = WorkerCaches(count: ParallelRows.workerCount)
            ParallelRows.run(count: texts.count, blockSize: 2048) { worker, range in
                caches.with(worker) { cache in
                    for index in range {
                        let target = output.row(index)
                        for id in tokenizer.encode(texts[index], cache: &cache) {
                            let source = table.pointer + Int(min(max(id, 0), lastToken)) * dimension
                            for column in 0..<dimension { target[column] += source[column] }
                        }
                    }
                }
                normalizeRows(output.row(range.lowerBound), rows: range.count, columns: dimension)
            }
        }
        return EmbeddingMatrix(rows: texts.count, columns: dimension, values: values)
    }

    /// Token ids of `text` as this model sees it (no special tokens).
    public func tokenIDs(_ text: String) -> [Int] {
        tokenizer.encode(text).map(Int.init)
    }
}

/// One tokenisation cache per worker thread, each touched only by its own worker.
final class WorkerCaches: @unchecked Sendable {
    private let caches: UnsafeMutablePointer<TokenCache>
    private let count: Int

    init(count: Int) {
        self.count = count
        caches = .allocate(capacity: count)
        caches.initialize(repeating: [:], count: count)
    }

    deinit {
        caches.deinitialize(count: count)
        caches.deallocate()
    }

    /// Runs `body` with worker `worker`'s cache; callers never share a worker index at once.
    func with(_ worker: Int, _ body: (inout TokenCache) -> Void) {
        body(&caches[worker])
    }
}
