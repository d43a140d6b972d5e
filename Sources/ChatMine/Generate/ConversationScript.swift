/// One conversation being written: its records and truth so far, its clock and its randomness.
/// The flows (ConversationFlows.swift) decide what happens; this type knows how to say it.
struct ConversationScript {
    let conversationID: String
    let userID: String?
    let channel: String
    let style: LanguageStyle
    var random: GeneratorRandom
    private(set) var records: [SyntheticRecord] = []
    private(set) var turns: [TurnTruth] = []
    /// The CSAT score given, if any.
    var csat: Int?
    /// Whether the user wrote before.
    var isReturn = false
    private var clock: Int64
    private var started = false
    private var messageNumber = 0
    private var slots: PhraseSlotValues

    init(conversationID: String, userID: String?, channel: String, style: LanguageStyle, start: Int64, random: GeneratorRandom) {
        self.conversationID = conversationID
        self.userID = userID
        self.channel = channel
        self.style = style
        self.random = random
        self.clock = start
        self.slots = PhraseSlotValues(chinese: style != .english)
        records.reserveCapacity(24)
    }

    /// The time of the last record.
    var endTime: Int64 { records.last?.timestamp ?? clock }

    /// Whether the bot and agents write Chinese.
    var staffChinese: Bool { style != .english }

    // MARK: - Time

    /// Moves the clock on by a random number of milliseconds (not before the first record).
    mutating func wait(_ range: ClosedRange<Int>) {
        guard started else { return }
        clock += Int64(random.int(range))
    }

    private mutating func stamp() -> Int64 {
        started = true
        return clock
    }

    private mutating func nextMessageID() -> String {
        messageNumber += 1
        let number = String(messageNumber)
        return conversationID + "-" + String(repeating: "0", count: max(0, 4 - number.count)) + number
    }

    // MARK: - Turns and events

    /// A user turn; the clock first moves on by the time it takes to read and type it.
    mutating func user(_ text: String, label: String?, confidence: Int?, intent: String, known: Bool, polarity: TruthPolarity) {
        wait(2000...(4000 + min(text.count * 180, 30000)))
        let id = nextMessageID()
        var record = SyntheticRecord.turn(conversationID, id, stamp(), role: "user", text: text, channel: channel, userID: userID)
        record.intent = label
        record.confidence = label == nil ? nil : confidence
        records.append(record)
        turns.append(TurnTruth(messageID: id, intent: intent, known: known, polarity: polarity))
    }

    /// A bot turn after a realistic response latency.
    mutating func bot(_ text: String) {
        wait(300...2500)
        let id = nextMessageID()
        records.append(.turn(conversationID, id, stamp(), role: "bot", text: text, channel: channel, userID: userID))
    }

    /// A bot turn from a phrase list.
    mutating func bot(_ phrases: PhraseSet) {
        bot(render(phrases.pick(chinese: staffChinese, &random)))
    }

    /// A human agent's turn, slower than the bot's.
    mutating func agent(_ phrases: PhraseSet) {
        wait(12000...90000)
        let id = nextMessageID()
        let text = render(phrases.pick(chinese: staffChinese, &random))
        records.append(.turn(conversationID, id, stamp(), role: "agent", text: text, channel: channel, userID: userID))
    }

    /// An event of `kind` shortly after the last record.
    mutating func event(_ kind: String, after range: ClosedRange<Int> = 20...400, _ configure: (inout SyntheticRecord) -> Void = { _ in }) {
        wait(range)
        var record = SyntheticRecord.event(conversationID, stamp(), kind)
        configure(&record)
        records.append(record)
    }

    /// A backend call; the clock moves on by its latency.
    mutating func apiCall(_ name: String, ok: Bool) {
        let latency = ok ? random.int(60...1200) : random.pick([random.int(200...2000), random.int(5000...30000)])
        event("api_call", after: 50...300) { record in
            record.name = name
            record.status = ok ? "ok" : "error"
            record.latencyMs = latency
        }
        clock += Int64(latency)
    }

    /// A CSAT answer after the bot's prompt.
    mutating func csatSurvey(score: Int) {
        bot(Phrasebook.csatPrompt)
        event("csat", after: 4000...40000) { $0.score = score }
        csat = score
    }

    // MARK: - Text

    /// Fills a template's slots with this conversation's values.
    mutating func render(_ template: PhraseTemplate) -> String {
        template.render(&slots, &random)
    }

    /// Which language the user writes this turn in: (Chinese, with English words mixed in).
    mutating func userLanguage() -> (chinese: Bool, codeSwitched: Bool) {
        switch style {
        case .english: return (false, false)
        case .chinese: return (true, false)
        case .codeSwitched:
            let roll = random.unit()
            return roll < 0.15 ? (false, false) : (true, roll < 0.75)
        }
    }

    /// A user phrasing in the turn's language with mood markers and noise (misspellings only when
    /// `typos`); returns the text and the template it came from.
    mutating func userText(_ pick: (Bool, inout GeneratorRandom) -> PhraseTemplate, polarity: TruthPolarity, typos: Bool = true) -> (String, PhraseTemplate) {
        let language = userLanguage()
        let template = pick(language.chinese, &random)
        var text = render(template)
        if language.codeSwitched { text = CodeSwitch.apply(text, rate: 0.7, &random) }
        text = decorate(text, polarity: polarity, chinese: language.chinese)
        text = TextNoise.apply(text, chinese: language.chinese, shout: polarity == .negative, typos: typos, &random)
        return (text, template)
    }

    /// Adds the markers that make a neutral request positive or negative.
    private mutating func decorate(_ text: String, polarity: TruthPolarity, chinese: Bool) -> String {
        switch polarity {
        case .neutral:
            return text
        case .positive:
            if random.chance(0.5) { return render(Phrasebook.positivePrefixes.pick(chinese: chinese, &random)) + sentenceTail(text) }
            return text + render(Phrasebook.positiveSuffixes.pick(chinese: chinese, &random))
        case .negative:
            var result = text
            let roll = random.below(3)
            if roll != 1 { result = render(Phrasebook.negativePrefixes.pick(chinese: chinese, &random)) + sentenceTail(result) }
            if roll != 0 { result += render(Phrasebook.negativeSuffixes.pick(chinese: chinese, &random)) }
            return result
        }
    }

    /// A sentence continued after a prefix: "What's" becomes "what's", "I" stays.
    func sentenceTail(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, !(text == "I" || text.hasPrefix("I ") || text.hasPrefix("I'")) else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
