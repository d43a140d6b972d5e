import Foundation

/// The words the scorer knows: valences (English, Chinese, emoji and emoticons) plus the
/// modifier rules (negators, degree words, contrast words), compiled into a lookup table.
public struct SentimentLexicon: Sendable {
    /// How a user's lexicon file combines with the built-in one.
    public enum Mode: String, Sendable, CaseIterable {
        /// The file's entries are added to the built-in ones, replacing a built-in valence for
        /// the same token.
        case extend
        /// The file's entries are the only valences; the modifier rules stay.
        case replace
    }

    /// Built-in valence files, in load order.
    static let valenceFiles = ["english.tsv", "emoji.tsv", "chinese.tsv"]
    /// Built-in modifier rules (`kind<TAB>token<TAB>value`).
    static let modifierFile = "modifiers.tsv"
    /// Where the built-in files live inside `EmbeddedResources.files`.
    static let resourceFolder = "Sources/ChatMine/Sentiment/Lexicons/"

    /// The compiled lookup table.
    let table: LexiconTable
    /// Number of tokens that carry a valence.
    public let valenceCount: Int
    /// A short fingerprint of everything the table was built from, stored with the scores.
    public let version: String

    /// The built-in lexicon.
    public static func builtIn() throws -> SentimentLexicon {
        try SentimentLexicon(userLexicon: nil, mode: .extend)
    }

    /// Loads the built-in lexicon, extended or replaced by the VADER-format file at `path`.
    public static func load(path: String?, mode: Mode) throws -> SentimentLexicon {
        guard let path else { return try builtIn() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ChatMineError("cannot read the lexicon file \(path)", hint: "check the path given to --lexicon")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ChatMineError("the lexicon file \(path) is not UTF-8 text", hint: "save it as UTF-8, one `token<TAB>mean` per line")
        }
        return try SentimentLexicon(userLexicon: (name: path, text: text), mode: mode)
    }

    /// Builds the lexicon from the built-in files and an optional user file's text.
    init(userLexicon: (name: String, text: String)?, mode: Mode) throws {
        var valences: [String: Float] = [:]
        var fingerprint = LexiconTable.emptyHash
        func mix(_ text: String) {
            var bytes = Array(text.utf8)
            bytes.append(0)
            fingerprint = bytes.withUnsafeBufferPointer { LexiconTable.extend(fingerprint, $0) }
        }
        if userLexicon == nil || mode == .extend {
            for file in Self.valenceFiles {
                let text = try Self.resource(file)
                mix(text)
                try Self.parseValences(text, name: file, into: &valences)
            }
        }
        if let userLexicon {
            mix(mode.rawValue)
            mix(userLexicon.text)
            try Self.parseValences(userLexicon.text, name: userLexicon.name, into: &valences)
        }
        let modifiers = try Self.resource(Self.modifierFile)
        mix(modifiers)
        mix(SentimentRules.revision)
        var entries: [String: LexiconEntry] = [:]
        for (token, valence) in valences {
            entries[token, default: LexiconEntry()].valence = valence
        }
        try Self.parseModifiers(modifiers, into: &entries)
        for token in entries.keys where token.utf8.contains(0x20) {
            let words = token.split(separator: " ")
            entries[String(words[0]), default: LexiconEntry()].flags |= LexiconEntry.Flags.phraseStart
            entries[String(words[0]), default: LexiconEntry()].phraseWords = max(entries[String(words[0])]?.phraseWords ?? 0, UInt8(min(words.count, 255)))
            entries[String(words[1]), default: LexiconEntry()].flags |= LexiconEntry.Flags.phraseSecond
        }
        table = LexiconTable(entries.sorted { $0.key < $1.key }.map { (Array($0.key.utf8), $0.value) })
        valenceCount = valences.count
        version = String(fingerprint, radix: 16)
    }

    /// The text of a built-in lexicon file.
    static func resource(_ file: String) throws -> String {
        guard let text = EmbeddedResources.files[resourceFolder + file] else {
            throw ChatMineError("the built-in lexicon \(file) is missing from this binary", hint: "rebuild chatmine")
        }
        return text
    }

    /// Normalises a token the way the scorer sees text: ASCII lower-cased, spaces collapsed.
    static func normalise(_ token: Substring) -> String {
        let words = token.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
        return words.joined(separator: " ")
    }

    /// Reads `token<TAB>mean[<TAB>…]` lines (VADER's format) into `valences`.
    static func parseValences(_ text: String, name: String, into valences: inout [String: Float]) throws {
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count < 2 {
                if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
                throw ChatMineError("\(name):\(lineNumber): expected `token<TAB>mean`, got \"\(line.prefix(60))\"",
                                    hint: "a VADER-format lexicon has one token, a tab and a number per line")
            }
            let token = normalise(fields[0])
            let rawMean = fields[1].trimmingCharacters(in: .whitespaces)
            guard !token.isEmpty, let mean = Float(rawMean), mean.isFinite else {
                throw ChatMineError("\(name):\(lineNumber): \"\(fields[1])\" is not a number (token \"\(fields[0])\")",
                                    hint: "the second column is the mean valence, e.g. 1.9 or -2.5")
            }
            valences[token] = max(-4, min(4, mean))
        }
    }

    /// Reads `kind<TAB>token<TAB>value` rule lines into `entries`.
    static func parseModifiers(_ text: String, into entries: inout [String: LexiconEntry]) throws {
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t")
            guard fields.count >= 2 else {
                throw ChatMineError("modifiers.tsv:\(lineNumber): expected `kind<TAB>token<TAB>value`")
            }
            let token = normalise(fields[1])
            let value = fields.count > 2 ? Float(fields[2].trimmingCharacters(in: .whitespaces)) : nil
            var entry = entries[token] ?? LexiconEntry()
            switch fields[0] {
            case "booster": entry.booster = value ?? 0.293
            case "negator": entry.negation = value ?? -0.74
            case "contrast": entry.flags |= LexiconEntry.Flags.contrast
            case "concession": entry.flags |= LexiconEntry.Flags.concession
            case "standalone": entry.flags |= LexiconEntry.Flags.standalone
            case "adjacent":
                entry.negation = value ?? -0.74
                entry.flags |= LexiconEntry.Flags.adjacentOnly
            default:
                throw ChatMineError("modifiers.tsv:\(lineNumber): unknown kind \"\(fields[0])\"")
            }
            entries[token] = entry
        }
    }
}
