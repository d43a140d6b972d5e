/// SplitMix64 (Steele, Lea & Flood): a tiny seeded generator, so the redaction corpus is the same on every machine.
struct CorpusRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generators of realistic personal-data values (valid check digits) and of look-alikes that
/// are not personal data (order numbers, dates, amounts …), for the redaction corpus.
struct CorpusValues {
    var rng: CorpusRandom

    mutating func digits(_ count: Int, firstNonZero: Bool = false) -> String {
        String((0 ..< count).map { index in
            Character(String(Int.random(in: (index == 0 && firstNonZero ? 1 : 0) ... 9, using: &rng)))
        })
    }

    mutating func pick<T>(_ options: [T]) -> T {
        options[Int.random(in: 0 ..< options.count, using: &rng)]
    }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0 ..< 1, using: &rng) < p }

    // MARK: - Personal data

    mutating func email() -> String {
        let first = pick(["ann", "john", "li.wei", "zhang_san", "mary.jones", "bob", "wang.fang", "dev-ops", "o.reilly", "chen"])
        var local: String
        switch Int.random(in: 0 ..< 5, using: &rng) {
        case 0: local = digits(Int.random(in: 6 ... 11, using: &rng), firstNonZero: true)  // QQ style
        case 1: local = first + digits(Int.random(in: 1 ... 4, using: &rng))
        case 2: local = first + "+" + pick(["shop", "news", "work"])
        default: local = first
        }
        if chance(0.15) { local = local.prefix(1).uppercased() + local.dropFirst() }
        let domain = pick(["gmail.com", "outlook.com", "qq.com", "163.com", "example.co.uk", "mail.example.org",
                           "company.com.cn", "sub.domain.io", "Example.COM", "yahoo.co.jp", "web.de"])
        return local + "@" + domain
    }

    mutating func phone() -> String {
        switch Int.random(in: 0 ..< 12, using: &rng) {
        case 0, 1, 2:
            let mobile = "1" + String(Int.random(in: 3 ... 9, using: &rng)) + digits(9)
            let a = mobile.prefix(3), b = mobile.dropFirst(3).prefix(4), c = mobile.suffix(4)
            return pick([mobile, mobile, "\(a) \(b) \(c)", "\(a)-\(b)-\(c)", "+86 \(mobile)", "+86\(mobile)", "+86 \(a) \(b) \(c)",
                         "0086 \(a) \(b) \(c)", Self.fullWidth(mobile)])
        case 3, 4, 5:
            let area = String(Int.random(in: 2 ... 9, using: &rng)) + digits(2)
            let exchange = String(Int.random(in: 2 ... 9, using: &rng)) + digits(2)
            let line = digits(4)
            return pick(["(\(area)) \(exchange)-\(line)", "\(area)-\(exchange)-\(line)", "\(area).\(exchange).\(line)",
                         "\(area) \(exchange) \(line)", "+1 \(area) \(exchange) \(line)", "+1-\(area)-\(exchange)-\(line)",
                         "1-\(area)-\(exchange)-\(line)", "+1 (\(area)) \(exchange)-\(line)", "\(area) \(exchange)-\(line)"])
        case 6:
            let london = "20 " + digits(4) + " " + digits(4)
            let mobile = "7" + digits(3) + " " + digits(6)
            return pick(["+44 \(london)", "0\(london)", "+44 \(mobile)", "0\(mobile)", "+44 (0)\(london)"])
        case 7:
            return pick(["+49 30 " + digits(7), "+49 151 " + digits(8), "030 " + digits(7), "0151 " + digits(8)])
        case 8:
            let pairs = (0 ..< 4).map { _ in digits(2) }.joined(separator: " ")
            let lead = String(Int.random(in: 1 ... 7, using: &rng))
            return pick(["0\(lead) \(pairs)", "+33 \(lead) \(pairs)"])
        case 9, 10:
            let area = pick(["010", "021", "020", "0755", "0571", "028"])
            let number = String(Int.random(in: 2 ... 8, using: &rng)) + digits(area.count == 3 ? 7 : 6 + Int.random(in: 0 ... 1, using: &rng))
            return pick(["\(area)-\(number)", "(\(area)) \(number)", "+86 \(area.dropFirst()) \(number)"])
        default:
            let number = digits(4) + "-" + digits(4)
            return pick(["03-\(number)", "+81 3-\(number)", "+81 90-\(number)", "090-\(number)"])
        }
    }

    mutating func card() -> String {
        let (prefix, length): (String, Int) = pick([
            ("4", 16), ("4", 16), ("4", 13), (String(Int.random(in: 51 ... 55, using: &rng)), 16),
            ("2" + String(Int.random(in: 221 ... 720, using: &rng)), 16), (pick(["34", "37"]), 15), ("62", 16),
            ("62", 19), ("6011", 16), ("35" + String(Int.random(in: 28 ... 89, using: &rng)), 16), ("36", 14),
        ])
        var body = prefix + digits(length - prefix.count - 1)
        body += String(luhnCheckDigit(body))
        if length == 15, chance(0.6) {
            return Self.grouped(body, [4, 6, 5], separator: pick([" ", "-"]))
        }
        guard length == 16 || length == 19, chance(0.6) else { return body }
        return Self.grouped(body, Array(repeating: 4, count: length / 4) + (length % 4 > 0 ? [length % 4] : []), separator: pick([" ", "-"]))
    }

    mutating func iban() -> String {
        let (country, bban): (String, String) = pick([
            ("DE", digits(18)), ("GB", pick(["WEST", "NWBK", "BARC"]) + digits(14)), ("FR", digits(23)),
            ("NL", pick(["ABNA", "INGB", "RABO"]) + digits(10)), ("ES", digits(20)), ("IT", "X" + digits(22)),
            ("CH", digits(17)), ("BE", digits(12)), ("AT", digits(16)), ("PL", digits(24)),
        ])
        let check = 98 - Self.mod97(bban + country + "00")
        let iban = country + (check < 10 ? "0" : "") + String(check) + bban
        guard chance(0.5) else { return iban }
        return Self.grouped(iban, Array(repeating: 4, count: iban.count / 4) + (iban.count % 4 > 0 ? [iban.count % 4] : []), separator: " ")
    }

    mutating func chineseID() -> String {
        let province = pick(["11", "12", "31", "32", "33", "35", "37", "41", "44", "50", "51", "61", "62", "65"])
        let year = Int.random(in: 1950 ... 2008, using: &rng)
        let month = Int.random(in: 1 ... 12, using: &rng)
        let day = Int.random(in: 1 ... 28, using: &rng)
        let body = province + digits(4) + String(year) + Self.twoDigits(month) + Self.twoDigits(day) + digits(3)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + ($1.0.wholeNumberValue ?? 0) * $1.1 }
        let check = Array("10X98765432")[sum % 11]
        let id = body + String(check == "X" && chance(0.2) ? "x" : check)
        if chance(0.1) { return Self.fullWidth(id) }
        if chance(0.1) { return Self.grouped(id, [6, 8, 4], separator: pick([" ", "-"])) }
        return id
    }

    mutating func ip() -> String {
        let octet = { (rng: inout CorpusRandom) in String(Int.random(in: 0 ... 255, using: &rng)) }
        if chance(0.6) {
            return (0 ..< 4).map { _ in octet(&rng) }.joined(separator: ".")
        }
        let groups = (0 ..< 8).map { _ in String(Int.random(in: 0 ... 0xFFFF, using: &rng), radix: 16) }
        switch Int.random(in: 0 ..< 4, using: &rng) {
        case 0: return groups.joined(separator: ":")
        case 1: return "2001:db8::" + groups.suffix(Int.random(in: 1 ... 4, using: &rng)).joined(separator: ":")
        case 2: return "fe80::" + groups.suffix(4).joined(separator: ":")
        default: return "::ffff:" + (0 ..< 4).map { _ in octet(&rng) }.joined(separator: ".")
        }
    }

    mutating func secret() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return String((0 ..< Int.random(in: 8 ... 40, using: &rng)).map { _ in pick(alphabet) })
    }

    mutating func jwt() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        func segment(_ length: Int) -> String { String((0 ..< length).map { _ in pick(alphabet) }) }
        return "eyJ" + segment(Int.random(in: 15 ... 40, using: &rng)) + ".eyJ" + segment(Int.random(in: 20 ... 120, using: &rng))
            + "." + segment(43)
    }

    /// An API key shaped like the vendor's: `sk-` 48, `ghp_` 36, Slack `xoxb-` numbers and 24.
    mutating func apiKey() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        func chars(_ n: Int) -> String { String((0 ..< n).map { _ in pick(alphabet) }) + String(Int.random(in: 0 ... 9, using: &rng)) }
        switch Int.random(in: 0 ..< 4, using: &rng) {
        case 0: return "sk-" + chars(47)
        case 1: return "sk-proj-" + chars(63)
        case 2: return "ghp_" + chars(35)
        default: return "xoxb-" + digits(12) + "-" + digits(13) + "-" + chars(23)
        }
    }

    mutating func userInfo() -> String {
        pick(["admin", "deploy", "user", "li.wei"]) + ":" + secret()
    }

    // MARK: - Look-alikes (not personal data)

    mutating func orderNumber() -> String {
        switch Int.random(in: 0 ..< 10, using: &rng) {
        case 0: return "#A" + digits(5)
        case 1: return digits(7, firstNonZero: true)
        case 2: return "ORD-" + String(Int.random(in: 2019 ... 2026, using: &rng)) + "-" + digits(5)
        case 3: return String(Int.random(in: 2024 ... 2026, using: &rng)) + "1124" + digits(6)
        case 4: return nonLuhn16()
        case 5: return digits(Int.random(in: 18 ... 19, using: &rng), firstNonZero: true)  // marketplace order ids
        case 6: return "1Z" + digits(3) + "AA1" + digits(10)  // UPS
        case 7: return pick(["SF", "YT", "JD", "ZTO"]) + digits(12)
        case 8: return digits(12, firstNonZero: true)  // FedEx
        default: return "9400 " + (0 ..< 4).map { _ in digits(4) }.joined(separator: " ") + " " + digits(2)  // USPS
        }
    }

    mutating func nonLuhn16() -> String {
        let body = digits(15, firstNonZero: true)
        let valid = luhnCheckDigit(body)
        return body + String((valid + Int.random(in: 1 ... 9, using: &rng)) % 10)
    }

    mutating func date() -> String {
        let y = Int.random(in: 2020 ... 2027, using: &rng), m = Int.random(in: 1 ... 12, using: &rng), d = Int.random(in: 1 ... 28, using: &rng)
        let mm = Self.twoDigits(m), dd = Self.twoDigits(d)
        return pick(["\(y)-\(mm)-\(dd)", "\(dd)/\(mm)/\(y)", "\(mm)/\(dd)/\(y)", "\(y)年\(m)月\(d)日", "\(dd).\(mm).\(y)",
                     "\(y)/\(mm)/\(dd)", "\(y)\(mm)\(dd)", "\(y)-\(mm)-\(dd)T\(Self.twoDigits(d % 24)):15:02.120Z"])
    }

    mutating func time() -> String {
        let h = Int.random(in: 0 ... 23, using: &rng), m = Int.random(in: 0 ... 59, using: &rng)
        return pick(["\(Self.twoDigits(h)):\(Self.twoDigits(m))", "\(h):\(Self.twoDigits(m)):0\(m % 10)", "\(h % 12 + 1)点\(m)分",
                     "\(Self.twoDigits(h)):00-\(Self.twoDigits((h + 1) % 24)):30"])
    }

    mutating func amount() -> String {
        let whole = Int.random(in: 1 ... 99999, using: &rng), cents = Self.twoDigits(Int.random(in: 0 ... 99, using: &rng))
        let grouped = whole >= 1000 ? "\(whole / 1000),\(String(whole % 1000 + 1000).dropFirst())" : String(whole)
        return pick(["$\(grouped).\(cents)", "¥\(whole)", "\(whole)元", "€ \(whole).\(cents)", "USD \(grouped).00",
                     "\(Int.random(in: 1 ... 99, using: &rng)).\(Int.random(in: 0 ... 9, using: &rng))%", "￥\(grouped).00",
                     "\(Int.random(in: 1 ... 99, using: &rng)).5万", "-\(whole)"])
    }

    mutating func flight() -> String {
        pick(["CA", "MU", "CZ", "UA", "BA", "LH", "AA"]) + pick(["", " "]) + digits(Int.random(in: 3 ... 4, using: &rng), firstNonZero: true)
    }

    mutating func reference() -> String {
        pick(["room " + digits(4, firstNonZero: true), "zip " + digits(5), "ext. " + digits(4), "version " + "\(Int.random(in: 1 ... 9, using: &rng)).\(Int.random(in: 0 ... 20, using: &rng)).\(Int.random(in: 0 ... 9, using: &rng))",
              "iOS 17.1.2", "page 12 of 40", "邮编" + digits(6), "account ref " + digits(8), "ticket 781-" + digits(10),
              "1080p 16:9", "case " + digits(10, firstNonZero: true), "SKU-" + digits(5), "v2.3.1-beta", "第" + digits(1, firstNonZero: true) + "次",
              "工单" + String(Int.random(in: 2 ... 9, using: &rng)) + digits(10)])
    }

    // MARK: - Helpers

    private func luhnCheckDigit(_ body: String) -> Int {
        var sum = 0
        for (index, character) in body.reversed().enumerated() {
            var d = character.wholeNumberValue ?? 0
            if index % 2 == 0 {
                d *= 2
                if d > 9 { d -= 9 }
            }
            sum += d
        }
        return (10 - sum % 10) % 10
    }

    private static func mod97(_ text: String) -> Int {
        var remainder = 0
        for character in text {
            let value = character.wholeNumberValue ?? (Int(character.asciiValue ?? 55) - 55)
            remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97
        }
        return remainder
    }

    private static func grouped(_ text: String, _ sizes: [Int], separator: String) -> String {
        var parts: [String] = []
        var rest = Substring(text)
        for size in sizes {
            parts.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return parts.joined(separator: separator)
    }

    /// Digits and X in their full-width forms, as some Chinese input methods type them.
    private static func fullWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar {
            case "0" ... "9", "X", "x": Unicode.Scalar(scalar.value + 0xFEE0) ?? scalar
            default: scalar
            }
        }))
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
