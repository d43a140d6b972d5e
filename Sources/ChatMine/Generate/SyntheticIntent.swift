/// The business area an intent belongs to.
public enum SyntheticDomain: String, Sendable, CaseIterable {
    /// The three businesses of the synthetic bot, and app questions that belong to none.
    case banking, shopping, travel, general
}

/// One intent of the synthetic bot: the user's phrasings in English and Chinese, the bot's
/// answers, and the backend call and slot question that go with it.
struct SyntheticIntent: Sendable {
    /// The true intent name written to the truth file (and, when known, to the log).
    let name: String
    let domain: SyntheticDomain
    /// Whether the bot was trained on it; unknown intents are what intent discovery must find.
    let known: Bool
    let english: [PhraseTemplate]
    let chinese: [PhraseTemplate]
    let answers: [PhraseTemplate]
    let chineseAnswers: [PhraseTemplate]
    /// The backend call the bot makes to answer, if any.
    let api: String?
    /// The slot the bot asks for when the user's phrasing leaves it out.
    let asks: PhraseSlot?

    init(_ name: String, _ domain: SyntheticDomain, known: Bool = true, api: String? = nil, asks: PhraseSlot? = nil,
         en: [String], zh: [String], bot: [String] = [], botZH: [String] = []) {
        self.name = name
        self.domain = domain
        self.known = known
        self.english = PhraseTemplate.list(en)
        self.chinese = PhraseTemplate.list(zh)
        self.answers = PhraseTemplate.list(bot)
        self.chineseAnswers = PhraseTemplate.list(botZH)
        self.api = api
        self.asks = asks
    }
}

/// Every intent the generator knows about, known and unknown to the bot.
public enum SyntheticIntentCatalog {
    static let known: [SyntheticIntent] = bankingIntents + shoppingIntents + travelIntents
    static let unknown: [SyntheticIntent] = unknownIntents

    /// Names of the domain intents the bot knows (excludes small talk such as greet or thanks).
    public static var knownIntentNames: [String] { known.map(\.name) }
    /// Names of the intents the bot does not know (its fallbacks).
    public static var unknownIntentNames: [String] { unknown.map(\.name) }
    /// Names of the small-talk intents the bot knows: greet, thanks, affirm, inform, request_agent, complain.
    public static let smallTalkIntentNames = ["greet", "thanks", "affirm", "inform", "request_agent", "complain"]
}
