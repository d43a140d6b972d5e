/// How a conversation is meant to end; the script is written to make the outcome unambiguous.
public enum GeneratedOutcome: String, Sendable, CaseIterable {
    /// The outcomes of DESIGN.md's default rules.
    case resolved, escalated, abandoned, unengaged
}

/// The language a conversation is written in.
enum LanguageStyle: UInt8, Sendable {
    case english, chinese, codeSwitched

    /// The truth file's name for it.
    var truthName: String {
        switch self {
        case .english: return "en"
        case .chinese: return "zh"
        case .codeSwitched: return "mixed"
        }
    }
}

/// The channels conversations come through.
let generatedChannels = ["web", "mobile_app", "whatsapp", "messenger"]

/// One conversation as planned before any text is written: when, who, where and how it ends.
struct PlannedConversation: Sendable {
    var start: Int64
    /// Index of the user (0-based), or -1 when the log carries no user id.
    var user: Int32
    var outcome: GeneratedOutcome
    /// Index into the known intents, or into the unknown ones when `unknownIntent`.
    var intent: Int16
    var unknownIntent: Bool
    var channel: UInt8
    var style: LanguageStyle
    /// Whether the same user wrote before (the first request may say "me again").
    var isReturn = false
    /// Position in planning order: the last tie-breaker, so the sort is a total order.
    var sequence: Int32 = 0
    /// Start of the same user's next conversation, or `Int64.max`.
    var nextStart: Int64 = .max
}

/// Plans every conversation's start time, user, channel and outcome up front (a few dozen bytes
/// each), so returns within 24 h / 7 days are known while the text is streamed one conversation at
/// a time. A user's conversations are at least 90 minutes apart and a conversation lasts under an
/// hour, so they never overlap and "returns within 24 h" has a clear margin either side.
struct SessionPlanner {
    let options: GeneratorOptions

    private static let hourWeights: [Double] = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 4, 6, 7, 7,
                                                6.5, 6.5, 7, 6.5, 6, 5, 4.5, 4, 3.5, 3, 2.5, 1.5]
    private static let channelWeights: [Double] = [0.4, 0.3, 0.18, 0.12]
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    /// The plan, sorted by start time (ties by user, then planning order).
    func plan() -> [PlannedConversation] {
        var random = GeneratorRandom(seed: options.seed, stream: 0)
        let windowStart = options.startMillis
        let windowEnd = windowStart + Int64(options.days) * Self.day
        var planned: [PlannedConversation] = []
        planned.reserveCapacity(options.conversations)
        var nextUser: Int32 = 0
        while planned.count < options.conversations {
            let anonymous = random.chance(0.08)
            let user: Int32 = anonymous ? -1 : nextUser
            if !anonymous { nextUser += 1 }
            var channel = UInt8(random.weighted(Self.channelWeights))
            let style = drawStyle(&random)
            var start = drawStart(&random, windowStart: windowStart)
            var previous: PlannedConversation?
            while planned.count < options.conversations, start < windowEnd {
                var conversation = drawConversation(&random, start: start, user: user, channel: channel, style: style, previous: previous)
                conversation.sequence = Int32(planned.count)
                planned.append(conversation)
                previous = conversation
                if anonymous || !random.chance(returnProbability(conversation.outcome)) { break }
                start += drawReturnGap(&random)
                if random.chance(0.2) { channel = UInt8(random.weighted(Self.channelWeights)) }
            }
        }
        planned.sort { ($0.start, $0.user, $0.sequence) < ($1.start, $1.user, $1.sequence) }
        var lastIndexOfUser: [Int32: Int] = [:]
        for index in planned.indices where planned[index].user >= 0 {
            if let last = lastIndexOfUser[planned[index].user] { planned[last].nextStart = planned[index].start }
            lastIndexOfUser[planned[index].user] = index
        }
        return planned
    }

    private func drawStyle(_ random: inout GeneratorRandom) -> LanguageStyle {
        switch options.language {
        case .english: return .english
        case .chinese: return .chinese
        case .mixed: return [LanguageStyle.english, .chinese, .codeSwitched][random.weighted([0.4, 0.35, 0.25])]
        }
    }

    /// A start inside the window, busier on weekdays and in office hours.
    private func drawStart(_ random: inout GeneratorRandom, windowStart: Int64) -> Int64 {
        let startDay = windowStart / Self.day
        let dayWeights = (0..<options.days).map { offset -> Double in
            let weekday = (startDay + Int64(offset) + 3) % 7  // 0 = Monday; 1970-01-01 was a Thursday
            return weekday >= 5 ? 0.7 : 1.0
        }
        let day = Int64(random.weighted(dayWeights))
        let hour = Int64(random.weighted(Self.hourWeights))
        return windowStart + day * Self.day + hour * Self.hour + Int64(random.below(3_600_000))
    }

    private func drawConversation(_ random: inout GeneratorRandom, start: Int64, user: Int32, channel: UInt8,
                                  style: LanguageStyle, previous: PlannedConversation?) -> PlannedConversation {
        let outcome: GeneratedOutcome
        var unknown = false
        if random.chance(0.08) {
            outcome = .unengaged
        } else if random.chance(options.unknownShare) {
            unknown = true
            outcome = random.chance(0.5) ? .escalated : .abandoned
        } else {
            outcome = [GeneratedOutcome.resolved, .escalated, .abandoned][random.weighted([0.6, 0.17, 0.23])]
        }
        var intent = Int16(random.below(unknown ? SyntheticIntentCatalog.unknown.count : SyntheticIntentCatalog.known.count))
        // A returning user often comes back about the same thing.
        if let previous, previous.unknownIntent == unknown, previous.outcome != .unengaged, random.chance(0.6) {
            intent = previous.intent
        }
        return PlannedConversation(start: start, user: user, outcome: outcome, intent: intent, unknownIntent: unknown,
                                   channel: channel, style: style, isReturn: previous != nil)
    }

    /// Unresolved users come back more often than satisfied ones.
    private func returnProbability(_ outcome: GeneratedOutcome) -> Double {
        switch outcome {
        case .resolved: return 0.15
        case .escalated: return 0.35
        case .abandoned: return 0.45
        case .unengaged: return 0.3
        }
    }

    /// Gap between two starts: within a day (1.5–20 h), within a week (30 h–6.5 d) or later (8–13 d).
    private func drawReturnGap(_ random: inout GeneratorRandom) -> Int64 {
        switch random.weighted([0.5, 0.35, 0.15]) {
        case 0: return Int64(random.double(1.5...20) * Double(Self.hour))
        case 1: return Int64(random.double(30...156) * Double(Self.hour))
        default: return Int64(random.double(8...13) * Double(Self.day))
        }
    }
}
