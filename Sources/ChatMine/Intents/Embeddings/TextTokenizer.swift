/// Already-tokenised words, keyed by their exact UTF-8 bytes (a `String` key would merge
/// canonically equivalent spellings, which tokenizers keep apart).
typealias TokenCache = [[UInt8]: [Int32]]

/// Turns text into vocabulary ids. Implementations are immutable and shared across threads;
/// each thread passes its own cache of already-tokenised words.
protocol TextTokenizer: Sendable {
    /// Size of the vocabulary (every id is below it).
    var vocabularySize: Int { get }
    /// The ids of `text` without special tokens such as [CLS] or <s>.
    func encode(_ text: String, cache: inout TokenCache) -> [Int32]
}

extension TextTokenizer {
    /// The ids of `text`, without a cache shared between calls.
    func encode(_ text: String) -> [Int32] {
        var cache: TokenCache = [:]
        return encode(text, cache: &cache)
    }
}

/// Splits text around the tokenizer's added tokens (such as "<s>"), which map to fixed ids and are
/// never normalised or merged, as Hugging Face tokenizers do for tokens with `normalized: false`.
struct AddedTokenSplitter: Sendable {
    /// One stretch of text: either ordinary text or an added token's id.
    enum Segment: Equatable {
        case text(Substring)
        case token(Int32)
    }

    private let tokens: [(content: String, id: Int32)]
    private let firstScalars: Set<UInt32>
    private let firstBytes: [Bool]

    /// A splitter for `tokens` (content and id); longer contents win over their prefixes.
    init(tokens: [(content: String, id: Int32)]) {
        let usable = tokens.filter { !$0.content.isEmpty }
        self.tokens = usable.sorted { $0.content.unicodeScalars.count > $1.content.unicodeScalars.count }
        self.firstScalars = Set(usable.compactMap { $0.content.unicodeScalars.first?.value })
        var firstBytes = [Bool](repeating: false, count: 256)
        for token in usable { if let byte = token.content.utf8.first { firstBytes[Int(byte)] = true } }
        self.firstBytes = firstBytes
    }

    /// The segments of `text` in order; plain text when no added token occurs.
    func split(_ text: String) -> [Segment] {
        guard !firstScalars.isEmpty, text.utf8.contains(where: { firstBytes[Int($0)] }) else {
            return [.text(Substring(text))]
        }
        var segments: [Segment] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var index = scalars.startIndex
        outer: while index < scalars.endIndex {
            if firstScalars.contains(scalars[index].value) {
                let rest = Substring(scalars[index...])
                for token in tokens where rest.unicodeScalars.starts(with: token.content.unicodeScalars) {
                    if start < index { segments.append(.text(Substring(scalars[start..<index]))) }
                    segments.append(.token(token.id))
                    index = scalars.index(index, offsetBy: token.content.unicodeScalars.count)
                    start = index
                    continue outer
                }
            }
            index = scalars.index(after: index)
        }
        if start < scalars.endIndex { segments.append(.text(Substring(scalars[start...]))) }
        return segments
    }
}
