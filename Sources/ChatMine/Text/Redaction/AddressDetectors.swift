/// Detectors that start at `@`, `:` and `=`: e-mail addresses, URL credentials, IPv6 addresses
/// and secret query parameters.
extension PIIScanner {
    // MARK: - E-mail and URL credentials

    /// Handles `@`: `user:password@` inside a URL's authority, else an e-mail address around it.
    mutating func atSign(at i: Int) -> Int {
        if let start = urlUserInfoStart(before: i) {
            let userInfo = UnsafeBufferPointer(rebasing: bytes[start ..< i])
            if userInfo.contains(UInt8(ascii: ":")), placeholderEnd(at: start) != i {
                add(start, i, .secret)
                return i + 1
            }
        }
        guard let (start, end) = email(around: i) else { return i + 1 }
        add(start, end, .email)
        return end
    }

    /// The start of the user-info part when the `@` at `i` follows `scheme://` in the same URL.
    private func urlUserInfoStart(before i: Int) -> Int? {
        var k = i
        while k > 0, i - k < 256 {
            let byte = bytes[k - 1]
            if byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "@")
                || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") {
                break
            }
            k -= 1
        }
        guard k >= 3, k < i, bytes[k - 1] == UInt8(ascii: "/"), bytes[k - 2] == UInt8(ascii: "/"),
              bytes[k - 3] == UInt8(ascii: ":")
        else { return nil }
        return k
    }

    /// Handles `%`: an e-mail address URL-encoded in a link (`?email=ann%40example.com`).
    mutating func percentSign(at i: Int) -> Int {
        guard i + 3 < bytes.count, bytes[i + 1] == UInt8(ascii: "4"), bytes[i + 2] == UInt8(ascii: "0"),
              let (start, end) = email(around: i, atLength: 3)
        else { return i + 1 }
        add(start, end, .email)
        return end
    }

    /// The e-mail address whose `@` (or `%40`, `atLength` 3) is at `i`: an ASCII local part and a
    /// dotted domain whose last label is alphabetic; punctuation around it (`<…>`, a final `.`) is left out.
    private func email(around i: Int, atLength: Int = 1) -> (Int, Int)? {
        var start = i
        while start > 0, i - start < 64, isLocalPartByte(bytes[start - 1]) { start -= 1 }
        if start > 0, isLocalPartByte(bytes[start - 1]) { return nil }  // longer than 64
        while start < i, bytes[start] == UInt8(ascii: ".") || bytes[start] == UInt8(ascii: "-") { start += 1 }
        guard start < i, bytes[i - 1] != UInt8(ascii: ".") else { return nil }
        let i = i + atLength - 1  // from here on, `i` is the last byte of the at sign
        var end = i + 1
        while end < bytes.count, end - i < 255,
              ScanByte.alnum(bytes[end]) || bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: ".") {
            end += 1
        }
        while end > i + 1, bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
        guard end > i + 1, end == bytes.count || (bytes[end] != UInt8(ascii: "@") && bytes[end] != UInt8(ascii: "_")),
              isDomain(from: i + 1, to: end)
        else { return nil }
        return (start, end)
    }

    @inline(__always)
    private func isLocalPartByte(_ byte: UInt8) -> Bool {
        ScanByte.alnum(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "%")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    /// Whether `start..<end` is two or more labels of letters, digits and inner hyphens, the last
    /// of two or more letters.
    private func isDomain(from start: Int, to end: Int) -> Bool {
        var labels = 0
        var labelStart = start
        var index = start
        while index <= end {
            if index == end || bytes[index] == UInt8(ascii: ".") {
                let length = index - labelStart
                guard length >= 1, length <= 63, bytes[labelStart] != UInt8(ascii: "-"),
                      bytes[index - 1] != UInt8(ascii: "-")
                else { return false }
                labels += 1
                labelStart = index + 1
            }
            index += 1
        }
        guard labels >= 2 else { return false }
        var tldStart = end
        while tldStart > start, bytes[tldStart - 1] != UInt8(ascii: ".") { tldStart -= 1 }
        guard end - tldStart >= 2 else { return false }
        for k in tldStart ..< end where !ScanByte.letter(bytes[k]) { return false }
        return true
    }

    // MARK: - IPv6

    /// Handles `:`: an IPv6 address around it (hex groups, at most one `::`, an optional IPv4 tail).
    mutating func colon(at i: Int) -> Int {
        var start = i
        while start > 0, i - start < 4, ScanByte.hex(bytes[start - 1]) { start -= 1 }
        if start > 0 {
            let previous = bytes[start - 1]
            if ScanByte.alnum(previous) || previous == UInt8(ascii: ":") || previous == UInt8(ascii: ".")
                || previous == UInt8(ascii: "_") || previous == UInt8(ascii: "-") {
                return i + 1
            }
        }
        var end = i
        while end < bytes.count, end - start < 46,
              ScanByte.hex(bytes[end]) || bytes[end] == UInt8(ascii: ":") || bytes[end] == UInt8(ascii: ".") {
            end += 1
        }
        while end > i, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
        if end - start >= 2, bytes[end - 1] == UInt8(ascii: ":"), bytes[end - 2] != UInt8(ascii: ":") { end -= 1 }
        guard end - start >= 3, end == bytes.count || !(ScanByte.alnum(bytes[end]) || bytes[end] == UInt8(ascii: "_")),
              let address = IPv6Address(bytes: UnsafeBufferPointer(rebasing: bytes[start ..< end])),
              address.explicitGroups >= 2,
              bytes[start ..< end].contains(where: ScanByte.digit)
        else { return i + 1 }
        add(start, end, .ip)
        return end
    }

    // MARK: - Secret query parameters

    /// Handles `=`: the value of a sensitive parameter (`token=`, `password=`, `sig=` …).
    mutating func equalsSign(at i: Int) -> Int {
        var keyStart = i
        while keyStart > 0, i - keyStart < 40, isKeyByte(bytes[keyStart - 1]) { keyStart -= 1 }
        guard keyStart < i else { return i + 1 }
        if keyStart > 0 {
            let before = bytes[keyStart - 1]
            guard before < 0x80 ? isParameterDelimiter(before) : true else { return i + 1 }
        }
        guard SecretKeys.isSensitive(UnsafeBufferPointer(rebasing: bytes[keyStart ..< i])) else { return i + 1 }
        let valueStart = i + 1
        if let end = placeholderEnd(at: valueStart) { return end }
        var end = valueStart
        while end < bytes.count, isValueByte(bytes[end]) { end += 1 }
        while end > valueStart, isTrailingPunctuation(bytes[end - 1]) { end -= 1 }
        guard end > valueStart else { return i + 1 }
        add(valueStart, end, .secret)
        return end
    }

    @inline(__always)
    private func isKeyByte(_ byte: UInt8) -> Bool {
        ScanByte.alnum(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    private func isParameterDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "?"), UInt8(ascii: "&"), UInt8(ascii: ";"), UInt8(ascii: "#"), UInt8(ascii: " "),
             UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\""), UInt8(ascii: "'"),
             UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: "/"),
             UInt8(ascii: ":"), UInt8(ascii: "<"):
            return true
        default:
            return false
        }
    }

    @inline(__always)
    private func isValueByte(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "#"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"),
             UInt8(ascii: ">"), UInt8(ascii: "`"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            return false
        default:
            return true
        }
    }

    @inline(__always)
    private func isTrailingPunctuation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";")
            || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ")")
            || byte == UInt8(ascii: ":")
    }
}
