/// JSON Web Tokens pasted into chat or logged by tools (`eyJhbGciOi….eyJzdWIi….sig`), which are
/// bearer credentials wherever they appear, not only after `token=`.
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
}
