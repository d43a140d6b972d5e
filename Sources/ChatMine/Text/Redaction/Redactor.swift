/// Replaces personal data in chat text with placeholders before it is stored.
///
/// Detects e-mail addresses, phone numbers, payment cards (Luhn), IBANs (mod 97), Chinese
/// identity numbers (MOD 11-2), IPv4/IPv6 addresses and credentials in URLs, with hand-written
/// byte scanners (see docs/REDACTION.md). Text around a value is kept byte for byte.
public struct Redactor: Sendable {
    /// What replaces a detected value.
    public let mode: RedactionMode
    private let hasher: SipHash24

    /// A redactor; `salt` keys the hash mode (keep it secret and stable, so repeats stay countable).
    public init(mode: RedactionMode, salt: String = "") {
        self.mode = mode
        self.hasher = SipHash24(salt: salt)
    }

    /// A new random salt (32 hex digits) for hash mode; store it once (e.g. in the settings table)
    /// and reuse it every night, or the same value will get a different token.
    public static func randomSalt() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0 ..< 2).map { _ in
            let word = generator.next()
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// `text` with every detected value replaced by its placeholder (unchanged in mode `none`).
    public func redact(_ text: String) -> String {
        redactReporting(text).text
    }

    /// The redacted text and how many values of each kind were replaced (nothing in mode `none`).
    public func redactReporting(_ text: String) -> RedactionResult {
        guard mode != .none else { return RedactionResult(text: text, counts: RedactionCounts()) }
        var contiguous = text
        let replaced: RedactionResult? = contiguous.withUTF8 { bytes in
            let matches = PIIScanner.scan(bytes)
            return matches.isEmpty ? nil : replacing(matches, in: bytes)
        }
        // Text without personal data is returned as it is, without a copy.
        return replaced ?? RedactionResult(text: text, counts: RedactionCounts())
    }

    /// Every value detected in `text`, in order, whatever the mode (for statistics and tests).
    public func findings(in text: String) -> [PIIFinding] {
        var copy = text
        let matches = copy.withUTF8 { PIIScanner.scan($0) }
        let utf8 = text.utf8
        return matches.map { match in
            let start = utf8.index(utf8.startIndex, offsetBy: match.start)
            let end = utf8.index(start, offsetBy: match.end - match.start)
            return PIIFinding(kind: match.kind, range: start ..< end, utf8Offsets: match.start ..< match.end)
        }
    }

    private func replacing(_ matches: [PIIMatch], in bytes: UnsafeBufferPointer<UInt8>) -> RedactionResult {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + matches.count * 16)
        var counts = RedactionCounts()
        var copied = 0
        for match in matches {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied ..< match.start]))
            output.append(UInt8(ascii: "["))
            output.append(contentsOf: match.kind.label.utf8)
            if mode == .hash {
                let value = PIIValueNormalizer.normalized(match, in: bytes)
                var key = Array(match.kind.label.utf8)
                key.append(0x1F)
                key.append(contentsOf: value)
                let digest = UInt32(truncatingIfNeeded: hasher.hash(key) >> 32)
                output.append(UInt8(ascii: ":"))
                appendHex(digest, to: &output)
            }
            output.append(UInt8(ascii: "]"))
            counts[match.kind] += 1
            copied = match.end
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        return RedactionResult(text: String(decoding: output, as: UTF8.self), counts: counts)
    }

    private func appendHex(_ value: UInt32, to output: inout [UInt8]) {
        let digits: StaticString = "0123456789abcdef"
        digits.withUTF8Buffer { table in
            for shift in stride(from: 28, through: 0, by: -4) {
                output.append(table[Int((value >> UInt32(shift)) & 0xF)])
            }
        }
    }
}
