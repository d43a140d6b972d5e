/// The placeholders that replace redacted values: `[EMAIL]` in mask mode, `[EMAIL:9f2c41ab]` in hash mode.
public struct RedactionPlaceholder: Sendable, Equatable {
    /// The kind of value that was replaced.
    public let kind: PIIKind
    /// The keyed hash of the normalised value (eight lowercase hex digits), nil in mask mode.
    public let hash: String?
    /// Where the placeholder is in the text it was found in.
    public let range: Range<String.Index>

    /// Every placeholder in `text`, in order (for normalisation, clustering and export code).
    public static func all(in text: String) -> [RedactionPlaceholder] {
        var found: [RedactionPlaceholder] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while let open = utf8[index...].firstIndex(of: UInt8(ascii: "[")) {
            var close = utf8.index(after: open)
            var length = 1
            while close < utf8.endIndex, length <= PlaceholderSyntax.maximumLength, utf8[close] != UInt8(ascii: "]") {
                close = utf8.index(after: close)
                length += 1
            }
            guard close < utf8.endIndex, utf8[close] == UInt8(ascii: "]") else {
                index = utf8.index(after: open)
                continue
            }
            let end = utf8.index(after: close)
            let token = Array(utf8[open ..< end])
            if let kind = token.withUnsafeBufferPointer({ PlaceholderSyntax.kind(of: $0) }) {
                let hash = token.count > kind.label.utf8.count + 2
                    ? String(decoding: token[(kind.label.utf8.count + 2) ..< (token.count - 1)], as: UTF8.self) : nil
                found.append(RedactionPlaceholder(kind: kind, hash: hash, range: open ..< end))
                index = end
            } else {
                index = utf8.index(after: open)
            }
        }
        return found
    }
}

extension Redactor {
    /// Whether `token` is exactly one placeholder, such as `[PHONE]` or `[PHONE:1a2b3c4d]`.
    public static func isPlaceholder(_ token: some StringProtocol) -> Bool {
        placeholderKind(token) != nil
    }

    /// The kind named by a placeholder token, nil if `token` is not exactly one placeholder.
    public static func placeholderKind(_ token: some StringProtocol) -> PIIKind? {
        let bytes = Array(token.utf8)
        return bytes.withUnsafeBufferPointer { PlaceholderSyntax.kind(of: $0) }
    }

    /// Whether `text` contains at least one placeholder.
    public static func containsPlaceholder(_ text: String) -> Bool {
        guard text.utf8.contains(UInt8(ascii: "[")) else { return false }
        return !RedactionPlaceholder.all(in: text).isEmpty
    }
}

/// The byte-level grammar of placeholders: `[` LABEL (`:` 8 lowercase hex digits)? `]`.
enum PlaceholderSyntax {
    /// The longest placeholder, `[SECRET:xxxxxxxx]`, in bytes.
    static let maximumLength = 17

    /// The kind of the placeholder filling all of `token`, if it is one.
    static func kind(of token: UnsafeBufferPointer<UInt8>) -> PIIKind? {
        guard token.count >= 4, token.count <= maximumLength, token[0] == UInt8(ascii: "["),
              token[token.count - 1] == UInt8(ascii: "]")
        else { return nil }
        let inner = UnsafeBufferPointer(rebasing: token[1 ..< token.count - 1])
        let labelEnd = inner.firstIndex(of: UInt8(ascii: ":")) ?? inner.count
        guard let kind = PIIKind.allCases.first(where: { $0.label.utf8.elementsEqual(inner[0 ..< labelEnd]) }) else {
            return nil
        }
        if labelEnd == inner.count { return kind }
        let hash = inner[(labelEnd + 1)...]
        guard hash.count == 8, hash.allSatisfy({ ScanByte.digit($0) || ($0 &- 0x61) < 6 }) else { return nil }
        return kind
    }
}
