import Dispatch
import Foundation

/// A message's sentiment class, from its score.
public enum SentimentLabel: String, Sendable, CaseIterable {
    case negative, neutral, positive

    /// Scores within ±0.05 of zero are neutral (VADER's convention).
    public static let neutralBand = 0.05

    /// The label of a score.
    public init(score: Double) {
        if score >= Self.neutralBand {
            self = .positive
        } else if score <= -Self.neutralBand {
            self = .negative
        } else {
            self = .neutral
        }
    }
}

/// Scores English, Chinese and mixed messages in [-1, 1] with a lexicon and rules; safe to
/// share between threads.
public struct SentimentScorer: Sendable {
    /// The lexicon it scores with.
    public let lexicon: SentimentLexicon

    /// A scorer for `lexicon`.
    public init(lexicon: SentimentLexicon) {
        self.lexicon = lexicon
    }

    /// The score of a message: below zero negative, above zero positive.
    public func score(_ text: String) -> Double {
        var text = text
        return text.withUTF8 { score(utf8: $0) }
    }

    /// Only the first this many bytes of a message are scored (a chat message is far shorter;
    /// this bounds the scratch memory for a pathological input such as a file with no newlines).
    public static let maximumBytes = 256 * 1024

    /// The score of a message given as UTF-8 bytes.
    public func score(utf8 whole: UnsafeBufferPointer<UInt8>) -> Double {
        guard !whole.isEmpty else { return 0 }
        var text = whole
        if whole.count > Self.maximumBytes {
            var end = Self.maximumBytes
            while end > 0, whole[end] & 0xC0 == 0x80 { end -= 1 }
            text = UnsafeBufferPointer(rebasing: whole[0..<end])
        }
        let table = lexicon.table
        let tokenCapacity = MessageScanner.tokenCapacity(forBytes: text.count)
        let arenaCapacity = MessageScanner.arenaCapacity(forBytes: text.count)
        return withUnsafeTemporaryAllocation(of: SentimentToken.self, capacity: tokenCapacity) { tokens in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: arenaCapacity) { arena in
                var scanner = MessageScanner(table: table, text: text, tokens: tokens, arena: arena)
                let summary = scanner.scan()
                SentimentRules.applyPhrases(tokens, count: summary.tokenCount, table: table, arena: arena)
                return SentimentRules.compound(tokens, summary: summary)
            }
        }
    }

    /// Each token that counted, with its final weight (before normalisation), for `--explain`.
    public func explain(_ text: String) -> (score: Double, tokens: [(text: String, weight: Double)]) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return (0, []) }
        let table = lexicon.table
        return bytes.withUnsafeBufferPointer { text in
            withUnsafeTemporaryAllocation(of: SentimentToken.self, capacity: MessageScanner.tokenCapacity(forBytes: text.count)) { tokens in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: MessageScanner.arenaCapacity(forBytes: text.count)) { arena in
                    var scanner = MessageScanner(table: table, text: text, tokens: tokens, arena: arena)
                    let summary = scanner.scan()
                    SentimentRules.applyPhrases(tokens, count: summary.tokenCount, table: table, arena: arena)
                    var parts: [(text: String, weight: Double)] = []
                    let score = SentimentRules.compound(tokens, summary: summary) { weights in
                        for index in 0..<summary.tokenCount where weights[index] != 0 {
                            let token = tokens[index]
                            let piece = text[Int(token.textStart)..<Int(token.textEnd)]
                            parts.append((String(decoding: piece, as: UTF8.self), Double(weights[index])))
                        }
                    }
                    return (score, parts)
                }
            }
        }
    }

    /// Scores many messages, spreading the work over every core; results in input order.
    public func scores(_ texts: [String]) -> [Double] {
        var results = [Double](repeating: 0, count: texts.count)
        results.withUnsafeMutableBufferPointer { output in
            let output = SendableBuffer(output)
            Self.forEachChunk(count: texts.count) { range in
                for index in range { output.buffer[index] = score(texts[index]) }
            }
        }
        return results
    }

    /// Runs `body` over consecutive chunks of `0..<count`, in parallel on every core.
    static func forEachChunk(count: Int, minimumChunk: Int = 2048, _ body: @Sendable (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunks = min(max(1, count / minimumChunk), workers * 8)
        let size = (count + chunks - 1) / chunks
        if chunks == 1 {
            body(0..<count)
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * size
            let end = min(count, start + size)
            if start < end { body(start..<end) }
        }
    }
}

/// A mutable buffer handed to parallel workers that each write disjoint indexes.
struct SendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
