import Foundation

/// Recognises greetings and confirmations in English and Chinese user messages.
///
/// Text is normalised (compatibility forms, case, apostrophes dropped, punctuation and emoji as
/// separators) into tokens: runs of letters/digits, and runs of Han characters. English phrases
/// match whole tokens in sequence; Chinese phrases match inside a Han run.
public struct PhraseMatcher: Sendable {
    private let greetings: PhrasePatterns
    private let confirmations: PhrasePatterns
    private let negations: PhrasePatterns
    private let negators: Set<String>
    private let successWords: Set<String>
    /// Han characters that carry no meaning on their own after a greeting ("你好呀").
    private static let hanFillers: Set<Unicode.Scalar> = ["呀", "啊", "哦", "嗯", "呢", "吧", "哈", "啦", "噢", "哇", "～", "~"]
    /// How many tokens after a negator a success word is still negated.
    private static let negationReach = 3

    /// Builds a matcher from the phrase lists of a rule set.
    public init(rules: OutcomeRules) {
        greetings = PhrasePatterns(rules.greetings.all)
        confirmations = PhrasePatterns(rules.confirmations.all)
        negations = PhrasePatterns(rules.negations.all)
        negators = Set(rules.negators.flatMap { Token.split($0).map(\.text) })
        successWords = Set(rules.successWords.flatMap { Token.split($0).map(\.text) })
    }

    /// True when the message says nothing but hello (or nothing at all).
    public func isOnlyGreeting(_ text: String) -> Bool {
        let tokens = Token.split(text)
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token.isHan {
                if !greetings.hanRunIsOnlyPhrases(token.scalars, fillers: Self.hanFillers) { return false }
                index += 1
                continue
            }
            guard let length = greetings.longestLatinMatch(tokens, at: index) else { return false }
            index += length
        }
        return true
    }

    /// True when the message confirms success or thanks, and nothing in it negates that. A
    /// message that ends in a question ("thanks, and can you check my balance?") asks for more.
    public func isConfirmation(_ text: String) -> Bool {
        if let last = text.unicodeScalars.last(where: { !$0.properties.isWhitespace && !$0.properties.isEmojiPresentation }),
           last == "?" || last == "？" {
            return false
        }
        let tokens = Token.split(text)
        guard confirmations.matchesAnywhere(tokens) else { return false }
        if negations.matchesAnywhere(tokens) { return false }
        for (index, token) in tokens.enumerated() where !token.isHan && negators.contains(token.text) {
            let reach = tokens[(index + 1)..<min(tokens.count, index + 1 + Self.negationReach)]
            if reach.contains(where: { !$0.isHan && successWords.contains($0.text) }) { return false }
        }
        return true
    }
}

/// One normalised token: a run of letters/digits, or a run of Han characters.
struct Token: Equatable {
    let text: String
    let isHan: Bool
    /// The scalars of a Han run, for substring matching without Foundation.
    let scalars: [Unicode.Scalar]

    /// Splits text into normalised tokens.
    static func split(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = String.UnicodeScalarView()
        var currentIsHan = false
        func flush() {
            if !current.isEmpty { tokens.append(Token(text: String(current), isHan: currentIsHan, scalars: currentIsHan ? Array(current) : [])) }
            current = String.UnicodeScalarView()
        }
        // Compatibility mapping folds full-width letters and the like; ASCII needs none.
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        let normalised = (ascii ? text : text.precomposedStringWithCompatibilityMapping).lowercased()
        for scalar in normalised.unicodeScalars {
            if scalar == "'" || scalar == "\u{2019}" || scalar == "\u{02BC}" || scalar == "`" { continue }
            if isHan(scalar) {
                if !currentIsHan { flush() }
                currentIsHan = true
                current.append(scalar)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if currentIsHan { flush() }
                currentIsHan = false
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    private static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2EBEF: return true
        default: return false
        }
    }
}

/// A list of phrases prepared for matching: English as token sequences, Chinese as strings.
struct PhrasePatterns: Sendable {
    /// English phrases by first token, longest first.
    private var latin: [String: [[String]]] = [:]
    /// Chinese phrases as scalars, longest first.
    private var han: [[Unicode.Scalar]] = []

    init(_ phrases: [String]) {
        for phrase in phrases {
            let tokens = Token.split(phrase)
            guard let first = tokens.first else { continue }
            if tokens.contains(where: \.isHan) {
                han.append(tokens.flatMap { Array($0.text.unicodeScalars) })
            } else {
                latin[first.text, default: []].append(tokens.map(\.text))
            }
        }
        for key in latin.keys { latin[key]?.sort { $0.count > $1.count } }
        han.sort { $0.count > $1.count }
    }

    /// The token length of the longest English phrase starting at `index`, if any.
    func longestLatinMatch(_ tokens: [Token], at index: Int) -> Int? {
        guard !tokens[index].isHan, let candidates = latin[tokens[index].text] else { return nil }
        for candidate in candidates where index + candidate.count <= tokens.count {
            var matched = true
            for (offset, word) in candidate.enumerated() where tokens[index + offset].isHan || tokens[index + offset].text != word {
                matched = false
                break
            }
            if matched { return candidate.count }
        }
        return nil
    }

    /// Whether any phrase occurs in the tokens.
    func matchesAnywhere(_ tokens: [Token]) -> Bool {
        for (index, token) in tokens.enumerated() {
            if token.isHan {
                if han.contains(where: { Self.occurs($0, in: token.scalars) }) { return true }
            } else if longestLatinMatch(tokens, at: index) != nil {
                return true
            }
        }
        return false
    }

    /// Whether a Han run consists only of these phrases and filler characters.
    func hanRunIsOnlyPhrases(_ run: [Unicode.Scalar], fillers: Set<Unicode.Scalar>) -> Bool {
        var index = 0
        while index < run.count {
            if let phrase = han.first(where: { Self.matches($0, in: run, at: index) }) {
                index += phrase.count
            } else if fillers.contains(run[index]) {
                index += 1
            } else {
                return false
            }
        }
        return true
    }

    /// Whether `needle` starts at `start` in `haystack`.
    private static func matches(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], at start: Int) -> Bool {
        guard start + needle.count <= haystack.count else { return false }
        for offset in needle.indices where haystack[start + offset] != needle[offset] { return false }
        return true
    }

    /// Whether `needle` occurs anywhere in `haystack`.
    private static func occurs(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] && matches(needle, in: haystack, at: start) {
            return true
        }
        return false
    }
}
