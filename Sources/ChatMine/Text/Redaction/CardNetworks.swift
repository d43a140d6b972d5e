/// Issuer identification ranges of the major card networks, so that a Luhn-valid number that no
/// network issues (a tracking or order number) is not taken for a card.
enum CardNetworks {
    /// Whether a card network issues numbers of `length` digits starting with `prefix6` (the first six digits).
    static func accepts(prefix6 p: Int, length: Int) -> Bool {
        let p2 = p / 10_000
        let p3 = p / 1_000
        let p4 = p / 100
        switch length {
        case 13:
            return p2 / 10 == 4  // Visa
        case 14:
            return isDiners(p3: p3, p4: p4, p2: p2)
        case 15:
            return p2 == 34 || p2 == 37 || isDiners(p3: p3, p4: p4, p2: p2)  // Amex
        case 16:
            return p2 / 10 == 4  // Visa
                || (51 ... 55).contains(p2) || (2221 ... 2720).contains(p4)  // Mastercard
                || p4 == 6011 || (644 ... 659).contains(p3)  // Discover
                || p2 == 62  // UnionPay
                || (3528 ... 3589).contains(p4)  // JCB
                || (2200 ... 2204).contains(p4)  // Mir
                || p2 == 50 || (56 ... 58).contains(p2) || p4 == 6304 || (6759 ... 6763).contains(p4)  // Maestro
                || isDiners(p3: p3, p4: p4, p2: p2)
        case 19:
            // 19 digits: UnionPay debit cards, common in China. Other networks' 17-19-digit ranges are
            // rare in practice and collide with 19-digit marketplace order ids, so they are left out.
            return p2 == 62
        default:
            return false
        }
    }

    private static func isDiners(p3: Int, p4: Int, p2: Int) -> Bool {
        (300 ... 305).contains(p3) || p4 == 3095 || p2 == 36 || (38 ... 39).contains(p2)
    }
}
