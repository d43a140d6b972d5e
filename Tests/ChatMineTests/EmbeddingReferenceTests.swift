import Foundation
import Testing
@testable import ChatMine

/// Where the optional model folders and the reference vectors are.
enum EmbeddingReference {
    /// `$CHATMINE_MODELS_DIR/<name>` when that folder exists (made by bench/fetch-models.sh).
    static func modelFolder(_ name: String) -> String? {
        guard let root = ProcessInfo.processInfo.environment["CHATMINE_MODELS_DIR"], !root.isEmpty else { return nil }
        let path = (root as NSString).appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The reference file `name` in shared/data/embedding-reference, found beside the repository
    /// or one of its parent folders (worktrees sit deeper than the main checkout).
    static func referenceFile(_ name: String) -> String? {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            folder.deleteLastPathComponent()
            let candidate = folder.appendingPathComponent("shared/data/embedding-reference/\(name)").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether both the model and its reference file are present.
    static func available(model: String, reference: String) -> Bool {
        modelFolder(model) != nil && referenceFile(reference) != nil
    }

    /// The sentences, token ids and vectors (nil where the reference has none) of a reference file.
    static func load(_ name: String) throws -> (sentences: [String], tokenIDs: [[Int]], vectors: [[Double]?]) {
        let path = try #require(referenceFile(name))
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sentences = try #require(root["sentences"] as? [String])
        let tokenIDs = try #require(root["token_ids"] as? [[Int]])
        let vectors = try #require(root["vectors"] as? [Any]).map { $0 as? [Double] }
        return (sentences, tokenIDs, vectors)
    }

    /// Cosine similarity of two vectors.
    static func cosine(_ a: [Float], _ b: [Double]) -> Double {
        var dot = 0.0, normA = 0.0, normB = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * y
            normA += Double(x) * Double(x)
            normB += y * y
        }
        return dot / (normA.squareRoot() * normB.squareRoot())
    }
}

@Suite("Embedding reference comparison (needs CHATMINE_MODELS_DIR)")
struct EmbeddingReferenceTests {
    @Test("WordLlama l2_supercat_256: same token ids and vectors as the Python library",
          .enabled(if: EmbeddingReference.available(model: "wordllama", reference: "wordllama-l2-supercat-256.json")))
    func wordLlamaMatchesReference() throws {
        let reference = try EmbeddingReference.load("wordllama-l2-supercat-256.json")
        let folder = try #require(EmbeddingReference.modelFolder("wordllama"))
        let embedder = try #require(try loadEmbedder(modelDirectory: folder) as? StaticEmbedder)
        #expect(embedder.dimension == 256)
        for (sentence, ids) in zip(reference.sentences, reference.tokenIDs) {
            #expect(embedder.tokenIDs(sentence) == ids, "token ids of \(sentence.debugDescription)")
        }
        let matrix = try embedder.embed(reference.sentences)
        for (index, expected) in reference.vectors.enumerated() {
            let row = matrix.row(index)
            #expect(row.allSatisfy { $0.isFinite }, "no NaN for \(reference.sentences[index].debugDescription)")
            if let expected {
                let cosine = EmbeddingReference.cosine(row, expected)
                #expect(cosine >= 0.9999, "cosine \(cosine) for \(reference.sentences[index].debugDescription)")
            } else {
                #expect(row.allSatisfy { $0 == 0 }, "a text without tokens gets the zero vector")
            }
        }
    }
}

@Suite("Embedding reference comparison, BERT (needs CHATMINE_MODELS_DIR)")
struct EmbeddingTransformerReferenceTests {
    @Test("all-MiniLM-L6-v2: same token ids and vectors as sentence-transformers",
          .enabled(if: EmbeddingReference.available(model: "minilm", reference: "all-minilm-l6-v2.json")))
    func miniLMMatchesReference() throws {
        let folder = try #require(EmbeddingReference.modelFolder("minilm"))
        let loaded = try loadEmbedder(modelDirectory: folder)
        #expect(loaded is TransformerEmbedder)
        #expect(try loaded.embed([]).rows == 0)
        // The built-in Swift kernels always; a run-time BLAS as well when the system has one.
        try check(TransformerEmbedder(folder: ModelFolder(path: folder), blas: nil))
        if let blas = RuntimeBLAS.shared {
            try check(TransformerEmbedder(folder: ModelFolder(path: folder), blas: blas))
        }
    }

    private func check(_ embedder: TransformerEmbedder) throws {
        let reference = try EmbeddingReference.load("all-minilm-l6-v2.json")
        #expect(embedder.dimension == 384)
        for (sentence, ids) in zip(reference.sentences, reference.tokenIDs) {
            #expect(embedder.tokenIDs(sentence) == ids, "token ids of \(sentence.debugDescription)")
        }
        // An unoptimised (debug) build runs the encoder slowly: there, check the four shortest
        // sentences (empty, English, Chinese); an optimised build checks all of them.
        var chosen = Array(reference.sentences.indices)
        if _isDebugAssertConfiguration() {
            chosen = Array(chosen.sorted { reference.tokenIDs[$0].count < reference.tokenIDs[$1].count }.prefix(4))
        }
        let matrix = try embedder.embed(chosen.map { reference.sentences[$0] })
        for (row, index) in chosen.enumerated() {
            let expected = try #require(reference.vectors[index])
            let cosine = EmbeddingReference.cosine(matrix.row(row), expected)
            #expect(cosine >= 0.9999, "cosine \(cosine) for \(reference.sentences[index].debugDescription) (\(embedder.backend))")
        }
    }
}
