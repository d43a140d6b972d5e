import Foundation

/// BERT's tokenizer: the basic tokenizer (drop control characters, put spaces around Chinese
/// characters, strip accents, lower-case, split on whitespace and punctuation) followed by
/// WordPiece (greedy longest match, "##" for word-inner pieces, [UNK] for words it cannot cover).
struct WordPieceTokenizer: TextTokenizer {
    /// How text is normalised before WordPiece, as in `tokenizer_config.json`.
    struct Options: Sendable {
        var lowercase = true
        var stripAccents = true
        var splitChineseCharacters = true
        var unknownToken = "[UNK]"
        var continuingPrefix = "##"
        var maxCharactersPerWord = 100
    }

    let vocabularySize: Int
    let options: Options
    private let vocabulary: [String: Int32]
    private let unknownID: Int32

    /// A tokenizer over `vocabulary` (token → id); the unknown token must be in it.
    init(vocabulary: [String: Int32], options: Options) throws {
        guard let unknownID = vocabulary[options.unknownToken] else {
            throw TokenizerFileError("the vocabulary lacks the unknown token \(options.unknownToken)")
        }
        self.vocabulary = vocabulary
        self.vocabularySize = Int(vocabulary.values.max() ?? -1) + 1
        self.options = options
        self.unknownID = unknownID
    }

    /// Reads a BERT `vocab.txt` (one token per line, the id is the line number).
    static func readVocabulary(path: String) throws -> [String: Int32] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ChatMineError("Cannot read \(path) as UTF-8 text", hint: "Check that the model folder is complete.")
        }
        var vocabulary: [String: Int32] = [:]
        for (index, token) in textLines(text).enumerated() where vocabulary[token] == nil {
            vocabulary[token] = Int32(index)
        }
        guard !vocabulary.isEmpty else {
            throw ChatMineError("\(path) holds no tokens", hint: "Download the model again.")
        }
        return vocabulary
    }

    /// The id of a special token such as "[CLS]", if the vocabulary has it.
    func id(of token: String) -> Int32? { vocabulary[token] }

    func encode(_ text: String, cache: inout TokenCache) -> [Int32] {
        var ids: [Int32] = []
        for word in basicTokens(text) {
            let key = Array(word.utf8)
            if let known = cache[key] {
                ids.append(contentsOf: known)
            } else {
                let fresh = wordPieces(word)
                cache[key] = fresh
                ids.append(contentsOf: fresh)
            }
        }
        return ids
    }

    /// The words of `text` after BERT's normalisation and pre-tokenisation.
    func basicTokens(_ text: String) -> [String] {
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || Self.isControl(scalar) { continue }
            if Self.isWhitespace(scalar) {
                cleaned.append(" ")
            } else if options.splitChineseCharacters && Self.isChinese(scalar) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        var normalized = String(cleaned)
        let isASCII = normalized.utf8.allSatisfy { $0 < 0x80 }
        if options.stripAccents && !isASCII {
            var stripped = String.UnicodeScalarView()
            for scalar in normalized.decomposedStringWithCanonicalMapping.unicodeScalars
            where scalar.properties.generalCategory != .nonspacingMark {
                stripped.append(scalar)
            }
            normalized = String(stripped)
        }
        if options.lowercase {
            if isASCII {
                normalized = normalized.lowercased()
            } else {
                var lowered = String.UnicodeScalarView()
                for scalar in normalized.unicodeScalars { lowered.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars) }
                normalized = String(lowered)
            }
        }
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in normalized.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !current.isEmpty { words.append(String(current)); current = String.UnicodeScalarView() }
            } else if Self.isPunctuation(scalar) {
                if !current.isEmpty { words.append(String(current)); current = String.UnicodeScalarView() }
                words.append(String(scalar))
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// WordPiece for one word: longest vocabulary prefix, then "##" pieces; [UNK] if stuck.
    func wordPieces(_ word: String) -> [Int32] {
        let scalars = Array(word.unicodeScalars)
        if scalars.count > options.maxCharactersPerWord { return [unknownID] }
        var ids: [Int32] = []
        var start = 0
        while start < scalars.count {
            var end = scalars.count
            var found: Int32?
            while end > start {
                var piece = start > 0 ? options.continuingPrefix : ""
                piece.unicodeScalars.append(contentsOf: scalars[start..<end])
                if let id = vocabulary[piece] { found = id; break }
                end -= 1
            }
            guard let id = found else { return [unknownID] }
            ids.append(id)
            start = end
        }
        return ids
    }

    // MARK: - Character classes, as BERT defines them

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r": return true
        default: return scalar.properties.isWhitespace || scalar.properties.generalCategory == .spaceSeparator
        }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r": return false
        default:
            switch scalar.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned: return true
            default: return false
            }
        }
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value) || (123...126).contains(value) {
            return true
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    static func isChinese(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
