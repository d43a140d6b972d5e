/// The check-digit schemes that let the redactor tell real card, IBAN and identity numbers from
/// look-alike order numbers. All take ASCII bytes.
enum Checksums {
    /// Whether the ASCII digits pass the Luhn (mod 10) check used by payment cards.
    static func luhnIsValid(_ digits: some BidirectionalCollection<UInt8>) -> Bool {
        var sum = 0
        var double = false
        for byte in digits.reversed() {
            guard ScanByte.digit(byte) else { return false }
            var d = Int(byte &- 0x30)
            if double {
                d *= 2
                if d > 9 { d -= 9 }
            }
            sum += d
            double.toggle()
        }
        return !digits.isEmpty && sum % 10 == 0
    }

    /// Whether a compact IBAN (uppercase letters and digits, no spaces) has its country's length
    /// and passes the ISO 13616 mod-97 check.
    static func ibanIsValid(_ iban: [UInt8]) -> Bool {
        guard iban.count >= 15, iban.count <= 34,
              let expected = ibanLength(country: iban[0], iban[1]), expected == iban.count,
              ScanByte.digit(iban[2]), ScanByte.digit(iban[3])
        else { return false }
        var remainder = 0
        for index in 0 ..< iban.count {
            let byte = iban[(index + 4) % iban.count]  // the first four characters move to the end
            if ScanByte.digit(byte) {
                remainder = (remainder * 10 + Int(byte &- 0x30)) % 97
            } else if ScanByte.upper(byte) {
                remainder = (remainder * 100 + Int(byte &- 0x41) + 10) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }

    /// The registered IBAN length for a two-letter country code, if the country uses IBANs.
    static func ibanLength(country first: UInt8, _ second: UInt8) -> Int? {
        guard ScanByte.upper(first), ScanByte.upper(second) else { return nil }
        let length = ibanLengths[Int(first &- 0x41) * 26 + Int(second &- 0x41)]
        return length == 0 ? nil : Int(length)
    }

    /// Whether 18 ASCII characters (17 digits then a digit or X) form a plausible Chinese resident
    /// identity number: a province code, a real birth date and the ISO 7064 MOD 11-2 check character.
    static func chineseIDIsValid(_ id: some Collection<UInt8>) -> Bool {
        guard id.count == 18 else { return false }
        var sum = 0
        var values = [Int](repeating: 0, count: 17)
        var last: UInt8 = 0
        for (index, byte) in id.enumerated() {
            if index == 17 {
                last = byte
            } else {
                guard ScanByte.digit(byte) else { return false }
                values[index] = Int(byte &- 0x30)
                sum += values[index] * chineseIDWeights[index]
            }
        }
        let province = values[0] * 10 + values[1]
        guard chineseProvinceCodes.contains(province) else { return false }
        let year = values[6] * 1000 + values[7] * 100 + values[8] * 10 + values[9]
        let month = values[10] * 10 + values[11]
        let day = values[12] * 10 + values[13]
        guard year >= 1900, year <= 2099, month >= 1, month <= 12, day >= 1,
              day <= daysIn(month: month, year: year)
        else { return false }
        let check = Array("10X98765432".utf8)[sum % 11]
        return last == check || (check == UInt8(ascii: "X") && last == UInt8(ascii: "x"))
    }

    private static let chineseIDWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

    /// GB/T 2260 province-level codes (the first two digits of every resident identity number).
    private static let chineseProvinceCodes: Set<Int> = [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91,
    ]

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// IBAN lengths by country (SWIFT IBAN registry), indexed by (letter1 × 26 + letter2); 0 = none.
    private static let ibanLengths: [UInt8] = {
        let registry: [(String, UInt8)] = [
            ("AD", 24), ("AE", 23), ("AL", 28), ("AT", 20), ("AZ", 28), ("BA", 20), ("BE", 16),
            ("BG", 22), ("BH", 22), ("BI", 27), ("BR", 29), ("BY", 28), ("CH", 21), ("CR", 22),
            ("CY", 28), ("CZ", 24), ("DE", 22), ("DJ", 27), ("DK", 18), ("DO", 28), ("EE", 20),
            ("EG", 29), ("ES", 24), ("FI", 18), ("FK", 18), ("FO", 18), ("FR", 27), ("GB", 22),
            ("GE", 22), ("GI", 23), ("GL", 18), ("GR", 27), ("GT", 28), ("HR", 21), ("HU", 28),
            ("IE", 22), ("IL", 23), ("IQ", 23), ("IS", 26), ("IT", 27), ("JO", 30), ("KW", 30),
            ("KZ", 20), ("LB", 28), ("LC", 32), ("LI", 21), ("LT", 20), ("LU", 20), ("LV", 21),
            ("LY", 25), ("MC", 27), ("MD", 24), ("ME", 22), ("MK", 19), ("MN", 20), ("MR", 27),
            ("MT", 31), ("MU", 30), ("NI", 28), ("NL", 18), ("NO", 15), ("OM", 23), ("PK", 24),
            ("PL", 28), ("PS", 29), ("PT", 25), ("QA", 29), ("RO", 24), ("RS", 22), ("RU", 33),
            ("SA", 24), ("SC", 31), ("SD", 18), ("SE", 24), ("SI", 19), ("SK", 24), ("SM", 27),
            ("SO", 23), ("ST", 25), ("SV", 28), ("TL", 23), ("TN", 24), ("TR", 26), ("UA", 29),
            ("VA", 22), ("VG", 24), ("XK", 20), ("YE", 30),
        ]
        var table = [UInt8](repeating: 0, count: 26 * 26)
        for (code, length) in registry {
            let letters = Array(code.utf8)
            table[Int(letters[0] - 0x41) * 26 + Int(letters[1] - 0x41)] = length
        }
        return table
    }()
}

/// ASCII byte classes for the scanners (a namespace, so nothing clashes with other extensions).
enum ScanByte {
    @inline(__always) static func digit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func upper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inline(__always) static func lower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    @inline(__always) static func letter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func alnum(_ b: UInt8) -> Bool { digit(b) || letter(b) }
    @inline(__always) static func hex(_ b: UInt8) -> Bool { digit(b) || (b | 0x20) &- 0x61 < 6 }
}
