import Foundation

/// Recognises greetings and confirmations in English and Chinese user messages.
///
/// Text is normalised (compatibility forms, case, apostrophes dropped, punctuation and emoji as
/// separators) into tokens: runs of letters/digits, and runs of Han characters. English phrases
/// match whole tokens in sequence; Chinese phrases match inside a Han run.
public struct PhraseMatcher: Sendable {
    private let greetings: OutcomePhraseSet
    private let confirmations: OutcomePhraseSet
    private let negations: OutcomePhraseSet
    private let negators: Set<String>
    private let successWords: Set<String>
    /// Han characters that carry no meaning on their own after a greeting ("你好呀").
    private static let hanFillers: Set<Character> = ["呀", "啊", "哦", "嗯", "呢", "吧", "哈", "啦", "噢", "哇"]
    /// How many tokens after a negator a success word is still negated.
    private static let negationReach = 3

    /// Builds a matcher from the phrase lists of a rule set.
    public init(rules: OutcomeRules) {
        greetings = OutcomePhraseSet(rules.greetings.all)
        confirmations = OutcomePhraseSet(rules.confirmations.all)
        negations = OutcomePhraseSet(rules.negations.all)
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
                if !greetings.hanRunIsOnlyPhrases(token.text, fillers: Self.hanFillers) { return false }
                index += 1
                continue
            }
            guard let length = greetings.longestLatinMatch(tokens, at: index) else { return false }
            index += length
        }
        return true
    }

    /// True when the message confirms success or thanks, and nothing in it negates that.
    public func isConfirmation(_ text: String) -> Bool {
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

    /// Splits text into normalised tokens.
    static func split(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = String.UnicodeScalarView()
        var currentIsHan = false
        func flush() {
            if !current.isEmpty { tokens.append(Token(text: String(current), isHan: currentIsHan)) }
            current = String.UnicodeScalarView()
        }
        let normalised = text.precomposedStringWithCompatibilityMapping.lowercased()
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
struct OutcomePhraseSet: Sendable {
    /// English phrases by first token, longest first.
    private var latin: [String: [[String]]] = [:]
    /// Chinese phrases, longest first.
    private var han: [String] = []

    init(_ phrases: [String]) {
        for phrase in phrases {
            let tokens = Token.split(phrase)
            guard let first = tokens.first else { continue }
            if tokens.contains(where: \.isHan) {
                han.append(tokens.map(\.text).joined())
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
                if han.contains(where: { token.text.contains($0) }) { return true }
            } else if longestLatinMatch(tokens, at: index) != nil {
                return true
            }
        }
        return false
    }

    /// Whether a Han run consists only of these phrases and filler characters.
    func hanRunIsOnlyPhrases(_ run: String, fillers: Set<Character>) -> Bool {
        var rest = Substring(run)
        while let first = rest.first {
            if let phrase = han.first(where: { rest.hasPrefix($0) }) {
                rest = rest.dropFirst(phrase.count)
            } else if fillers.contains(first) {
                rest = rest.dropFirst()
            } else {
                return false
            }
        }
        return true
    }
}
