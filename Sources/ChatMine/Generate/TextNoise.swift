/// What real users do to text: typos, lower case, shouting, missing punctuation, emoji.
enum TextNoise {
    /// `text` roughened; `shout` allows ALL CAPS (for angry turns), `typos` allows misspellings.
    static func apply(_ text: String, chinese: Bool, shout: Bool, typos: Bool, _ random: inout GeneratorRandom) -> String {
        var result = text
        if chinese {
            if random.chance(0.35) { result = dropTrailingPunctuation(result) }
            if random.chance(0.1) { result = result.replacingFullWidthPunctuation() }
            return result
        }
        if typos, random.chance(0.15) { result = addTypo(result, &random) }
        if shout, random.chance(0.25) {
            result = result.uppercased()
        } else if random.chance(0.3) {
            result = result.lowercased()
        } else if random.chance(0.2), let first = result.first, first.isLowercase {
            result = first.uppercased() + result.dropFirst()
        }
        if random.chance(0.35) { result = dropTrailingPunctuation(result) }
        if typos, random.chance(0.04), let space = result.firstIndex(of: " ") { result.insert(" ", at: space) }
        return result
    }

    private static func dropTrailingPunctuation(_ text: String) -> String {
        var text = text
        while let last = text.last, ".?。？".contains(last), text.count > 1 { text.removeLast() }
        return text
    }

    /// Swaps, drops or doubles one letter of a word of four or more ASCII letters.
    private static func addTypo(_ text: String, _ random: inout GeneratorRandom) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let candidates = words.indices.filter { index in
            words[index].count >= 4 && words[index].allSatisfy { $0.isASCII && $0.isLetter }
        }
        guard !candidates.isEmpty else { return text }
        let index = random.pick(candidates)
        var letters = Array(words[index])
        let position = random.int(1...(letters.count - 2))
        switch random.below(3) {
        case 0: letters.swapAt(position, position + 1)
        case 1: letters.remove(at: position)
        default: letters.insert(letters[position], at: position)
        }
        words[index] = String(letters)
        return words.joined(separator: " ")
    }
}

/// Chinese with English words mixed in, the way bilingual users write ("我的order到哪了").
enum CodeSwitch {
    private static let swaps: [(String, String)] = [
        ("订单号", "order number"), ("订单", "order"), ("余额", "balance"), ("退款", "refund"), ("航班", "flight"),
        ("行李", "luggage"), ("信用卡", "credit card"), ("银行卡", "card"), ("账户", "account"), ("密码", "PIN"),
        ("取消", "cancel"), ("查一下", "check一下"), ("快递", "delivery"), ("优惠码", "promo code"), ("优惠券", "coupon"),
        ("酒店", "hotel"), ("机票", "ticket"), ("签证", "visa"), ("积分", "points"), ("发票", "invoice"),
        ("值机", "check in"), ("登机牌", "boarding pass"), ("转账", "transfer"), ("汇率", "exchange rate"),
        ("贷款", "loan"), ("休息室", "lounge"), ("里程", "miles"), ("比特币", "bitcoin"), ("宠物", "pet"),
        ("轮椅", "wheelchair"), ("礼品包装", "gift wrap"), ("深色模式", "dark mode"), ("改签", "change flight"),
        ("尺码", "size"), ("运费", "shipping"), ("激活", "activate"), ("人工客服", "human agent"), ("转人工", "转human"),
    ]

    private static let swapBytes: [([UInt8], [UInt8])] = swaps.map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// Replaces Chinese words with their English equivalents, each with probability `rate`.
    /// Works on UTF-8 bytes: a whole-character match of valid UTF-8 is always a character match.
    static func apply(_ text: String, rate: Double, _ random: inout GeneratorRandom) -> String {
        var bytes = Array(text.utf8)
        var changed = false
        for (chinese, english) in swapBytes where find(chinese, in: bytes, from: 0) != nil {
            guard random.chance(rate) else { continue }
            var result: [UInt8] = []
            var position = 0
            while let match = find(chinese, in: bytes, from: position) {
                result.append(contentsOf: bytes[position..<match])
                result.append(contentsOf: english)
                position = match + chinese.count
            }
            result.append(contentsOf: bytes[position...])
            bytes = result
            changed = true
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count - start else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0] {
                var offset = 1
                while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}

extension String {
    fileprivate func replacingFullWidthPunctuation() -> String {
        String(map { character -> Character in
            switch character {
            case "，": return ","
            case "？": return "?"
            case "！": return "!"
            default: return character
            }
        })
    }
}
