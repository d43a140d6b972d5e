/// The kinds of values a phrasing can leave open, filled per conversation.
enum PhraseSlot: String, Sendable, CaseIterable {
    case order, amount, date, city, city2, card, flight, item, size, code, count, account
}

/// A phrasing with `{slot}` placeholders, parsed once.
struct PhraseTemplate: Sendable {
    enum Piece: Sendable {
        case text(String)
        case slot(PhraseSlot)
    }

    let pieces: [Piece]

    /// Parses `raw`; an unknown `{name}` stays literal text.
    init(_ raw: String) {
        var pieces: [Piece] = []
        var rest = Substring(raw)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}"),
                  let slot = PhraseSlot(rawValue: String(rest[rest.index(after: open)..<close])) else {
                break
            }
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            pieces.append(.slot(slot))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    /// The slots the phrasing mentions.
    var slots: [PhraseSlot] {
        pieces.compactMap { if case .slot(let slot) = $0 { return slot } else { return nil } }
    }

    /// The phrasing with every slot filled from `values`.
    func render(_ values: inout PhraseSlotValues, _ random: inout GeneratorRandom) -> String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .text(let literal): text += literal
            case .slot(let slot): text += values.value(slot, &random)
            }
        }
        return text
    }
}

extension PhraseTemplate {
    /// Parses a list of phrasings.
    static func list(_ raws: [String]) -> [PhraseTemplate] { raws.map(PhraseTemplate.init) }
}

/// The slot values of one conversation: drawn on first use, then reused so the bot repeats the
/// user's order id and the agent the same amount.
struct PhraseSlotValues {
    /// Whether values are written for Chinese text.
    let chinese: Bool
    private var values: [PhraseSlot: String] = [:]

    init(chinese: Bool) { self.chinese = chinese }

    /// The conversation's value for `slot`.
    mutating func value(_ slot: PhraseSlot, _ random: inout GeneratorRandom) -> String {
        if let known = values[slot] { return known }
        let fresh = PhraseSlotFillers.draw(slot, chinese: chinese, &random)
        values[slot] = fresh
        return fresh
    }
}

/// Realistic slot values: order ids, amounts, dates, cities, flight numbers.
enum PhraseSlotFillers {
    static func draw(_ slot: PhraseSlot, chinese: Bool, _ random: inout GeneratorRandom) -> String {
        switch slot {
        case .order:
            let digits = random.int(10000...99999)
            switch random.below(5) {
            case 0: return "#A\(digits)"
            case 1: return "A\(digits)"
            case 2: return "#\(random.int(10_000_000...99_999_999))"
            case 3: return "ORD-\(digits)"
            default: return "#\(random.pick(["A", "B", "C", "K"]))\(digits)"
            }
        case .amount:
            let whole = random.pick([20, 35, 50, 75, 100, 120, 150, 200, 250, 300, 480, 500, 750, 1000, 1200, 2500, 5000])
            let cents = random.chance(0.3) ? random.int(1...99) : 0
            if chinese {
                return random.chance(0.5) ? "\(whole)元" : "¥\(whole)"
            }
            let amount = cents > 0 ? "\(formatThousands(whole)).\(cents < 10 ? "0" : "")\(cents)" : formatThousands(whole)
            switch random.below(4) {
            case 0: return "\(whole) dollars"
            case 1: return "€\(amount)"
            default: return "$\(amount)"
            }
        case .date:
            if chinese {
                return random.pick(["明天", "后天", "下周五", "周一", "\(random.int(1...12))月\(random.int(1...28))日", "\(random.int(1...28))号"])
            }
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            // Values read well after "on", "to" and "by".
            return random.pick(["Monday", "Friday", "Sunday", "\(random.pick(months)) \(random.int(1...28))", "\(random.pick(months)) \(random.int(1...28))",
                                "\(random.int(1...28))/\(random.int(1...12))", "the \(ordinal(random.int(1...28)))"])
        case .city, .city2:
            if chinese {
                return random.pick(["北京", "上海", "广州", "深圳", "成都", "杭州", "东京", "伦敦", "巴黎", "新加坡", "香港", "曼谷"])
            }
            return random.pick(["London", "Paris", "New York", "Tokyo", "Singapore", "Dubai", "Sydney", "Berlin",
                                "Madrid", "Rome", "Bangkok", "Hong Kong", "Shanghai", "Beijing", "Toronto", "Lisbon"])
        case .card:
            return String(random.int(1000...9999))
        case .flight:
            return "\(random.pick(["BA", "CA", "MU", "LH", "AF", "SQ", "EK", "UA", "CZ"]))\(random.int(100...9999))"
        case .item:
            if chinese {
                return random.pick(["蓝色外套", "跑鞋", "手机壳", "咖啡机", "蓝牙耳机", "双肩包", "台灯", "连衣裙"])
            }
            return random.pick(["blue jacket", "running shoes", "phone case", "coffee maker", "headphones",
                                "backpack", "desk lamp", "dress", "yoga mat", "kettle"])
        case .size:
            return random.pick(["S", "M", "L", "XL", "38", "40", "42", "44"])
        case .code:
            return random.pick(["SAVE20", "WELCOME10", "BLACKFRIDAY", "SPRING15", "VIP30"])
        case .count:
            return String(random.int(2...4))
        case .account:
            return "\(random.int(10...99))-\(random.int(1000...9999))-\(random.int(100...999))"
        }
    }

    private static func formatThousands(_ value: Int) -> String {
        value >= 1000 ? "\(value / 1000),\(String(value % 1000).leftPadded(to: 3))" : String(value)
    }

    private static func ordinal(_ day: Int) -> String {
        switch day {
        case 1, 21: return "\(day)st"
        case 2, 22: return "\(day)nd"
        case 3, 23: return "\(day)rd"
        default: return "\(day)th"
        }
    }
}

extension String {
    /// The string padded with leading zeros to `width`.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
