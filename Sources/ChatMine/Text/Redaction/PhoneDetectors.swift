/// Phone numbers that start at `+`, at `(`, or at `00`: international numbers and area codes in
/// parentheses.
extension PIIScanner {
    /// Handles `+`: an international number `+CC …` with 9-16 digits (10-15 when unseparated).
    mutating func plusSign(at i: Int) -> Int {
        guard i + 1 < bytes.count, bytes[i + 1] &- 0x31 < 9,
              i == 0 || followsMatch(i) || !(ScanByte.alnum(bytes[i - 1]) || bytes[i - 1] == UInt8(ascii: "+")),
              let end = internationalNumberEnd(from: i + 1, countryCodeSeparated: false)
        else { return i + 1 }
        add(i, end, .phone, phoneShape: .international)
        return end
    }

    /// The end of an international number whose country code starts at `start` (after `+` or
    /// `00`): digit groups joined by spaces, `-`, `.` or a parenthesised group such as `(0)`.
    func internationalNumberEnd(from start: Int, countryCodeSeparated: Bool) -> Int? {
        var index = start
        var digits = 0
        var separators = 0
        while index < bytes.count, digits <= 16 {
            let byte = bytes[index]
            if ScanByte.digit(byte) {
                let runEnd = digitRunEnd(from: index)
                digits += runEnd - index
                index = runEnd
            } else if byte == UInt8(ascii: "("), index + 2 < bytes.count, ScanByte.digit(bytes[index + 1]) {
                let runEnd = digitRunEnd(from: index + 1)
                guard runEnd < bytes.count, bytes[runEnd] == UInt8(ascii: ")"), runEnd - index - 1 <= 4 else { break }
                digits += runEnd - index - 1
                separators += 1
                index = runEnd + 1
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "."),
                      index + 1 < bytes.count,
                      ScanByte.digit(bytes[index + 1]) || bytes[index + 1] == UInt8(ascii: "("),
                      ScanByte.digit(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: ")") {
                separators += 1
                index += 1
            } else {
                break
            }
        }
        if countryCodeSeparated {
            // After 00 (an order number may start with zeros), the country code must stand apart.
            let countryCodeEnd = digitRunEnd(from: start)
            var code = 0
            for k in start ..< countryCodeEnd { code = code * 10 + Int(bytes[k] &- 0x30) }
            guard countryCodeEnd < index, CountryCodes.isAssigned(code, digits: countryCodeEnd - start) else { return nil }
        }
        let enough = separators > 0 ? (9 ... 16).contains(digits) : (10 ... 15).contains(digits)
        guard enough, ScanByte.digit(bytes[index - 1]), numberEnds(at: index) else { return nil }
        return index
    }

    /// Handles `(`: `(555) 123-4567` or a Chinese area code `(010) 12345678`.
    mutating func openParenthesis(at i: Int) -> Int {
        guard i + 1 < bytes.count, ScanByte.digit(bytes[i + 1]),
              i == 0 || followsMatch(i) || !ScanByte.alnum(bytes[i - 1])
        else { return i + 1 }
        let areaEnd = digitRunEnd(from: i + 1)
        guard areaEnd < bytes.count, bytes[areaEnd] == UInt8(ascii: ")") else { return i + 1 }
        let area = areaEnd - i - 1
        var index = areaEnd + 1
        if index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        guard index < bytes.count, ScanByte.digit(bytes[index]) else { return i + 1 }
        let groups = collectGroups(from: index, firstRunEnd: digitRunEnd(from: index))
        guard numberEnds(at: groups.end) else { return i + 1 }
        let trunk = bytes[i + 1] == UInt8(ascii: "0")
        let fits: Bool
        let shape: PhoneShape
        if trunk {
            fits = (3 ... 4).contains(area) && (7 ... 8).contains(groups.digits) && groups.count <= 2
                && groups.separator != UInt8(ascii: ".")
            shape = .national
        } else {
            fits = area == 3 && bytes[i + 1] >= UInt8(ascii: "2") && (groups.shape(3, 4) || groups.shape(7))
            shape = .northAmerican
        }
        guard fits else { return i + 1 }
        add(i, groups.end, .phone, phoneShape: shape)
        return groups.end
    }
}
