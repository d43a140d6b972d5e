/// Detectors that start at a digit: phone numbers, payment cards, Chinese identity numbers, IBANs
/// and IPv4 addresses (numbers after `+` and `(` are in PhoneDetectors.swift).
extension PIIScanner {
    /// Digit groups separated by one repeated separator, e.g. `555-123-4567` → 3, 3, 4.
    struct DigitGroups {
        var lengths = SIMD8<UInt8>()
        var count = 0
        var separator: UInt8 = 0
        var digits = 0
        var end = 0

        subscript(index: Int) -> Int { Int(lengths[index]) }

        /// Whether the group lengths are exactly the given ones (up to four; no array is built).
        func shape(_ a: Int, _ b: Int = -1, _ c: Int = -1, _ d: Int = -1) -> Bool {
            let wanted = b < 0 ? 1 : c < 0 ? 2 : d < 0 ? 3 : 4
            guard count == wanted, self[0] == a else { return false }
            return (wanted < 2 || self[1] == b) && (wanted < 3 || self[2] == c) && (wanted < 4 || self[3] == d)
        }
    }

    /// Handles a digit at `i`: tries an IBAN ending in letters before it, then the numbers that
    /// start here. Returns where scanning continues.
    mutating func digitRun(at i: Int) -> Int {
        let runEnd = digitRunEnd(from: i)
        if i >= 2, runEnd - i >= 2, ScanByte.upper(bytes[i - 1]), ScanByte.upper(bytes[i - 2]),
           let end = iban(at: i - 2) {
            add(i - 2, end, .iban)
            return end
        }
        guard numberStarts(at: i) else { return runEnd }
        if runEnd - i <= 3, runEnd < bytes.count, bytes[runEnd] == UInt8(ascii: "."), let end = ipv4(at: i) {
            // "version 2.10.0.1" is a version, not an address.
            guard !VersionWords.precede(i, in: bytes) else { return end }
            add(i, end, .ip)
            return end
        }
        if runEnd - i == 17, runEnd < bytes.count, bytes[runEnd] | 0x20 == UInt8(ascii: "x"),
           numberEnds(at: runEnd + 1),
           Checksums.chineseIDIsValid(UnsafeBufferPointer(rebasing: bytes[i ..< runEnd + 1])) {
            add(i, runEnd + 1, .cnID)
            return runEnd + 1
        }
        // International with the 00 prefix: 0086 138 1234 5678, 0044 20 7946 0958.
        if runEnd - i >= 3, bytes[i + 1] == UInt8(ascii: "0"), bytes[i] == UInt8(ascii: "0"), bytes[i + 2] != UInt8(ascii: "0"),
           runEnd - i <= 5, let end = internationalNumberEnd(from: i + 2, countryCodeSeparated: true) {
            add(i, end, .phone, phoneShape: .international)
            return end
        }
        guard runEnd - i <= 32 else { return runEnd }  // a hash or serial, not personal data
        let chain = collectGroups(from: i, firstRunEnd: runEnd)
        if runEnd - i == 3, chain.count < 3, let end = northAmericanMixed(from: i) {
            add(i, end, .phone, phoneShape: .northAmerican)
            return end
        }
        if runEnd - i == 1, bytes[i] == UInt8(ascii: "1"), chain.count < 4, runEnd + 1 < bytes.count,
           bytes[runEnd] == UInt8(ascii: " ") || bytes[runEnd] == UInt8(ascii: "-"),
           let end = northAmericanMixed(from: runEnd + 1) {
            add(i, end, .phone, phoneShape: .international)
            return end
        }
        if let end = spacedChineseID(chain, start: i) {
            add(i, end, .cnID)
            return end
        }
        var groups = chain
        while groups.count > 0 {
            if numberEnds(at: groups.end), let (kind, shape) = classify(groups, start: i) {
                add(i, groups.end, kind, phoneShape: shape)
                return groups.end
            }
            // Numbers separated by single spaces may just be neighbours in a sentence.
            guard groups.separator == UInt8(ascii: " "), groups.count > 1 else { break }
            groups.count -= 1
            groups.digits -= groups[groups.count]
            groups.end -= groups[groups.count] + 1
        }
        guard chain.separator == UInt8(ascii: " "), chain.count > 1 else { return runEnd }
        // A long unseparated group later in the run (`2026 13812345678`) stands on its own.
        var start = runEnd + 1
        for index in 1 ..< chain.count {
            let end = start + chain[index]
            if chain[index] >= 11, numberEnds(at: end) {
                var single = DigitGroups()
                single.lengths[0] = UInt8(chain[index])
                single.count = 1
                single.digits = chain[index]
                single.end = end
                if let (kind, shape) = classify(single, start: start) {
                    add(start, end, kind, phoneShape: shape)
                    return end
                }
            }
            start = end + 1
        }
        return chain.end
    }

    /// Reads up to eight digit groups joined by one kind of separator (space, `-` or `.`).
    func collectGroups(from start: Int, firstRunEnd: Int) -> DigitGroups {
        var groups = DigitGroups()
        groups.lengths[0] = UInt8(truncatingIfNeeded: min(firstRunEnd - start, 255))  // callers pass runs of ≤ 32
        groups.count = 1
        groups.digits = firstRunEnd - start
        groups.end = firstRunEnd
        while groups.count < 8, groups.digits <= 24, groups.end + 1 < bytes.count {
            let separator = bytes[groups.end]
            guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") || separator == UInt8(ascii: "."),
                  groups.separator == 0 || separator == groups.separator,
                  ScanByte.digit(bytes[groups.end + 1])
            else { break }
            let runEnd = digitRunEnd(from: groups.end + 1)
            let length = runEnd - groups.end - 1
            guard length <= 32 else { break }
            groups.separator = separator
            groups.lengths[groups.count] = UInt8(truncatingIfNeeded: length)
            groups.count += 1
            groups.digits += length
            groups.end = runEnd
        }
        return groups
    }

    /// The kind of a grouped number starting at `start`, if its shape and check digits fit one.
    func classify(_ groups: DigitGroups, start: Int) -> (PIIKind, PhoneShape)? {
        let first = bytes[start]
        let second = groups.digits > 1 ? bytes[start + 1] : 0
        let isChineseMobilePrefix = first == UInt8(ascii: "1") && second >= UInt8(ascii: "3") && second <= UInt8(ascii: "9")
        if groups.count == 1 {
            let digits = UnsafeBufferPointer(rebasing: bytes[start ..< groups.end])
            switch groups.digits {
            case 11 where isChineseMobilePrefix: return (.phone, .chineseMobile)
            case 10 where first >= UInt8(ascii: "2") && PhoneKeywords.precede(start, in: bytes): return (.phone, .northAmerican)
            case 18 where Checksums.chineseIDIsValid(digits): return (.cnID, .national)
            case 13 ... 19 where isCardNumber(from: start, to: groups.end, digits: groups.digits): return (.card, .national)
            default: return nil
            }
        }
        let separator = groups.separator
        // North American: 555-123-4567, 555.123.4567, 555 123 4567, 1-800-555-0199.
        if groups.shape(3, 3, 4), first >= UInt8(ascii: "2") { return (.phone, .northAmerican) }
        if groups.shape(1, 3, 3, 4), first == UInt8(ascii: "1"), bytes[start + 2] >= UInt8(ascii: "2") {
            return (.phone, .international)
        }
        // Chinese mobile written 138 1234 5678 or 138-1234-5678.
        if groups.shape(3, 4, 4), isChineseMobilePrefix, separator != UInt8(ascii: ".") {
            return (.phone, .chineseMobile)
        }
        // Cards in fours (4111 1111 1111 1111), Amex 4-6-5, Diners 4-6-4.
        if separator != UInt8(ascii: "."), (13 ... 19).contains(groups.digits),
           groups.shape(4, 6, 5) || groups.shape(4, 6, 4) || isFourDigitBlocks(groups),
           isCardNumber(from: start, to: groups.end, digits: groups.digits) {
            return (.card, .national)
        }
        // A Chinese landline with its extension: 010-12345678-8001.
        if first == UInt8(ascii: "0"), separator == UInt8(ascii: "-"), groups.count == 3, (3 ... 4).contains(groups[0]),
           (7 ... 8).contains(groups[1]), (1 ... 5).contains(groups[2]) {
            return (.phone, .national)
        }
        // National numbers with a trunk 0: 010-12345678, 020 7946 0958, 06 12 34 56 78.
        if first == UInt8(ascii: "0"), second != UInt8(ascii: "0"), (9 ... 12).contains(groups.digits),
           (2 ... 5).contains(groups[0]), separator != UInt8(ascii: ".") || groups.count >= 4 {
            for index in 1 ..< groups.count where !(2 ... 8).contains(groups[index]) { return nil }
            return (.phone, .national)
        }
        return nil
    }

    /// The end of a North American number whose two separators differ: `415 555-0123`, `415.555-0123`.
    private func northAmericanMixed(from start: Int) -> Int? {
        guard bytes[start] >= UInt8(ascii: "2"), start + 12 <= bytes.count else { return nil }
        let first = bytes[start + 3], second = bytes[start + 7]
        func isSeparator(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        guard isSeparator(first), isSeparator(second), first != second,
              digitRunEnd(from: start + 4) == start + 7, digitRunEnd(from: start + 8) == start + 12,
              numberEnds(at: start + 12)
        else { return nil }
        return start + 12
    }

    /// The end of an identity number written region, birth date, sequence and check apart:
    /// `110105 19491231 002X` (spaces or `-`).
    private func spacedChineseID(_ chain: DigitGroups, start: Int) -> Int? {
        guard chain.count == 3, chain[0] == 6, chain[1] == 8, chain.separator != UInt8(ascii: ".") else { return nil }
        var end = chain.end
        if chain[2] == 3, end < bytes.count, bytes[end] | 0x20 == UInt8(ascii: "x") {
            end += 1
        } else if chain[2] != 4 {
            return nil
        }
        guard numberEnds(at: end) else { return nil }
        var compact: [UInt8] = []
        compact.reserveCapacity(18)
        for byte in bytes[start ..< end] where byte != chain.separator { compact.append(byte) }
        return Checksums.chineseIDIsValid(compact) ? end : nil
    }

    private func isFourDigitBlocks(_ groups: DigitGroups) -> Bool {
        guard groups.count >= 4 else { return false }
        for index in 0 ..< groups.count - 1 where groups[index] != 4 { return false }
        return (1 ... 4).contains(groups[groups.count - 1])
    }

    /// Whether the digits in `start..<end` (separators skipped) have a card network's prefix and
    /// length and pass the Luhn check.
    func isCardNumber(from start: Int, to end: Int, digits count: Int) -> Bool {
        var prefix = 0
        var taken = 0
        var index = start
        while taken < 6, index < end {
            if ScanByte.digit(bytes[index]) {
                prefix = prefix * 10 + Int(bytes[index] &- 0x30)
                taken += 1
            }
            index += 1
        }
        guard CardNetworks.accepts(prefix6: prefix, length: count) else { return false }
        return Checksums.luhnIsValid(bytes[start..<end].lazy.filter(ScanByte.digit))
    }

    // MARK: - IPv4

    /// The end of a dotted-quad IPv4 address starting at `i` (each part 0-255), if there is one.
    func ipv4(at i: Int) -> Int? {
        var index = i
        for part in 0 ..< 4 {
            let runEnd = digitRunEnd(from: index)
            let length = runEnd - index
            guard length >= 1, length <= 3 else { return nil }
            var value = 0
            for k in index ..< runEnd { value = value * 10 + Int(bytes[k] &- 0x30) }
            guard value <= 255 else { return nil }
            index = runEnd
            if part < 3 {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: ".") else { return nil }
                index += 1
            }
        }
        // A port (`:8080`) or prefix length (`/24`) may follow; another `.part` or letter may not.
        guard index < bytes.count else { return index }
        let next = bytes[index]
        if ScanByte.alnum(next) || next == UInt8(ascii: "_") || next == UInt8(ascii: "@") { return nil }
        if next == UInt8(ascii: ".") || next == UInt8(ascii: "-"), index + 1 < bytes.count, ScanByte.digit(bytes[index + 1]) {
            return nil
        }
        return index
    }

    // MARK: - IBAN

    /// The end of an IBAN starting at `i` (two uppercase letters), compact or in blocks of four.
    func iban(at i: Int) -> Int? {
        guard i == 0 || !(ScanByte.alnum(bytes[i - 1]) || bytes[i - 1] == UInt8(ascii: "_")),
              let length = Checksums.ibanLength(country: bytes[i], bytes[i + 1])
        else { return nil }
        var compact: [UInt8] = []
        compact.reserveCapacity(length)
        var index = i
        var blockLength = 0
        var spaced = false
        while index < bytes.count, compact.count < length {
            let byte = bytes[index]
            if ScanByte.digit(byte) || ScanByte.upper(byte) {
                compact.append(byte)
                blockLength += 1
                index += 1
            } else if byte == UInt8(ascii: " "), blockLength == 4, compact.count == 4 || spaced,
                      index + 1 < bytes.count, ScanByte.digit(bytes[index + 1]) || ScanByte.upper(bytes[index + 1]) {
                spaced = true
                blockLength = 0
                index += 1
            } else {
                return nil
            }
            // Compact form has no separators after the first block; spaced form has one every four.
            if spaced, blockLength > 4 { return nil }
        }
        guard compact.count == length, index == bytes.count || !(ScanByte.alnum(bytes[index]) || bytes[index] == UInt8(ascii: "_")),
              Checksums.ibanIsValid(compact)
        else { return nil }
        return index
    }
}
