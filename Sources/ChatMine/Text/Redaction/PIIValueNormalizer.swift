/// The canonical form of a detected value that hash mode hashes, so that one e-mail address or
/// phone number written two ways gets one token (`+86 138 1234 5678` and `13812345678` agree).
enum PIIValueNormalizer {
    /// The normalised bytes of `match` in `bytes`.
    static func normalized(_ match: PIIMatch, in bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let folded = foldingFullWidthDigits(UnsafeBufferPointer(rebasing: bytes[match.start ..< match.end]))
        return folded.withUnsafeBufferPointer { normalized(value: $0, match) }
    }

    private static func normalized(value: UnsafeBufferPointer<UInt8>, _ match: PIIMatch) -> [UInt8] {
        switch match.kind {
        case .email:
            return value.map { ScanByte.upper($0) ? $0 | 0x20 : $0 }
        case .phone:
            return phone(value, shape: match.phoneShape)
        case .card:
            return value.filter(ScanByte.digit)
        case .iban, .cnID:
            return value.filter(ScanByte.alnum).map { ScanByte.lower($0) ? $0 & ~0x20 : $0 }
        case .ip:
            if let address = IPv6Address(bytes: value) { return Array(address.expanded.utf8) }
            if let ipv4 = IPv6Address.ipv4Value(value) {
                return Array("\(ipv4 >> 24).\(ipv4 >> 16 & 255).\(ipv4 >> 8 & 255).\(ipv4 & 255)".utf8)
            }
            return Array(value)
        case .secret:
            return Array(value)
        }
    }

    private static func phone(_ value: UnsafeBufferPointer<UInt8>, shape: PhoneShape) -> [UInt8] {
        var digits: [UInt8] = []
        var index = 0
        while index < value.count {
            // The trunk "(0)" in "+44 (0)20 …" is not dialled internationally.
            if shape == .international, value[index] == UInt8(ascii: "("), index + 2 < value.count,
               value[index + 1] == UInt8(ascii: "0"), value[index + 2] == UInt8(ascii: ")") {
                index += 3
                continue
            }
            if ScanByte.digit(value[index]) { digits.append(value[index]) }
            index += 1
        }
        switch shape {
        case .international:
            // 00 is the international prefix written out: 0086 … is +86 ….
            let dialled = value.first == UInt8(ascii: "0") && digits.starts(with: [0x30, 0x30]) ? Array(digits.dropFirst(2)) : digits
            return Array("+".utf8) + dialled
        case .chineseMobile: return Array("+86".utf8) + digits
        case .northAmerican: return Array("+1".utf8) + digits
        case .national: return digits
        }
    }

    /// The bytes with full-width digits and `Ｘ`/`ｘ` turned into ASCII (`１３８` and `138` are one value).
    private static func foldingFullWidthDigits(_ value: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(value.count)
        var index = 0
        while index < value.count {
            if value[index] == 0xEF, index + 2 < value.count {
                let middle = value[index + 1], last = value[index + 2]
                if middle == 0xBC, last &- 0x90 < 10 {
                    output.append(last &- 0x90 &+ 0x30)
                    index += 3
                    continue
                }
                if (middle == 0xBC && last == 0xB8) || (middle == 0xBD && last == 0x98) {
                    output.append(UInt8(ascii: "X"))
                    index += 3
                    continue
                }
            }
            output.append(value[index])
            index += 1
        }
        return output
    }
}
