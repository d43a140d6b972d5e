import Foundation

/// Reads a Hugging Face `tokenizer.json` into a tokenizer: BPE models of the SentencePiece kind
/// (normaliser Prepend/Replace, or the Metaspace pre-tokenizer, byte fallback) and WordPiece
/// models with the BERT normaliser.
enum TokenizerJSON {
    /// Loads the tokenizer at `path`; throws a `ChatMineError` naming the file and the problem.
    static func load(path: String) throws -> any TextTokenizer {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ChatMineError("Cannot read tokenizer file \(path)", hint: "Check that the model folder is complete.")
        }
        do {
            return try parse(data)
        } catch let error as TokenizerFileError {
            throw ChatMineError("\(path) is not a usable tokenizer.json: \(error.problem)",
                                hint: "chatmine reads BPE (SentencePiece-style) and WordPiece tokenizers; see docs/EMBEDDINGS.md.")
        }
    }

    /// Parses tokenizer.json content.
    static func parse(_ data: Data) throws -> any TextTokenizer {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TokenizerFileError("it is not a JSON object")
        }
        guard let model = root["model"] as? [String: Any] else { throw TokenizerFileError("it has no \"model\"") }
        let type = model["type"] as? String ?? (model["merges"] != nil ? "BPE" : "")
        let added = addedTokens(root["added_tokens"])
        switch type {
        case "BPE":
            return try bpe(model: model, root: root, added: added)
        case "WordPiece":
            return try wordPiece(model: model, root: root)
        default:
            throw TokenizerFileError("its model type \"\(type)\" is not supported (BPE and WordPiece are)")
        }
    }

    private static func addedTokens(_ value: Any?) -> [(content: String, id: Int32)] {
        guard let list = value as? [[String: Any]] else { return [] }
        return list.compactMap { entry in
            guard let content = entry["content"] as? String, let id = entry["id"] as? Int else { return nil }
            return (content, Int32(id))
        }
    }

    private static func vocabulary(_ model: [String: Any]) throws -> [String: Int32] {
        guard let raw = model["vocab"] as? [String: Any], !raw.isEmpty else {
            throw TokenizerFileError("its model has no vocabulary")
        }
        var vocabulary: [String: Int32] = [:]
        vocabulary.reserveCapacity(raw.count)
        for (token, value) in raw {
            guard let id = value as? Int, id >= 0 else { throw TokenizerFileError("the id of '\(token)' is not a number") }
            vocabulary[token] = Int32(id)
        }
        return vocabulary
    }

    private static func bpe(model: [String: Any], root: [String: Any], added: [(content: String, id: Int32)]) throws -> BPETokenizer {
        for key in ["continuing_subword_prefix", "end_of_word_suffix"] {
            if let value = model[key] as? String, !value.isEmpty {
                throw TokenizerFileError("BPE with \(key) is not supported")
            }
        }
        let vocabulary = try vocabulary(model)
        var merges: [(String, String)] = []
        for (rank, entry) in ((model["merges"] as? [Any]) ?? []).enumerated() {
            if let text = entry as? String {
                let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else { throw TokenizerFileError("merge \(rank) \"\(text)\" is not two tokens") }
                merges.append((String(parts[0]), String(parts[1])))
            } else if let pair = entry as? [String], pair.count == 2 {
                merges.append((pair[0], pair[1]))
            } else {
                throw TokenizerFileError("merge \(rank) is neither \"a b\" nor [\"a\", \"b\"]")
            }
        }
        var steps = try normalizerSteps(root["normalizer"])
        var boundary: Unicode.Scalar?
        var splitAtEvery = false
        if let pre = root["pre_tokenizer"] as? [String: Any] {
            guard pre["type"] as? String == "Metaspace" else {
                throw TokenizerFileError("the pre-tokenizer \(pre["type"] as? String ?? "?") is not supported (none or Metaspace is)")
            }
            let replacement = (pre["replacement"] as? String) ?? "\u{2581}"
            steps.append(.replace(" ", with: replacement))
            let scheme = (pre["prepend_scheme"] as? String) ?? ((pre["add_prefix_space"] as? Bool ?? true) ? "always" : "never")
            if scheme != "never" { steps.append(.prependUnlessPresent(replacement)) }
            boundary = replacement.unicodeScalars.first
            splitAtEvery = pre["split"] as? Bool ?? true
        } else if root["pre_tokenizer"] != nil, !(root["pre_tokenizer"] is NSNull) {
            throw TokenizerFileError("its pre_tokenizer is not an object")
        } else {
            // SentencePiece-style files mark words by replacing spaces in the normaliser.
            for case .replace(" ", let content) in steps where content.unicodeScalars.count == 1 {
                boundary = content.unicodeScalars.first
            }
        }
        return try BPETokenizer(
            vocabulary: vocabulary, merges: merges, normalizer: steps, boundary: boundary,
            splitAtEveryBoundary: splitAtEvery, unknownToken: model["unk_token"] as? String,
            fuseUnknown: model["fuse_unk"] as? Bool ?? false, byteFallback: model["byte_fallback"] as? Bool ?? false,
            ignoreMerges: model["ignore_merges"] as? Bool ?? false, addedTokens: added)
    }

    private static func normalizerSteps(_ value: Any?) throws -> [BPETokenizer.NormalizerStep] {
        guard let normalizer = value as? [String: Any] else {
            if value == nil || value is NSNull { return [] }
            throw TokenizerFileError("its normalizer is not an object")
        }
        let type = normalizer["type"] as? String ?? ""
        switch type {
        case "Sequence":
            return try ((normalizer["normalizers"] as? [Any]) ?? []).flatMap { try normalizerSteps($0) }
        case "Prepend":
            return [.prepend(normalizer["prepend"] as? String ?? "")]
        case "Replace":
            guard let pattern = (normalizer["pattern"] as? [String: Any])?["String"] as? String else {
                throw TokenizerFileError("a Replace normalizer with a regex pattern is not supported")
            }
            return [.replace(pattern, with: normalizer["content"] as? String ?? "")]
        case "Lowercase": return [.lowercase]
        case "NFC": return [.nfc]
        case "NFD": return [.nfd]
        case "NFKC": return [.nfkc]
        case "NFKD": return [.nfkd]
        case "Strip":
            return [.strip(left: normalizer["strip_left"] as? Bool ?? true, right: normalizer["strip_right"] as? Bool ?? true)]
        default:
            throw TokenizerFileError("the normalizer \"\(type)\" is not supported")
        }
    }

    private static func wordPiece(model: [String: Any], root: [String: Any]) throws -> WordPieceTokenizer {
        let vocabulary = try vocabulary(model)
        let normalizer = root["normalizer"] as? [String: Any]
        if let normalizer, normalizer["type"] as? String != "BertNormalizer" {
            throw TokenizerFileError("WordPiece with the normalizer \(normalizer["type"] as? String ?? "?") is not supported")
        }
        let lowercase = normalizer?["lowercase"] as? Bool ?? true
        let options = WordPieceTokenizer.Options(
            lowercase: lowercase,
            stripAccents: normalizer?["strip_accents"] as? Bool ?? lowercase,
            splitChineseCharacters: normalizer?["handle_chinese_chars"] as? Bool ?? true,
            unknownToken: model["unk_token"] as? String ?? "[UNK]",
            continuingPrefix: model["continuing_subword_prefix"] as? String ?? "##",
            maxCharactersPerWord: model["max_input_chars_per_word"] as? Int ?? 100)
        return try WordPieceTokenizer(vocabulary: vocabulary, options: options)
    }
}
