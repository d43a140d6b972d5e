import Foundation

/// The configurable rules that turn a conversation into an outcome and its KPIs.
///
/// Loaded from a JSON rules file (every key optional; missing keys keep the defaults). The
/// effective rule set is hashed, and the version and hash are stamped into every output, so a
/// number can always be traced to the rules that produced it.
public struct OutcomeRules: Codable, Sendable, Equatable {
    /// A name for this rule set chosen by its author, e.g. "2026-11 bank".
    public var version: String
    /// User turns whose intent confidence is below this are not understood (fallbacks).
    public var confidenceThreshold: Double
    /// Intent names (case-insensitive) that mean the bot did not understand.
    public var fallbackIntents: [String]
    /// Intents that name a conversational move rather than a topic (greet, thanks, affirm …);
    /// they never become a conversation's intent.
    public var smallTalkIntents: [String]
    /// Phrases that, alone, make a message "only a greeting".
    public var greetings: Phrases
    /// Phrases with which a user confirms success or thanks the bot.
    public var confirmations: Phrases
    /// Phrases that cancel a confirmation ("no thanks", "didn't help", "没有解决").
    public var negations: Phrases
    /// English words that negate a following success word ("not", "didn't" … before "work").
    public var negators: [String]
    /// English success words a negator can cancel ("work", "help", "solved" …).
    public var successWords: [String]
    /// The CSAT scale and the cut from which a score counts as satisfied (and resolves).
    public var csat: CSATRule
    /// How long after a conversation a new one by the same user counts as a return.
    public var returnWindows: ReturnWindows
    /// An escalation "follows a failed API call" when it comes within this many turns of it.
    public var apiFailureEscalationTurns: Int
    /// Costs used for the estimated savings.
    public var costs: Costs

    /// Phrase lists per language.
    public struct Phrases: Codable, Sendable, Equatable {
        /// English phrases, matched case-insensitively on word boundaries.
        public var en: [String]
        /// Chinese phrases, matched as substrings.
        public var zh: [String]
        /// Both lists together.
        public var all: [String] { en + zh }
    }

    /// The CSAT scale.
    public struct CSATRule: Codable, Sendable, Equatable {
        /// The highest score of the scale (5 for 1–5).
        public var scaleMax: Double
        /// Scores at or above this count as satisfied and resolve the conversation.
        public var resolvedMin: Double
    }

    /// Return windows for true deflection and durable resolution.
    public struct ReturnWindows: Codable, Sendable, Equatable {
        /// True deflection: no return within this many hours.
        public var deflectionHours: Double
        /// Durable resolution: no return within this many days.
        public var durableDays: Double
    }

    /// Per-conversation costs for the savings estimate.
    public struct Costs: Codable, Sendable, Equatable {
        /// Cost of a conversation handled by a human agent.
        public var humanConversation: Double
        /// Cost of a conversation handled by the bot alone.
        public var botConversation: Double
        /// Currency label for display.
        public var currency: String
    }

    enum CodingKeys: String, CodingKey {
        case version
        case confidenceThreshold = "confidence_threshold"
        case fallbackIntents = "fallback_intents"
        case smallTalkIntents = "small_talk_intents"
        case greetings, confirmations, negations, negators
        case successWords = "success_words"
        case csat
        case returnWindows = "return_windows"
        case apiFailureEscalationTurns = "api_failure_escalation_turns"
        case costs
    }
}

extension OutcomeRules.CSATRule {
    enum CodingKeys: String, CodingKey {
        case scaleMax = "scale_max"
        case resolvedMin = "resolved_min"
    }
}

extension OutcomeRules.ReturnWindows {
    enum CodingKeys: String, CodingKey {
        case deflectionHours = "deflection_hours"
        case durableDays = "durable_days"
    }

    /// The deflection window in milliseconds.
    public var deflectionMilliseconds: Int64 { Int64((deflectionHours * 3_600_000).rounded()) }
    /// The durable-resolution window in milliseconds.
    public var durableMilliseconds: Int64 { Int64((durableDays * 86_400_000).rounded()) }
}

extension OutcomeRules.Costs {
    enum CodingKeys: String, CodingKey {
        case humanConversation = "human_conversation"
        case botConversation = "bot_conversation"
        case currency
    }
}

// MARK: - Loading and identity

extension OutcomeRules {
    /// The rule set as canonical JSON (sorted keys), the form that is hashed and stored.
    public func canonicalJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// SHA-256 of the canonical JSON, hex; changes whenever any rule changes.
    public func hash() throws -> String {
        SHA256.hex(Array(try canonicalJSON().utf8))
    }

    /// The first 12 hex digits of the hash, for display.
    public func shortHash() throws -> String { String(try hash().prefix(12)) }

    /// Parses a rules file's JSON; keys that are absent keep their default values.
    public static func parse(_ data: Data, origin: String) throws -> OutcomeRules {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ChatMineError("the rules file \(origin) is not valid JSON: \(error.localizedDescription)", hint: "print the default rules with 'chatmine metrics --show-rules' and edit them")
        }
        guard let overrides = object as? [String: Any] else {
            throw ChatMineError("the rules file \(origin) must hold a JSON object", hint: "print the default rules with 'chatmine metrics --show-rules' and edit them")
        }
        let defaults = try JSONSerialization.jsonObject(with: JSONEncoder().encode(OutcomeRules.default))
        guard let base = defaults as? [String: Any] else {
            throw ChatMineError("internal error: default rules do not encode to an object")
        }
        let known = Set(base.keys)
        if let unknown = overrides.keys.sorted().first(where: { !known.contains($0) }) {
            throw ChatMineError("the rules file \(origin) has an unknown key '\(unknown)'", hint: "known keys: \(known.sorted().joined(separator: ", "))")
        }
        let merged = merge(base, overrides)
        do {
            let rules = try JSONDecoder().decode(OutcomeRules.self, from: JSONSerialization.data(withJSONObject: merged))
            try rules.validate(origin: origin)
            return rules
        } catch let error as ChatMineError {
            throw error
        } catch {
            throw ChatMineError("the rules file \(origin) has a value of the wrong type: \(error)", hint: "compare with 'chatmine metrics --show-rules'")
        }
    }

    /// Reads a rules file from disk.
    public static func load(path: String) throws -> OutcomeRules {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ChatMineError("cannot read the rules file \(path)", hint: "check the path given to --rules")
        }
        return try parse(data, origin: path)
    }

    /// Rejects rule values that would make the KPIs meaningless.
    func validate(origin: String) throws {
        func fail(_ what: String) -> ChatMineError {
            ChatMineError("the rules file \(origin): \(what)", hint: "compare with 'chatmine metrics --show-rules'")
        }
        guard (0...1).contains(confidenceThreshold) else { throw fail("confidence_threshold must be between 0 and 1") }
        guard csat.scaleMax > 0, csat.resolvedMin <= csat.scaleMax else { throw fail("csat.resolved_min must not exceed csat.scale_max") }
        guard returnWindows.deflectionHours >= 0, returnWindows.durableDays >= 0 else { throw fail("return windows must not be negative") }
        guard apiFailureEscalationTurns >= 0 else { throw fail("api_failure_escalation_turns must not be negative") }
        guard !version.isEmpty else { throw fail("version must not be empty") }
    }

    /// Deep-merges `overrides` into `base`: nested objects merge, anything else replaces.
    private static func merge(_ base: [String: Any], _ overrides: [String: Any]) -> [String: Any] {
        var result = base
        for (key, value) in overrides {
            if let nested = value as? [String: Any], let original = base[key] as? [String: Any] {
                result[key] = merge(original, nested)
            } else {
                result[key] = value
            }
        }
        return result
    }
}
