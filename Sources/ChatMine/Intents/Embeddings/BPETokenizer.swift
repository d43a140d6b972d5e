import Foundation

/// A byte-pair-encoding tokenizer as described by a Hugging Face `tokenizer.json` of the
/// SentencePiece kind (Llama, Mistral, WordLlama): normalise (prepend "▁", spaces to "▁"),
/// split into characters — bytes as `<0xNN>` tokens when a character is not in the vocabulary —
/// then apply the merges, lowest rank first, leftmost first.
struct BPETokenizer: TextTokenizer {
    /// One step of the normaliser, applied in order.
    enum NormalizerStep: Sendable, Equatable {
        case prepend(String)
        /// Metaspace's prefix: added unless the text already starts with it.
        case prependUnlessPresent(String)
        case replace(String, with: String)
        case lowercase
        case nfc, nfd, nfkc, nfkd
        case strip(left: Bool, right: Bool)
    }

    /// The result of merging a pair of ids.
    struct Merge: Sendable {
        let rank: Int32
        let id: Int32
    }

    let vocabularySize: Int
    let normalizer: [NormalizerStep]
    /// The word-boundary marker ("▁") before which text may be cut into independently merged
    /// pieces, or nil when the text must be merged as a whole.
    let boundary: Unicode.Scalar?
    /// Whether to cut before every boundary marker (Metaspace with `split: true`) rather than
    /// only where no merge can span the cut.
    let splitAtEveryBoundary: Bool
    let addedTokens: AddedTokenSplitter
    /// The boundary marker as UTF-8 (empty when the text is merged as a whole).
    private let boundaryBytes: [UInt8]

    private let vocabulary: [String: Int32]
    private let scalarIDs: [UInt32: Int32]
    private let byteIDs: [Int32]
    private let merges: [UInt64: Merge]
    private let unknownID: Int32?
    private let fuseUnknown: Bool
    private let ignoreMerges: Bool

    /// A tokenizer from its parts; `merges` are (left, right) token strings in rank order.
    init(vocabulary: [String: Int32], merges mergePairs: [(String, String)], normalizer: [NormalizerStep],
         boundary: Unicode.Scalar?, splitAtEveryBoundary: Bool, unknownToken: String?, fuseUnknown: Bool,
         byteFallback: Bool, ignoreMerges: Bool, addedTokens: [(content: String, id: Int32)]) throws {
        self.vocabulary = vocabulary
        self.vocabularySize = Int(vocabulary.values.max() ?? -1) + 1
        self.normalizer = normalizer
        self.splitAtEveryBoundary = splitAtEveryBoundary
        self.addedTokens = AddedTokenSplitter(tokens: addedTokens)
        self.fuseUnknown = fuseUnknown
        self.ignoreMerges = ignoreMerges
        unknownID = unknownToken.flatMap { vocabulary[$0] }
        var scalarIDs: [UInt32: Int32] = [:]
        for (token, id) in vocabulary {
            let scalars = token.unicodeScalars
            if scalars.count == 1, let scalar = scalars.first { scalarIDs[scalar.value] = id }
        }
        self.scalarIDs = scalarIDs
        byteIDs = (0..<256).map { byte in
            byteFallback ? vocabulary["<0x" + String(format: "%02X", byte) + ">"] ?? -1 : -1
        }
        var merges: [UInt64: Merge] = [:]
        merges.reserveCapacity(mergePairs.count)
        var spansBoundary = false
        for (rank, pair) in mergePairs.enumerated() {
            guard let left = vocabulary[pair.0], let right = vocabulary[pair.1] else {
                throw TokenizerFileError("merge \(rank) ('\(pair.0)' '\(pair.1)') uses a token missing from the vocabulary")
            }
            guard let merged = vocabulary[pair.0 + pair.1] else {
                throw TokenizerFileError("merge \(rank) ('\(pair.0)' '\(pair.1)') makes a token missing from the vocabulary")
            }
            let key = UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
            if merges[key] == nil { merges[key] = Merge(rank: Int32(rank), id: merged) }
            if let boundary, Self.hasInnerBoundary(pair.0 + pair.1, boundary) { spansBoundary = true }
        }
        self.merges = merges
        // Cutting the text into words is exact only when no merge joins a word's end to the
        // next word's marker; otherwise the whole text is merged at once.
        self.boundary = spansBoundary && !splitAtEveryBoundary ? nil : boundary
        boundaryBytes = self.boundary.map { Array(String($0).utf8) } ?? []
    }

    func encode(_ text: String, cache: inout TokenCache) -> [Int32] {
        var ids: [Int32] = []
        for segment in addedTokens.split(text) {
            switch segment {
            case .token(let id):
                ids.append(id)
            case .text(let part):
                forEachPiece(of: normalizedBytes(part)) { piece in
                    let key = Array(piece)
                    if let known = cache[key] {
                        ids.append(contentsOf: known)
                    } else {
                        let fresh = mergeWord(String(decoding: piece, as: UTF8.self))
                        cache[key] = fresh
                        ids.append(contentsOf: fresh)
                    }
                }
            }
        }
        return ids
    }

    /// The normalised text as UTF-8. Prepending and replacing one ASCII character (the
    /// SentencePiece steps) work on the bytes; other steps go through `String`.
    func normalizedBytes(_ part: Substring) -> [UInt8] {
        var bytes = Array(part.utf8)
        for step in normalizer {
            switch step {
            case .prepend(let prefix):
                if !bytes.isEmpty { bytes.insert(contentsOf: prefix.utf8, at: 0) }
            case .prependUnlessPresent(let prefix):
                if !bytes.starts(with: prefix.utf8) { bytes.insert(contentsOf: prefix.utf8, at: 0) }
            case .replace(let pattern, let content) where pattern.utf8.count == 1:
                // An ASCII byte never occurs inside a multi-byte character, so bytes can be swapped.
                guard let from = pattern.utf8.first, bytes.contains(from) else { continue }
                var replaced: [UInt8] = []
                replaced.reserveCapacity(bytes.count + bytes.count / 2)
                for byte in bytes {
                    if byte == from { replaced.append(contentsOf: content.utf8) } else { replaced.append(byte) }
                }
                bytes = replaced
            default:
                bytes = Array(Self.apply(step, to: String(decoding: bytes, as: UTF8.self)).utf8)
            }
        }
        return bytes
    }

    /// Applies the normaliser steps in order.
    func normalize(_ text: String) -> String {
        String(decoding: normalizedBytes(Substring(text)), as: UTF8.self)
    }

    private static func apply(_ step: NormalizerStep, to text: String) -> String {
        switch step {
        case .prepend(let prefix): return text.isEmpty ? text : prefix + text
        case .prependUnlessPresent(let prefix): return text.utf8.starts(with: prefix.utf8) ? text : prefix + text
        case .replace(let pattern, let content): return replace(pattern, with: content, in: text)
        case .lowercase: return text.lowercased()
        case .nfc: return text.precomposedStringWithCanonicalMapping
        case .nfd: return text.decomposedStringWithCanonicalMapping
        case .nfkc: return text.precomposedStringWithCompatibilityMapping
        case .nfkd: return text.decomposedStringWithCompatibilityMapping
        case .strip(let left, let right): return strip(text, left: left, right: right)
        }
    }

    /// Calls `body` with each independently mergeable piece of the normalised UTF-8 bytes.
    private func forEachPiece(of bytes: [UInt8], _ body: (ArraySlice<UInt8>) -> Void) {
        guard !bytes.isEmpty else { return }
        guard let marker = boundaryBytes.first else {
            body(bytes[...])
            return
        }
        let width = boundaryBytes.count
        var start = 0
        var index = 0
        var previousWasMarker = false
        while index < bytes.count {
            if bytes[index] == marker, index + width <= bytes.count, bytes[index..<(index + width)].elementsEqual(boundaryBytes) {
                if index > start, splitAtEveryBoundary || !previousWasMarker {
                    body(bytes[start..<index])
                    start = index
                }
                previousWasMarker = true
                index += width
            } else {
                previousWasMarker = false
                index += 1
            }
        }
        body(bytes[start...])
    }

    /// The ids of one piece: characters (or their bytes), then merges by rank.
    private func mergeWord(_ word: String) -> [Int32] {
        if ignoreMerges, let id = vocabulary[word] { return [id] }
        var symbols: [Int32] = []
        symbols.reserveCapacity(word.unicodeScalars.count)
        var pendingUnknown = false
        for scalar in word.unicodeScalars {
            if let id = scalarIDs[scalar.value] {
                symbols.append(id)
                pendingUnknown = false
                continue
            }
            let bytes = Array(String(scalar).utf8)
            if bytes.allSatisfy({ byteIDs[Int($0)] >= 0 }) {
                symbols.append(contentsOf: bytes.map { byteIDs[Int($0)] })
                pendingUnknown = false
            } else if let unknownID {
                if !(fuseUnknown && pendingUnknown) { symbols.append(unknownID) }
                pendingUnknown = true
            }
        }
        while symbols.count > 1 {
            var best = Merge(rank: .max, id: -1)
            var bestIndex = -1
            for index in 0..<(symbols.count - 1) {
                let key = UInt64(UInt32(bitPattern: symbols[index])) << 32 | UInt64(UInt32(bitPattern: symbols[index + 1]))
                if let merge = merges[key], merge.rank < best.rank {
                    best = merge
                    bestIndex = index
                }
            }
            if bestIndex < 0 { break }
            symbols[bestIndex] = best.id
            symbols.remove(at: bestIndex + 1)
        }
        return symbols
    }

    private static func hasInnerBoundary(_ token: String, _ boundary: Unicode.Scalar) -> Bool {
        var previous: Unicode.Scalar?
        for scalar in token.unicodeScalars {
            if scalar == boundary, let previous, previous != boundary { return true }
            previous = scalar
        }
        return false
    }

    private static func replace(_ pattern: String, with content: String, in text: String) -> String {
        guard !pattern.isEmpty else { return text }
        let patternScalars = pattern.unicodeScalars
        let contentScalars = content.unicodeScalars
        if patternScalars.count == 1, contentScalars.count == 1, let from = patternScalars.first, let to = contentScalars.first {
            guard text.unicodeScalars.contains(from) else { return text }
            var result = String.UnicodeScalarView()
            for scalar in text.unicodeScalars { result.append(scalar == from ? to : scalar) }
            return String(result)
        }
        return text.replacingOccurrences(of: pattern, with: content)
    }

    private static func strip(_ text: String, left: Bool, right: Bool) -> String {
        var scalars = Substring(text).unicodeScalars
        if left { while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() } }
        if right { while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() } }
        return String(scalars)
    }
}

/// A problem in a tokenizer file's content, turned into a `ChatMineError` naming the file.
struct TokenizerFileError: Error {
    let problem: String
    init(_ problem: String) { self.problem = problem }
}
