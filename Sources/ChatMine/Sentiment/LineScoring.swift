import Foundation

/// Scores every line of a UTF-8 text in parallel and formats one result line per input line,
/// without building a `String` per line (the fast path behind `chatmine sentiment`).
public enum LineScoring {
    /// How each output line looks.
    public enum Layout: Sendable {
        /// `score<TAB>label`
        case scores
        /// `score<TAB>label<TAB>text`
        case scoresAndText
    }

    /// The output for every line of `text` (a trailing newline does not start another line;
    /// a `\r` before the newline is dropped).
    public static func run(_ text: [UInt8], scorer: SentimentScorer, layout: Layout) -> [UInt8] {
        var starts: [Int] = [0]
        text.withUnsafeBufferPointer { bytes in
            var offset = 0
            while let newline = memchrIndex(bytes, from: offset) {
                starts.append(newline + 1)
                offset = newline + 1
            }
        }
        if starts.last != text.count || text.isEmpty { starts.append(text.count + 1) }
        let lines = starts.count - 1
        guard lines > 0, !text.isEmpty else { return [] }
        let chunkCount = max(1, min(lines / 4096, ProcessInfo.processInfo.activeProcessorCount * 8))
        let chunkSize = (lines + chunkCount - 1) / chunkCount
        let pieces = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: chunkCount)
        pieces.initialize(repeating: [])
        defer { pieces.deallocate() }
        let output = SendableBuffer(pieces)
        let startsCopy = starts
        text.withUnsafeBufferPointer { bytes in
            let input = SendableBytes(bytes)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                var piece: [UInt8] = []
                piece.reserveCapacity(chunkSize * 16)
                let first = chunk * chunkSize
                let last = min(lines, first + chunkSize)
                guard first < last else { return }
                for line in first..<last {
                    var end = startsCopy[line + 1] - 1
                    let start = startsCopy[line]
                    if end > start, input.bytes[end - 1] == 0x0D { end -= 1 }
                    let body = UnsafeBufferPointer(rebasing: input.bytes[start..<end])
                    let score = scorer.score(utf8: body)
                    appendScore(score, to: &piece)
                    piece.append(0x09)
                    piece.append(contentsOf: SentimentLabel(score: score).rawValue.utf8)
                    if layout == .scoresAndText {
                        piece.append(0x09)
                        piece.append(contentsOf: body)
                    }
                    piece.append(0x0A)
                }
                output.buffer[chunk] = piece
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        for piece in pieces { result.append(contentsOf: piece) }
        return result
    }

    /// Appends a score as text with four decimals ("-0.4215"), without `String(format:)`.
    static func appendScore(_ score: Double, to out: inout [UInt8]) {
        var scaled = Int((score * 10_000).rounded())
        if scaled < 0 {
            out.append(UInt8(ascii: "-"))
            scaled = -scaled
        }
        out.append(UInt8(48 + scaled / 10_000))
        out.append(UInt8(ascii: "."))
        var remainder = scaled % 10_000
        var divisor = 1000
        while divisor > 0 {
            out.append(UInt8(48 + remainder / divisor))
            remainder %= divisor
            divisor /= 10
        }
    }

    private static func memchrIndex(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        guard offset < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + offset, 0x0A, bytes.count - offset) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
}

/// Read-only bytes shared with parallel workers.
struct SendableBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
}
