/// The shapes conversations take, one per outcome. Each flow keeps its outcome unambiguous under
/// the default rules: only resolved conversations end with the user thanking or confirming (or a
/// resolved event / CSAT ≥ 4) without a handoff; abandoned ones never do; unengaged users only greet.
extension ConversationScript {
    /// Writes the whole conversation for `plan`.
    mutating func play(_ plan: PlannedConversation) {
        isReturn = plan.isReturn
        let intent = plan.unknownIntent ? SyntheticIntentCatalog.unknown[Int(plan.intent)] : SyntheticIntentCatalog.known[Int(plan.intent)]
        switch plan.outcome {
        case .unengaged: playUnengaged()
        case .resolved: playResolved(intent)
        case .escalated: playEscalated(intent)
        case .abandoned: playAbandoned(intent)
        }
    }

    // MARK: - Outcomes

    private mutating func playUnengaged() {
        switch random.below(3) {
        case 0:
            bot(Phrasebook.welcome)
        case 1:
            greet()
            bot(Phrasebook.welcome)
            if random.chance(0.4) { greet() }
        default:
            bot(Phrasebook.welcome)
            greet()
            bot(Phrasebook.welcome)
        }
        if random.chance(0.5) { event("session_end", after: 60_000...600_000) }
    }

    private mutating func playResolved(_ intent: SyntheticIntent) {
        let mood = drawMood(positive: 0.25, negative: 0.1)
        open()
        if random.chance(0.08) {
            unknownRequest(random.pick(SyntheticIntentCatalog.unknown), mood: mood)
        }
        handleKnown(intent, mood: mood, apiFails: false, confirmFirst: random.chance(0.2))
        if random.chance(0.15) {
            handleKnown(random.pick(SyntheticIntentCatalog.known), mood: mood == .negative ? .neutral : mood, apiFails: false)
        }
        var thanks = random.chance(0.65)
        let resolvedEvent = random.chance(0.45)
        let goodCSAT = random.chance(0.3)
        if !thanks && !resolvedEvent && !goodCSAT { thanks = true }
        if thanks {
            smallTalk(Phrasebook.thanks, intent: "thanks", polarity: .positive)
            bot(Phrasebook.goodbye)
        } else if random.chance(0.3) {
            bot(Phrasebook.anythingElse)
        }
        if resolvedEvent { event("resolved") }
        if goodCSAT { csatSurvey(score: random.chance(0.6) ? 5 : 4) }
        if random.chance(0.4) { event("session_end", after: 10_000...120_000) }
    }

    private mutating func playEscalated(_ intent: SyntheticIntent) {
        let mood = drawMood(positive: 0.05, negative: 0.5)
        open()
        if !intent.known {
            unknownRequest(intent, mood: mood)
            if random.chance(0.6) { unknownRequest(intent, mood: mood) }
            if random.chance(0.6) { smallTalk(Phrasebook.requestAgent, intent: "request_agent", polarity: .neutral) }
        } else {
            switch random.below(3) {
            case 0 where intent.api != nil:
                handleKnown(intent, mood: mood, apiFails: true)
            case 0, 1:
                handleKnown(intent, mood: mood, apiFails: false)
                if mood == .negative, random.chance(0.5) { complain() }
                smallTalk(Phrasebook.requestAgent, intent: "request_agent", polarity: .neutral)
            default:
                request(intent, mood: mood)
            }
        }
        bot(Phrasebook.handoffNotice)
        let handoffEvent = random.chance(0.9)
        if handoffEvent { event("handoff") }
        if !handoffEvent || random.chance(0.85) {
            wait(20_000...240_000)
            agent(Phrasebook.agentGreeting)
            if mood == .negative, random.chance(0.5) {
                complain()
            } else {
                smallTalk(Phrasebook.userToAgent, intent: "inform", polarity: .neutral)
            }
            agent(Phrasebook.agentWorking)
            agent(Phrasebook.agentClosing)
            if random.chance(0.45) { smallTalk(Phrasebook.thanks, intent: "thanks", polarity: .positive) }
            if random.chance(0.2) { event("resolved") }
        } else {
            wait(60_000...240_000)
            complain()
        }
        if random.chance(0.35) { csatSurvey(score: random.int(1...5)) }
        if random.chance(0.4) { event("session_end", after: 10_000...120_000) }
    }

    private mutating func playAbandoned(_ intent: SyntheticIntent) {
        let mood = drawMood(positive: 0, negative: 0.45)
        open()
        if !intent.known {
            unknownRequest(intent, mood: mood)
            if random.chance(0.5) { unknownRequest(intent, mood: mood) }
            if random.chance(0.5) { complain() }
        } else {
            switch random.below(4) {
            case 0 where intent.asks != nil:
                // The bot asks for the order or flight number and the user never answers.
                request(intent, mood: mood, leavingOut: intent.asks)
                if let slot = intent.asks { bot(Phrasebook.ask(slot)) }
            case 1 where intent.api != nil:
                handleKnown(intent, mood: mood, apiFails: true)
                if random.chance(0.6) { complain() }
            case 2 where Self.actions.contains(intent.api ?? ""):
                // The bot offers to act and the user never confirms.
                request(intent, mood: mood)
                bot(Phrasebook.offer)
            default:
                // The bot's answer misses the point; the user complains and leaves.
                request(intent, mood: mood)
                bot(Phrasebook.unhelpful)
                if random.chance(0.7) { complain() }
            }
        }
        if random.chance(0.08) { csatSurvey(score: random.int(1...3)) }
        if random.chance(0.6) { event("session_end", after: 300_000...900_000) }
    }

    // MARK: - Moves

    /// Backend calls that change something, so the bot asks before making them.
    private static let actions: Set<String> = [
        "block_card", "activate_card", "create_transfer", "open_dispute", "reset_pin", "update_profile", "create_return",
        "cancel_order", "update_shipping", "create_claim", "create_exchange", "rebook_flight", "cancel_booking",
        "online_checkin", "seat_map", "ticket_refund",
    ]

    private mutating func drawMood(positive: Double, negative: Double) -> TruthPolarity {
        [TruthPolarity.positive, .negative, .neutral][random.weighted([positive, negative, max(0, 1 - positive - negative)])]
    }

    /// Optional opening: the bot's welcome, the user's greeting, or both.
    private mutating func open() {
        let botOpens = random.chance(0.45)
        if botOpens { bot(Phrasebook.welcome) }
        if random.chance(botOpens ? 0.2 : 0.35) {
            greet()
            bot(Phrasebook.welcome)
        }
    }

    private mutating func greet() {
        smallTalk(Phrasebook.greetings, intent: "greet", polarity: .neutral)
    }

    private mutating func complain() {
        smallTalk(Phrasebook.complaints, intent: "complain", polarity: .negative)
    }

    /// A small-talk turn the bot recognises. Greetings and thanks keep their spelling so that the
    /// outcome rules (only a greeting; the last turn thanks) read them without doubt.
    private mutating func smallTalk(_ phrases: PhraseSet, intent: String, polarity: TruthPolarity) {
        let typos = intent != "greet" && intent != "thanks" && intent != "affirm"
        let (text, _) = userText({ chinese, random in phrases.pick(chinese: chinese, &random) }, polarity: .neutral, typos: typos)
        user(text, label: intent, confidence: random.int(70...99), intent: intent, known: true, polarity: polarity)
    }

    /// The first request of a conversation sometimes opens with a greeting ("hi, where is my
    /// order"), a lead-in ("quick question: ") or, for a returning user, "me again".
    private mutating func opener(_ text: String) -> String {
        guard turns.isEmpty else { return text }
        let chinese = text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
        let leadIn: PhraseSet
        if isReturn, random.chance(0.35) {
            leadIn = Phrasebook.returning
        } else {
            switch random.unit() {
            case ..<0.12: leadIn = Phrasebook.greetingOpeners
            case ..<0.24: leadIn = Phrasebook.requestLeadIns
            default: return text
            }
        }
        return render(leadIn.pick(chinese: chinese, &random)) + sentenceTail(text)
    }

    /// The polarity of one request in a conversation of `mood`.
    private mutating func turnPolarity(_ mood: TruthPolarity) -> TruthPolarity {
        switch mood {
        case .neutral: return .neutral
        case .positive: return random.chance(0.7) ? .positive : .neutral
        case .negative: return random.chance(0.75) ? .negative : .neutral
        }
    }

    /// The user states a known request; returns whether the slot the bot needs was left out.
    @discardableResult
    private mutating func request(_ intent: SyntheticIntent, mood: TruthPolarity, leavingOut slot: PhraseSlot? = nil) -> Bool {
        let polarity = turnPolarity(mood)
        var (text, template) = userText({ chinese, random in
            let all = chinese ? intent.chinese : intent.english
            let without = slot.map { slot in all.filter { !$0.slots.contains(slot) } } ?? all
            return random.pick(without.isEmpty ? all : without)
        }, polarity: polarity)
        text = opener(text)
        let confidence = random.chance(0.7) ? random.int(80...99) : random.int(55...79)
        user(text, label: intent.name, confidence: confidence, intent: intent.name, known: true, polarity: polarity)
        return intent.asks.map { !template.slots.contains($0) } ?? false
    }

    /// A known request taken to the bot's answer (or, when `apiFails`, to a failed backend call).
    private mutating func handleKnown(_ intent: SyntheticIntent, mood: TruthPolarity, apiFails: Bool, confirmFirst: Bool = false) {
        let needsSlot = request(intent, mood: mood)
        if needsSlot, let slot = intent.asks {
            bot(Phrasebook.ask(slot))
            let (text, _) = userText({ chinese, random in Phrasebook.inform(slot).pick(chinese: chinese, &random) }, polarity: .neutral)
            user(text, label: "inform", confidence: random.int(60...95), intent: "inform", known: true, polarity: .neutral)
        }
        if confirmFirst, Self.actions.contains(intent.api ?? "") {
            bot(Phrasebook.offer)
            smallTalk(Phrasebook.affirm, intent: "affirm", polarity: .neutral)
        }
        if let api = intent.api {
            if apiFails {
                apiCall(api, ok: false)
                bot(Phrasebook.apiError)
                return
            }
            if random.chance(0.05) {
                apiCall(api, ok: false)  // a transient failure, retried
            }
            apiCall(api, ok: true)
        } else if apiFails {
            bot(Phrasebook.apiError)
            return
        }
        let answers = staffChinese ? intent.chineseAnswers : intent.answers
        bot(render(random.pick(answers)))
    }

    /// The user asks something the bot was not trained on; the bot falls back.
    private mutating func unknownRequest(_ intent: SyntheticIntent, mood: TruthPolarity) {
        let polarity = turnPolarity(mood)
        var (text, _) = userText({ chinese, random in random.pick(chinese ? intent.chinese : intent.english) }, polarity: polarity)
        text = opener(text)
        var label: String?
        var confidence: Int?
        var fallbackEvent = false
        switch random.weighted([0.4, 0.3, 0.3]) {
        case 0:
            label = random.chance(0.7) ? "fallback" : "nlu_fallback"
            confidence = random.chance(0.5) ? random.int(10...49) : nil
        case 1:
            fallbackEvent = random.chance(0.5)
        default:
            label = random.pick(SyntheticIntentCatalog.known).name
            confidence = random.int(15...49)
        }
        user(text, label: label, confidence: confidence, intent: intent.name, known: false, polarity: polarity)
        if fallbackEvent { event("fallback", after: 20...200) }
        bot(Phrasebook.fallback)
    }
}
