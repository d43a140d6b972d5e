import Dispatch
import Foundation

/// A BERT-family sentence encoder (all-MiniLM-L6-v2 and models of the same architecture):
/// WordPiece with [CLS] … [SEP], embeddings, self-attention layers, mean pooling over the
/// tokens, L2 normalisation — the sentence-transformers recipe, run in Swift.
public struct TransformerEmbedder: Embedder, Sendable {
    /// A short name stamped into outputs, e.g. "minilm".
    public let name: String
    /// Number of dimensions of each vector.
    public var dimension: Int { config.hiddenSize }
    /// What computes the matrix products: "swift-simd" or the run-time BLAS library's name.
    public var backend: String { blasLibrary ?? "swift-simd" }
    let config: BertConfig
    private let tokenizer: WordPieceTokenizer
    private let weights: BertWeights
    private let classID: Int32
    private let separatorID: Int32
    private let blasLibrary: String?

    /// Tokens per batch handed to one core: large enough for efficient matrix products, small
    /// enough for the activations to stay in cache.
    private static let batchTokens = 1024

    /// Reads `config.json`, the vocabulary and `model.safetensors` from `folder`; the matrix
    /// products use `blas` when given, else the built-in Swift kernels.
    init(folder: ModelFolder, blas: RuntimeBLAS? = RuntimeBLAS.shared) throws {
        config = try BertConfig(folder: folder)
        if folder.exists("vocab.txt") {
            let vocabulary = try WordPieceTokenizer.readVocabulary(path: folder.file("vocab.txt"))
            do {
                tokenizer = try WordPieceTokenizer(vocabulary: vocabulary, options: config.tokenizer)
            } catch let error as TokenizerFileError {
                throw ChatMineError("\(folder.file("vocab.txt")): \(error.problem)", hint: "Download the model again.")
            }
        } else {
            guard let wordPiece = try TokenizerJSON.load(path: folder.file("tokenizer.json")) as? WordPieceTokenizer else {
                throw ChatMineError("\(folder.file("tokenizer.json")) is not a WordPiece tokenizer, as a BERT model needs",
                                    hint: "Add the model's vocab.txt to the folder.")
            }
            tokenizer = wordPiece
        }
        guard tokenizer.vocabularySize <= config.vocabularySize else {
            throw ChatMineError("The vocabulary in \(folder.path) has \(tokenizer.vocabularySize) tokens but config.json says vocab_size \(config.vocabularySize)",
                                hint: "The tokenizer and the weights belong to different models.")
        }
        guard let classID = tokenizer.id(of: "[CLS]"), let separatorID = tokenizer.id(of: "[SEP]") else {
            throw ChatMineError("The vocabulary in \(folder.path) lacks [CLS] or [SEP]", hint: "Is this a BERT model?")
        }
        self.classID = classID
        self.separatorID = separatorID
        blasLibrary = blas?.library
        weights = try BertWeights(file: try SafeTensorsFile(path: folder.file("model.safetensors")), config: config, blas: blas)
        name = folder.modelName()
    }

    /// Token ids as the encoder sees them: [CLS], the text's pieces (truncated), [SEP].
    public func tokenIDs(_ text: String) -> [Int] {
        var cache: TokenCache = [:]
        return sequence(text, cache: &cache).map(Int.init)
    }

    private func sequence(_ text: String, cache: inout TokenCache) -> [Int32] {
        let pieces = tokenizer.encode(text, cache: &cache)
        return [classID] + pieces.prefix(config.maxSequenceLength - 2) + [separatorID]
    }

    /// Vectors for `texts`, one L2-normalised row each; batches run on every core.
    public func embed(_ texts: [String]) throws -> EmbeddingMatrix {
        let h = config.hiddenSize
        guard !texts.isEmpty else { return EmbeddingMatrix(rows: 0, columns: h, values: []) }
        let sequences = tokenize(texts)
        var batches: [Range<Int>] = []
        var start = 0
        var tokens = 0
        for (index, sequence) in sequences.enumerated() {
            tokens += sequence.count
            if tokens >= Self.batchTokens {
                batches.append(start..<(index + 1))
                start = index + 1
                tokens = 0
            }
        }
        if start < sequences.count { batches.append(start..<sequences.count) }
        var values = [Float](repeating: 0, count: texts.count * h)
        let config = self.config
        let weights = self.weights
        let work = batches
        values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let output = SharedRows(base: base, columns: h)
            let queue = WorkQueue(count: work.count)
            let workers = min(ParallelRows.workerCount, work.count)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                let encoder = BertEncoder(config: config, weights: weights)
                while let next = queue.next() {
                    let range = work[next]
                    encoder.encode(Array(sequences[range])) { output.row(range.lowerBound + $0) }
                }
            }
        }
        return EmbeddingMatrix(rows: texts.count, columns: h, values: values)
    }

    /// Token sequences of all texts, tokenised in parallel.
    private func tokenize(_ texts: [String]) -> [[Int32]] {
        let slots = UnsafeMutablePointer<[Int32]>.allocate(capacity: max(texts.count, 1))
        slots.initialize(repeating: [], count: texts.count)
        defer { slots.deinitialize(count: texts.count); slots.deallocate() }
        let target = SequenceSlots(base: slots)
        let caches = WorkerCaches(count: ParallelRows.workerCount)
        ParallelRows.run(count: texts.count, blockSize: 1024) { worker, range in
            caches.with(worker) { cache in
                for index in range { target.base[index] = sequence(texts[index], cache: &cache) }
            }
        }
        return Array(UnsafeBufferPointer(start: slots, count: texts.count))
    }
}

/// Token sequences written by several threads, each to slots of its own.
private struct SequenceSlots: @unchecked Sendable {
    let base: UnsafeMutablePointer<[Int32]>
}

/// Hands out work item indices 0..<count to competing threads.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }
}
