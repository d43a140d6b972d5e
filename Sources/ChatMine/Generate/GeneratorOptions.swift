/// The languages `chatmine generate` can write.
public enum GeneratedLanguage: String, Sendable, CaseIterable {
    /// English only, Chinese only, or both with code-switched Chinese.
    case english = "en"
    case chinese = "zh"
    case mixed
}

/// The knobs of the synthetic-log generator.
public struct GeneratorOptions: Sendable {
    /// How many conversations to write.
    public var conversations: Int
    /// The seed: the same seed and options give byte-identical output.
    public var seed: UInt64
    /// English, Chinese, or a mix with code-switching.
    public var language: GeneratedLanguage
    /// JSONL or CSV.
    public var format: GeneratedLogFormat
    /// Midnight UTC of the first day, in epoch milliseconds.
    public var startMillis: Int64
    /// How many days the conversations are spread over.
    public var days: Int
    /// Share of engaged conversations whose request is an intent the bot does not know.
    public var unknownShare: Double
    /// Put before every conversation id ("d3-" gives "d3-c000001"), so files generated for
    /// different days can be ingested into one store without their ids colliding.
    public var idPrefix: String = ""

    /// Options with the documented defaults: seed 1, English, JSONL, from 2026-11-01 over 7 days, 15% unknown.
    public init(conversations: Int, seed: UInt64 = 1, language: GeneratedLanguage = .english, format: GeneratedLogFormat = .jsonl,
                startMillis: Int64 = GeneratorOptions.defaultStart, days: Int = 7, unknownShare: Double = 0.15) {
        self.conversations = conversations
        self.seed = seed
        self.language = language
        self.format = format
        self.startMillis = startMillis
        self.days = days
        self.unknownShare = unknownShare
    }

    /// Whether `prefix` can start a conversation id: at most 32 ASCII letters, digits, '-', '_' or '.'.
    public static func isValidIDPrefix(_ prefix: String) -> Bool {
        prefix.utf8.count <= 32 && prefix.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
    }

    /// 2026-11-01T00:00:00Z.
    public static let defaultStart: Int64 = GeneratedTimestamp.days(year: 2026, month: 11, day: 1) * 86_400_000

    /// Midnight UTC of a `YYYY-MM-DD` date in epoch milliseconds, or nil when it is not a valid date.
    public static func startMillis(fromDate text: String) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else {
            return nil
        }
        return GeneratedTimestamp.days(year: year, month: month, day: day) * 86_400_000
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
