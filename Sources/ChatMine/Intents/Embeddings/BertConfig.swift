import Foundation

/// The settings of a BERT-family sentence encoder, read from `config.json` and, when present,
/// sentence-transformers' `sentence_bert_config.json`, `1_Pooling/config.json` and
/// `tokenizer_config.json`.
struct BertConfig: Sendable {
    /// How token vectors become one sentence vector.
    enum Pooling: String, Sendable {
        case mean, cls, max
    }

    var hiddenSize: Int
    var layers: Int
    var heads: Int
    var intermediateSize: Int
    var maxPositions: Int
    var typeVocabularySize: Int
    var vocabularySize: Int
    var layerNormEpsilon: Float
    /// Tokens per text including [CLS] and [SEP]; longer texts are truncated, as
    /// sentence-transformers does.
    var maxSequenceLength: Int
    var pooling: Pooling
    var tokenizer: WordPieceTokenizer.Options

    /// Reads the configuration files of the model folder; throws naming the file and problem.
    init(folder: ModelFolder) throws {
        let configPath = folder.file("config.json")
        let config = try Self.jsonObject(configPath)
        func integer(_ key: String) throws -> Int {
            guard let value = config[key] as? Int, value > 0 else {
                throw ChatMineError("\(configPath) lacks a positive \"\(key)\"", hint: "Is this a BERT model's config.json?")
            }
            return value
        }
        let modelType = (config["model_type"] as? String ?? "bert").lowercased()
        guard modelType == "bert" else {
            throw ChatMineError("\(configPath) describes a \"\(modelType)\" model; chatmine runs BERT-family encoders",
                                hint: "Use a model with model_type \"bert\" (e.g. all-MiniLM-L6-v2) or a static model.")
        }
        if let activation = config["hidden_act"] as? String, activation != "gelu" {
            throw ChatMineError("\(configPath): hidden_act \"\(activation)\" is not supported (gelu is)")
        }
        if let positions = config["position_embedding_type"] as? String, positions != "absolute" {
            throw ChatMineError("\(configPath): position_embedding_type \"\(positions)\" is not supported (absolute is)")
        }
        hiddenSize = try integer("hidden_size")
        layers = try integer("num_hidden_layers")
        heads = try integer("num_attention_heads")
        intermediateSize = try integer("intermediate_size")
        maxPositions = try integer("max_position_embeddings")
        vocabularySize = try integer("vocab_size")
        typeVocabularySize = config["type_vocab_size"] as? Int ?? 2
        layerNormEpsilon = Float(config["layer_norm_eps"] as? Double ?? 1e-12)
        guard hiddenSize % heads == 0 else {
            throw ChatMineError("\(configPath): hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(heads)")
        }
        maxSequenceLength = min(512, maxPositions)
        if folder.exists("sentence_bert_config.json"),
           let length = try Self.jsonObject(folder.file("sentence_bert_config.json"))["max_seq_length"] as? Int, length > 2 {
            maxSequenceLength = min(length, maxPositions)
        }
        pooling = .mean
        if folder.exists("1_Pooling/config.json") {
            let settings = try Self.jsonObject(folder.file("1_Pooling/config.json"))
            if settings["pooling_mode_cls_token"] as? Bool == true { pooling = .cls }
            if settings["pooling_mode_max_tokens"] as? Bool == true { pooling = .max }
            if settings["pooling_mode_mean_tokens"] as? Bool == true { pooling = .mean }
        }
        tokenizer = WordPieceTokenizer.Options()
        if folder.exists("tokenizer_config.json") {
            let settings = try Self.jsonObject(folder.file("tokenizer_config.json"))
            tokenizer.lowercase = settings["do_lower_case"] as? Bool ?? true
            tokenizer.stripAccents = settings["strip_accents"] as? Bool ?? tokenizer.lowercase
            tokenizer.splitChineseCharacters = settings["tokenize_chinese_chars"] as? Bool ?? true
            if let unknown = settings["unk_token"] as? String { tokenizer.unknownToken = unknown }
        }
    }

    /// Width of one attention head.
    var headSize: Int { hiddenSize / heads }

    private static func jsonObject(_ path: String) throws -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ChatMineError("Cannot read \(path)", hint: "Check that the model folder is complete.")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ChatMineError("\(path) is not a JSON object", hint: "Download the model again.")
        }
        return object
    }
}
