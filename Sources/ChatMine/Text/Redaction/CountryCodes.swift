/// ITU-T E.164 country calling codes, coarsely: enough to tell `0086 …` (China dialled with the 00
/// prefix) from an order number that merely starts with zeros (`0012 3456 7890`).
enum CountryCodes {
    /// Whether `code`, written with `digits` digits, is (or lies in a zone of) assigned country codes.
    static func isAssigned(_ code: Int, digits: Int) -> Bool {
        switch digits {
        case 1: return code == 1 || code == 7
        case 2: return twoDigit.contains(code)
        case 3: return threeDigitZones.contains(code / 10)
        default: return false
        }
    }

    private static let twoDigit: Set<Int> = [
        20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56,
        57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
    ]

    /// The first two digits of the three-digit codes (21x Africa, 35x Europe, 85x East Asia, 97x Middle East …).
    private static let threeDigitZones: Set<Int> = [
        21, 22, 23, 24, 25, 26, 29, 35, 37, 38, 42, 50, 59, 67, 68, 69, 80, 85, 87, 88, 96, 97, 99,
    ]
}
