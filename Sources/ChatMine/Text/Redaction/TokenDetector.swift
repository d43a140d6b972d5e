/// Credentials that are recognisable on their own, wherever they appear (not only after `token=`):
/// JSON Web Tokens (`eyJhbGciOi….eyJzdWIi….sig`) and API keys with a vendor prefix (`sk-…`,
/// `ghp_…`, `xoxb-…`), as pasted into chat or logged by tool calls.
extension PIIScanner {
    /// Handles `.`: a JWT whose first dot this is (header and payload both base64url JSON, `eyJ…`).
    mutating func dot(at i: Int) -> Int {
        guard i >= 10, i + 10 < bytes.count, isBase64URL(bytes[i - 1]), bytes[i + 1] == UInt8(ascii: "e") else {
            return i + 1
        }
        var start = i
        while start > 0, i - start < 4096, isBase64URL(bytes[start - 1]) { start -= 1 }
        guard i - start >= 10, startsJSON(at: start), startsJSON(at: i + 1),
              start == 0 || !(ScanByte.alnum(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: "."))
        else { return i + 1 }
        var payloadEnd = i + 1
        while payloadEnd < bytes.count, payloadEnd - i < 8192, isBase64URL(bytes[payloadEnd]) { payloadEnd += 1 }
        guard payloadEnd - i > 10, payloadEnd < bytes.count, bytes[payloadEnd] == UInt8(ascii: ".") else { return i + 1 }
        var end = payloadEnd + 1
        while end < bytes.count, end - payloadEnd < 4096, isBase64URL(bytes[end]) { end += 1 }
        guard end == bytes.count || !(bytes[end] == UInt8(ascii: ".") || bytes[end] == UInt8(ascii: "=")) else { return i + 1 }
        add(start, end, .secret)
        return end
    }

    /// Whether base64url-encoded JSON starts at `i`: `{"` encodes as `eyJ`.
    private func startsJSON(at i: Int) -> Bool {
        i + 3 <= bytes.count && bytes[i] == UInt8(ascii: "e") && bytes[i + 1] == UInt8(ascii: "y")
            && bytes[i + 2] == UInt8(ascii: "J")
    }

    @inline(__always)
    private func isBase64URL(_ byte: UInt8) -> Bool {
        ScanByte.alnum(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    // MARK: - API keys with a vendor prefix

    /// Handles `-` and `_`: the end of a key prefix (`sk-`, `sk-proj-`, `ghp_`, `github_pat_`,
    /// `xoxb-`) followed by at least 20 key characters.
    mutating func keyPrefixSeparator(at i: Int) -> Int {
        guard i >= 2, i + 20 < bytes.count, ScanByte.alnum(bytes[i + 1]), ScanByte.lower(bytes[i - 1]) else { return i + 1 }
        var start = i
        while start > 0, i - start < 10, ScanByte.lower(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: "_") {
            start -= 1
        }
        guard start == 0 || !(ScanByte.alnum(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: "-")) else { return i + 1 }
        let prefix = UnsafeBufferPointer(rebasing: bytes[start ... i])
        guard Self.keyPrefixes.contains(where: { $0.elementsEqual(prefix) }) else { return i + 1 }
        var end = i + 1
        var hasDigit = false
        while end < bytes.count, end - i <= 200, isBase64URL(bytes[end]) {
            hasDigit = hasDigit || ScanByte.digit(bytes[end])
            end += 1
        }
        guard end - i > 20, hasDigit, end == bytes.count || !(bytes[end] == UInt8(ascii: ".") && end + 1 < bytes.count && ScanByte.alnum(bytes[end + 1]))
        else { return i + 1 }
        add(start, end, .secret)
        return end
    }

    /// Vendor prefixes of API keys: OpenAI/Anthropic-style `sk-`, GitHub tokens, Slack tokens.
    private static let keyPrefixes: [[UInt8]] = [
        "sk-", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xoxb-", "xoxp-", "xoxa-", "xoxs-", "glpat-",
    ].map { Array($0.utf8) }
}
