/// Parses log timestamps into epoch milliseconds (UTC): ISO-8601 with a zone, or epoch seconds
/// or milliseconds (as numbers or numeric strings).
public enum Timestamp {
    /// The earliest accepted instant (2000-01-01); earlier stamps are almost always broken clocks.
    public static let earliest: Int64 = 946_684_800_000

    /// Parses a timestamp value; throws a rejection explaining what is wrong.
    /// `naiveOffsetSeconds` is applied to ISO stamps without a zone; when nil those are rejected.
    public static func parse(_ raw: String, naiveOffsetSeconds: Int? = nil, latest: Int64) throws(RecordRejection) -> Int64 {
        let text = raw.trimmed
        guard !text.isEmpty else { throw RecordRejection("empty timestamp") }
        let millis: Int64
        if let lead = text.utf8.first, lead >= UInt8(ascii: "0"), lead <= UInt8(ascii: "9"), !text.utf8.contains(UInt8(ascii: "-")), !text.utf8.contains(UInt8(ascii: ":")), let number = Double(text) {
            millis = try epoch(number, raw: text)
        } else {
            guard let parsed = iso8601(Array(text.utf8), naiveOffsetSeconds: naiveOffsetSeconds) else {
                if iso8601(Array(text.utf8), naiveOffsetSeconds: 0) != nil {
                    throw RecordRejection("timestamp '\(text)' has no time zone (add Z or an offset, or pass --assume-tz)")
                }
                throw RecordRejection("unreadable timestamp '\(text.prefix(40))' (expected ISO-8601 with a zone or epoch seconds/milliseconds)")
            }
            millis = parsed
        }
        guard millis >= earliest else { throw RecordRejection("timestamp '\(text)' is before 2000-01-01") }
        guard millis <= latest else { throw RecordRejection("timestamp '\(text)' is more than a year in the future") }
        return millis
    }

    private static func epoch(_ number: Double, raw: String) throws(RecordRejection) -> Int64 {
        guard number.isFinite, number >= 0 else { throw RecordRejection("invalid epoch timestamp '\(raw)'") }
        // Below 10^11 the value is seconds (until the year 5138); above, milliseconds.
        if number < 1e11 { return Int64((number * 1000).rounded()) }
        if number < 1e14 { return Int64(number.rounded()) }
        throw RecordRejection("epoch timestamp '\(raw)' is out of range")
    }

    /// ISO-8601 / RFC 3339: `YYYY-MM-DD[T ]HH:MM[:SS[.fff…]][Z|±HH[:]MM]`.
    static func iso8601(_ b: [UInt8], naiveOffsetSeconds: Int?) -> Int64? {
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for k in 0..<count {
                let d = b[i + k] &- 48
                guard d < 10 else { return nil }
                value = value * 10 + Int(d)
            }
            i += count
            return value
        }
        func take(_ c: UInt8) -> Bool {
            if i < b.count && b[i] == c { i += 1; return true }
            return false
        }
        guard let year = number(4), take(45), let month = number(2), take(45), let day = number(2) else { return nil }
        guard i < b.count, b[i] == 84 || b[i] == 116 || b[i] == 32 else { return nil }
        i += 1
        guard let hour = number(2), take(58), let minute = number(2) else { return nil }
        var second = 0
        var millis = 0
        if take(58) {
            guard let s = number(2) else { return nil }
            second = s
            if i < b.count && (b[i] == 46 || b[i] == 44) {
                i += 1
                var scale = 100
                var digits = 0
                while i < b.count, b[i] &- 48 < 10 {
                    if scale > 0 { millis += Int(b[i] - 48) * scale; scale /= 10 }
                    i += 1
                    digits += 1
                }
                guard digits > 0 else { return nil }
            }
        }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 61 else { return nil }
        var offset: Int
        if i == b.count {
            guard let naive = naiveOffsetSeconds else { return nil }
            offset = naive
        } else if b[i] == 90 || b[i] == 122 {
            i += 1
            offset = 0
        } else if b[i] == 43 || b[i] == 45 {
            let sign = b[i] == 45 ? -1 : 1
            i += 1
            guard let oh = number(2) else { return nil }
            _ = take(58)
            let om = number(2) ?? 0
            guard oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        return Int64(seconds) * 1000 + Int64(millis)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number since 1970-01-01.
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Formats epoch milliseconds as ISO-8601 UTC with milliseconds, e.g. 2026-11-24T09:15:02.120Z.
    public static func iso(_ millis: Int64) -> String {
        let totalSeconds = Int(millis.dividedRoundingDown(by: 1000))
        let ms = Int(millis - Int64(totalSeconds) * 1000)
        let days = totalSeconds.dividedRoundingDown(by: 86_400)
        let secondOfDay = totalSeconds - days * 86_400
        let date = civil(fromDays: days)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(ms, 3))Z"
    }

    /// Now, in epoch milliseconds.
    public static func now() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}

extension BinaryInteger {
    /// Floor division (rounds toward negative infinity).
    func dividedRoundingDown(by divisor: Self) -> Self {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}

import Foundation
