/// A parsed IPv6 address: eight 16-bit groups, from the full, compressed (`::`) or IPv4-tailed form.
struct IPv6Address: Sendable, Equatable {
    /// The eight groups, most significant first.
    var groups = SIMD8<UInt16>()
    /// How many groups were written out (an IPv4 tail counts as two).
    var explicitGroups = 0

    /// Parses ASCII text such as `2001:db8::8a2e:370:7334` or `::ffff:192.0.2.128`; nil if it is not one.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n >= 2 else { return nil }
        var head = SIMD8<UInt16>(), headCount = 0
        var tail = SIMD8<UInt16>(), tailCount = 0
        var compressed = false
        var index = 0
        if bytes[0] == UInt8(ascii: ":") {
            guard bytes[1] == UInt8(ascii: ":") else { return nil }
            compressed = true
            index = 2
        }
        while index < n {
            if headCount + tailCount >= 8 { return nil }
            // A field: 1-4 hex digits, or a dotted IPv4 tail that must end the address.
            var fieldEnd = index
            var value: UInt32 = 0
            while fieldEnd < n, fieldEnd - index < 5, ScanByte.hex(bytes[fieldEnd]) {
                value = value << 4 | UInt32(IPv6Address.hexValue(bytes[fieldEnd]))
                fieldEnd += 1
            }
            if fieldEnd < n, bytes[fieldEnd] == UInt8(ascii: ".") {
                guard let ipv4 = IPv6Address.ipv4Value(UnsafeBufferPointer(rebasing: bytes[index ..< n])),
                      headCount + tailCount <= 6
                else { return nil }
                for half in [UInt16(truncatingIfNeeded: ipv4 >> 16), UInt16(truncatingIfNeeded: ipv4)] {
                    if compressed { tail[tailCount] = half; tailCount += 1 } else { head[headCount] = half; headCount += 1 }
                }
                index = n
                break
            }
            let length = fieldEnd - index
            guard length >= 1, length <= 4 else { return nil }
            if compressed { tail[tailCount] = UInt16(value); tailCount += 1 } else { head[headCount] = UInt16(value); headCount += 1 }
            index = fieldEnd
            guard index < n else { break }
            guard bytes[index] == UInt8(ascii: ":"), index + 1 < n else { return nil }
            index += 1
            if bytes[index] == UInt8(ascii: ":") {
                guard !compressed else { return nil }
                compressed = true
                index += 1
            }
        }
        let written = headCount + tailCount
        guard compressed ? written <= 7 : written == 8 else { return nil }
        for k in 0 ..< headCount { groups[k] = head[k] }
        for k in 0 ..< tailCount { groups[8 - tailCount + k] = tail[k] }
        explicitGroups = written
    }

    /// The full lowercase form without leading zeros, e.g. `2001:db8:0:0:0:0:0:1` (for hashing).
    var expanded: String {
        (0 ..< 8).map { String(groups[$0], radix: 16) }.joined(separator: ":")
    }

    private static func hexValue(_ byte: UInt8) -> UInt8 {
        ScanByte.digit(byte) ? byte &- 0x30 : (byte | 0x20) &- 0x61 &+ 10
    }

    /// The 32-bit value of a dotted quad filling all of `bytes`.
    static func ipv4Value(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var part: UInt32 = 0
        var digits = 0
        var parts = 0
        for byte in bytes {
            if ScanByte.digit(byte) {
                part = part * 10 + UInt32(byte &- 0x30)
                digits += 1
                guard digits <= 3, part <= 255 else { return nil }
            } else if byte == UInt8(ascii: "."), digits > 0, parts < 3 {
                value = value << 8 | part
                parts += 1
                part = 0
                digits = 0
            } else {
                return nil
            }
        }
        guard parts == 3, digits > 0 else { return nil }
        return value << 8 | part
    }
}
