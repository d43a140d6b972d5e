import Foundation

/// Loads the sentence-embedding model in `modelDirectory`, recognising its layout:
/// `config.json` + `vocab.txt` (or `tokenizer.json`) + `model.safetensors` of a BERT-family
/// encoder → transformer; one `.safetensors` embedding table + a `tokenizer.json` → static model.
public func loadEmbedder(modelDirectory: String) throws -> any Embedder {
    try ModelFolder(path: modelDirectory).load()
}

/// A model folder on disk and the files found in it.
struct ModelFolder {
    let path: String

    func load() throws -> any Embedder {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ChatMineError("Model folder \(path) does not exist or is not a folder",
                                hint: "Pass the folder holding the model files, e.g. one made by bench/fetch-models.sh (see docs/EMBEDDINGS.md).")
        }
        if exists("config.json"), exists("model.safetensors"), exists("vocab.txt") || exists("tokenizer.json") {
            return try TransformerEmbedder(folder: self)
        }
        return try loadStatic()
    }

    /// The path of `name` inside the folder.
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Whether `name` exists inside the folder.
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    /// A readable model name: the folder's name (its parent's when it is called "model"),
    /// plus the weights file's stem when that says more than "model".
    func modelName(weightsFile: String? = nil) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        if url.lastPathComponent.lowercased() == "model" { url.deleteLastPathComponent() }
        var name = url.lastPathComponent
        if let weightsFile {
            let stem = ((weightsFile as NSString).lastPathComponent as NSString).deletingPathExtension
            if stem != "model", !name.lowercased().contains(stem.lowercased()) { name += "-" + stem }
        }
        return name.lowercased().replacingOccurrences(of: "_", with: "-")
    }

    /// Files in the folder and in its `weights/` and `tokenizers/` subfolders (the WordLlama
    /// package layout) whose names satisfy `match`.
    private func candidates(_ match: (String) -> Bool) -> [String] {
        var found: [String] = []
        for folder in ["", "weights", "tokenizers"] {
            let directory = folder.isEmpty ? path : file(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names.sorted() where match(name) {
                found.append((directory as NSString).appendingPathComponent(name))
            }
        }
        return found
    }

    private func loadStatic() throws -> StaticEmbedder {
        let weights = candidates { $0.hasSuffix(".safetensors") }
        guard let weightsPath = weights.first else {
            throw ChatMineError("Model folder \(path) holds no .safetensors file",
                                hint: "A static model needs its embedding table (*.safetensors) and tokenizer.json; a BERT model needs config.json, vocab.txt and model.safetensors.")
        }
        guard weights.count == 1 else {
            throw ChatMineError("Model folder \(path) holds several .safetensors files (\(weights.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")))",
                                hint: "Keep one static model per folder.")
        }
        let tokenizers = exists("tokenizer.json") ? [file("tokenizer.json")] : candidates { $0.hasSuffix(".json") && $0.contains("tokenizer") }
        guard let tokenizerPath = tokenizers.first, tokenizers.count == 1 else {
            throw ChatMineError(tokenizers.isEmpty ? "Model folder \(path) holds no tokenizer.json" : "Model folder \(path) holds several tokenizer files",
                                hint: "A static model needs exactly one tokenizer.json beside its .safetensors file.")
        }
        let tensors = try SafeTensorsFile(path: weightsPath)
        let tensor = try embeddingTable(in: tensors)
        let tokenizer = try TokenizerJSON.load(path: tokenizerPath)
        guard tokenizer.vocabularySize <= tensor.shape[0] else {
            throw ChatMineError("\(weightsPath) has \(tensor.shape[0]) token vectors but \(tokenizerPath) has \(tokenizer.vocabularySize) tokens",
                                hint: "The weights and the tokenizer belong to different models.")
        }
        let table = try tensors.floats(tensor.name)
        return StaticEmbedder(name: modelName(weightsFile: weightsPath), tokenizer: tokenizer, table: table,
                              tokens: tensor.shape[0], dimension: tensor.shape[1])
    }

    /// The one 2-D float tensor of a static model (or the one with a conventional name).
    private func embeddingTable(in tensors: SafeTensorsFile) throws -> SafeTensorsFile.Tensor {
        let matrices = tensors.tensors.values.filter { $0.shape.count == 2 && ["F32", "F16", "BF16"].contains($0.dtype) }
        if matrices.count == 1, let only = matrices.first, only.shape[0] > 0, only.shape[1] > 0 { return only }
        for name in ["embedding.weight", "embeddings", "embedding", "embeddings.weight", "weight"] {
            if let tensor = tensors.tensors[name], tensor.shape.count == 2 { return tensor }
        }
        throw ChatMineError("\(tensors.path) does not hold one token-embedding matrix (found: \(tensors.tensors.keys.sorted().joined(separator: ", ")))",
                            hint: "A static model stores a single tokens × dimensions float tensor.")
    }
}
