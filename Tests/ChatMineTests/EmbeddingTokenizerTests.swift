import Foundation
import Testing
@testable import ChatMine

/// A tiny SentencePiece-style tokenizer.json: "▁" prepended, spaces to "▁", byte fallback.
enum TinyTokenizer {
    /// Ids: 0 <unk>, 1 <s>, 2 </s>, 3…258 the bytes <0x00>…<0xFF>, then the pieces below.
    static let pieces = ["▁", "a", "b", "c", "ab", "▁a", "▁ab", "▁c"]

    static func id(_ piece: String) -> Int32 { Int32(259 + pieces.firstIndex(of: piece)!) }

    static func json(byteFallback: Bool = true, merges: [String] = ["a b", "▁ a", "▁ ab", "▁ c"]) -> String {
        var vocabulary = ["\"<unk>\": 0", "\"<s>\": 1", "\"</s>\": 2"]
        for byte in 0..<256 { vocabulary.append("\"<0x\(String(format: "%02X", byte))>\": \(3 + byte)") }
        for (index, piece) in pieces.enumerated() { vocabulary.append("\"\(piece)\": \(259 + index)") }
        let mergeList = merges.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
        {"version": "1.0", "truncation": null, "padding": null,
         "added_tokens": [{"id": 0, "content": "<unk>", "special": true, "normalized": false},
                          {"id": 1, "content": "<s>", "special": true, "normalized": false},
                          {"id": 2, "content": "</s>", "special": true, "normalized": false}],
         "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Prepend", "prepend": "▁"},
            {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]},
         "pre_tokenizer": null,
         "model": {"type": "BPE", "dropout": null, "unk_token": "<unk>", "fuse_unk": true,
                   "byte_fallback": \(byteFallback), "vocab": {\(vocabulary.joined(separator: ", "))},
                   "merges": [\(mergeList)]}}
        """
    }

    static func tokenizer(byteFallback: Bool = true, merges: [String] = ["a b", "▁ a", "▁ ab", "▁ c"]) throws -> any TextTokenizer {
        try TokenizerJSON.parse(Data(json(byteFallback: byteFallback, merges: merges).utf8))
    }
}

@Suite("Embedding tokenizers: tokenizer.json BPE")
struct EmbeddingBPETokenizerTests {
    @Test("merges apply by rank: 'a b' (rank 0) before '▁ a' (rank 1), so '▁ab' and not '▁a'+'b'")
    func mergesByRank() throws {
        let tokenizer = try TinyTokenizer.tokenizer()
        #expect(tokenizer.encode("ab c") == [TinyTokenizer.id("▁ab"), TinyTokenizer.id("▁c")])
        #expect(tokenizer.encode("a") == [TinyTokenizer.id("▁a")])
        // With '▁ a' ranked first the same text ends as '▁a' + 'b'.
        let other = try TinyTokenizer.tokenizer(merges: ["▁ a", "a b", "▁ ab", "▁ c"])
        #expect(other.encode("ab") == [TinyTokenizer.id("▁a"), TinyTokenizer.id("b")])
    }

    @Test("characters outside the vocabulary fall back to their UTF-8 bytes, or to one fused <unk>")
    func byteFallbackAndUnknown() throws {
        let tokenizer = try TinyTokenizer.tokenizer()
        // "é" is C3 A9 in UTF-8: byte tokens 3 + 0xC3 and 3 + 0xA9.
        let expected: [Int32] = [TinyTokenizer.id("▁a"), 3 + 0xC3, 3 + 0xA9]
        #expect(tokenizer.encode("aé") == expected)
        let noFallback = try TinyTokenizer.tokenizer(byteFallback: false)
        #expect(noFallback.encode("aéé") == [TinyTokenizer.id("▁a"), 0])
    }

    @Test("spaces become word markers, repeated spaces stay, and the empty text has no tokens")
    func spacesAndEmpty() throws {
        let tokenizer = try TinyTokenizer.tokenizer()
        let marker = TinyTokenizer.id("▁")
        let expected = [TinyTokenizer.id("▁a"), marker, TinyTokenizer.id("▁c")]
        #expect(tokenizer.encode("a  c") == expected)
        #expect(tokenizer.encode("") == [])
        #expect(tokenizer.encode(" ") == [marker, marker])
    }

    @Test("canonically equivalent spellings keep their own tokens, also through the shared cache")
    func cacheKeepsSpellingsApart() throws {
        let tokenizer = try TinyTokenizer.tokenizer()
        var cache: TokenCache = [:]
        let composed = tokenizer.encode("\u{E9}", cache: &cache)
        let decomposed = tokenizer.encode("e\u{301}", cache: &cache)
        // "é" is C3 A9; "e" + combining acute is 65 CC 81; byte token = 3 + byte.
        let marker = TinyTokenizer.id("▁")
        let expectedComposed: [Int32] = [marker, 3 + 0xC3, 3 + 0xA9]
        let expectedDecomposed: [Int32] = [marker, 3 + 0x65, 3 + 0xCC, 3 + 0x81]
        #expect(composed == expectedComposed)
        #expect(decomposed == expectedDecomposed)
    }

    @Test("added tokens such as <s> keep their id and split the text, each part normalised alone")
    func addedTokens() throws {
        let tokenizer = try TinyTokenizer.tokenizer()
        let expected: [Int32] = [TinyTokenizer.id("▁a"), 1, TinyTokenizer.id("▁"), TinyTokenizer.id("b")]
        #expect(tokenizer.encode("a<s>b") == expected)
    }

    @Test("a merge that uses an unknown token, or a file that is not a tokenizer, is an error")
    func rejectsBadFiles() throws {
        #expect(throws: TokenizerFileError.self) { try TinyTokenizer.tokenizer(merges: ["a z"]) }
        #expect(throws: TokenizerFileError.self) { try TokenizerJSON.parse(Data("[1, 2]".utf8)) }
        #expect(throws: TokenizerFileError.self) { try TokenizerJSON.parse(Data("{\"model\": {\"type\": \"Unigram\"}}".utf8)) }
        let path = (try TinyModelFiles.folder() as NSString).appendingPathComponent("tokenizer.json")
        try Data("{\"model\": {\"type\": \"BPE\"}}".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: ChatMineError.self) { try TokenizerJSON.load(path: path) }
        #expect(error?.message.contains(path) == true)
    }
}

@Suite("Embedding tokenizers: BERT WordPiece")
struct EmbeddingWordPieceTests {
    static let tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "cat", "##s", "un", "##aff", "##able",
                         ",", "!", "cafe", "中", "文", "a", "##b"]

    static func tokenizer() throws -> WordPieceTokenizer {
        let path = (try TinyModelFiles.folder() as NSString).appendingPathComponent("vocab.txt")
        try Data((tokens.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let vocabulary = try WordPieceTokenizer.readVocabulary(path: path)
        return try WordPieceTokenizer(vocabulary: vocabulary, options: .init())
    }

    static func ids(_ pieces: [String]) -> [Int32] { pieces.map { Int32(tokens.firstIndex(of: $0)!) } }

    @Test("vocab.txt ids are line numbers")
    func readsVocabulary() throws {
        let tokenizer = try Self.tokenizer()
        #expect(tokenizer.id(of: "[CLS]") == 2)
        #expect(tokenizer.id(of: "##b") == 16)
        #expect(tokenizer.vocabularySize == Self.tokens.count)
    }

    @Test("lower-cases, splits punctuation and finds the longest pieces with ##")
    func longestMatchFirst() throws {
        let tokenizer = try Self.tokenizer()
        #expect(tokenizer.encode("The cats, unaffable!") == Self.ids(["the", "cat", "##s", ",", "un", "##aff", "##able", "!"]))
        #expect(tokenizer.encode("ab  AB") == Self.ids(["a", "##b", "a", "##b"]))
    }

    @Test("strips accents, splits Chinese characters, drops control characters, [UNK] for uncovered words")
    func basicTokenizer() throws {
        let tokenizer = try Self.tokenizer()
        #expect(tokenizer.encode("Café") == Self.ids(["cafe"]))
        #expect(tokenizer.encode("中文cat") == Self.ids(["中", "文", "cat"]))
        #expect(tokenizer.encode("ca\u{0007}t\tthe") == Self.ids(["cat", "the"]))
        #expect(tokenizer.encode("catz dog") == Self.ids(["[UNK]", "[UNK]"]))
        #expect(tokenizer.encode("") == [])
    }

    @Test("words longer than the limit become [UNK]")
    func longWords() throws {
        var options = WordPieceTokenizer.Options()
        options.maxCharactersPerWord = 3
        let vocabulary = Dictionary(uniqueKeysWithValues: Self.tokens.enumerated().map { ($1, Int32($0)) })
        let tokenizer = try WordPieceTokenizer(vocabulary: vocabulary, options: options)
        #expect(tokenizer.encode("cat cats") == Self.ids(["cat", "[UNK]"]))
    }
}
