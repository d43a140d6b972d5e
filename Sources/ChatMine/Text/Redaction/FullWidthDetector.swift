/// Numbers typed with full-width digits (`１３８１２３４５６７８`), as Chinese input methods can produce:
/// unseparated Chinese mobiles, identity numbers and card numbers.
extension PIIScanner {
    /// Whether the three bytes at `i` are a full-width digit `０`-`９` (U+FF10-FF19: EF BC 90-99).
    @inline(__always)
    func isFullWidthDigit(at i: Int) -> Bool {
        i >= 0 && i + 2 < bytes.count && bytes[i] == 0xEF && bytes[i + 1] == 0xBC && bytes[i + 2] &- 0x90 < 10
    }

    /// Whether the three bytes at `i` are a full-width Latin letter (`Ａ`-`Ｚ`, `ａ`-`ｚ`).
    private func isFullWidthLetter(at i: Int) -> Bool {
        guard i >= 0, i + 2 < bytes.count, bytes[i] == 0xEF else { return false }
        return (bytes[i + 1] == 0xBC && bytes[i + 2] &- 0xA1 < 26) || (bytes[i + 1] == 0xBD && bytes[i + 2] &- 0x81 < 26)
    }

    /// Handles the lead byte 0xEF: a run of full-width digits that is a mobile, identity or card number.
    mutating func fullWidth(at i: Int) -> Int {
        guard isFullWidthDigit(at: i) else { return i + 1 }
        var ascii: [UInt8] = []
        var end = i
        var count = 0
        while isFullWidthDigit(at: end) {
            if count < 20 { ascii.append(bytes[end + 2] &- 0x90 &+ 0x30) }
            count += 1
            end += 3
        }
        guard count <= 19 else { return end }
        // The identity number's check character may be a full-width or ASCII X or x.
        if ascii.count == 17 {
            if end + 2 < bytes.count, bytes[end] == 0xEF,
               (bytes[end + 1] == 0xBC && bytes[end + 2] == 0xB8) || (bytes[end + 1] == 0xBD && bytes[end + 2] == 0x98) {
                ascii.append(UInt8(ascii: "X"))
                end += 3
            } else if end < bytes.count, bytes[end] | 0x20 == UInt8(ascii: "x") {
                ascii.append(UInt8(ascii: "X"))
                end += 1
            }
        }
        let startsClean = i == 0 || !(ScanByte.alnum(bytes[i - 1]) || isFullWidthLetter(at: i - 3) || isFullWidthDigit(at: i - 3))
        let endsClean = end == bytes.count || !(ScanByte.alnum(bytes[end]) || isFullWidthDigit(at: end) || isFullWidthLetter(at: end))
        guard startsClean, endsClean, ascii.count >= 11 else { return end }
        let kind: PIIKind?
        var shape = PhoneShape.national
        switch ascii.count {
        case 11 where ascii[0] == UInt8(ascii: "1") && ascii[1] >= UInt8(ascii: "3"):
            kind = .phone
            shape = .chineseMobile
        case 18 where Checksums.chineseIDIsValid(ascii):
            kind = .cnID
        case 13 ... 19 where isCardNumber(ascii):
            kind = .card
        default:
            kind = nil
        }
        if let kind { add(i, end, kind, phoneShape: shape) }
        return end
    }

    private func isCardNumber(_ digits: [UInt8]) -> Bool {
        guard digits.allSatisfy(ScanByte.digit) else { return false }
        let prefix = digits.prefix(6).reduce(0) { $0 * 10 + Int($1 &- 0x30) }
        return CardNetworks.accepts(prefix6: prefix, length: digits.count) && Checksums.luhnIsValid(digits)
    }
}
