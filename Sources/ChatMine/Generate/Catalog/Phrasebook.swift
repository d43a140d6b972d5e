/// Phrasings in English and Chinese for one conversational move.
struct PhraseSet: Sendable {
    let english: [PhraseTemplate]
    let chinese: [PhraseTemplate]

    init(en: [String], zh: [String]) {
        english = PhraseTemplate.list(en)
        chinese = PhraseTemplate.list(zh)
    }

    /// One phrasing in the requested language.
    func pick(chinese: Bool, _ random: inout GeneratorRandom) -> PhraseTemplate {
        random.pick(chinese ? self.chinese : english)
    }
}

/// The small talk, bot lines, agent lines and mood markers of the synthetic conversations.
/// Closing thanks and confirmations are kept apart from everything else so an outcome rule that
/// looks at the user's last turn is never in doubt.
enum Phrasebook {
    // MARK: - User

    /// Greetings only (intent greet); an unengaged conversation says nothing else.
    static let greetings = PhraseSet(
        en: ["hi", "hello", "hey", "Hi", "Hello!", "hi there", "hey there", "good morning", "hello?", "hiya"],
        zh: ["你好", "您好", "在吗", "你好！", "哈喽", "早上好", "嗨"])
    /// A greeting in front of the first request: the message is more than a greeting.
    static let greetingOpeners = PhraseSet(en: ["hi, ", "hello ", "hey, ", "hi there. ", "good morning, "], zh: ["你好，", "您好，", "在吗？", "你好 "])
    /// A neutral lead-in to a request, for variety.
    static let requestLeadIns = PhraseSet(
        en: ["quick question: ", "I was wondering, ", "can you help? ", "need help - ", "pls ", "hey bot, "],
        zh: ["请问", "问一下，", "麻烦问下，", "帮个忙，", "咨询一下，"])
    /// A returning user's opening.
    static let returning = PhraseSet(
        en: ["me again. ", "following up on my earlier chat: ", "I wrote to you before about this. ", "hi again, "],
        zh: ["我又来了，", "接着上次的问题，", "之前问过，", "又是我，"])
    /// A closing turn that thanks or confirms success (intent thanks).
    static let thanks = PhraseSet(
        en: ["thanks, that worked", "thank you!", "thanks", "great, thank you", "perfect, thanks!", "thx", "ok thanks, all sorted",
             "that worked, thank you so much", "thank you, that's all I needed", "got it, thanks", "awesome thanks", "cheers, that fixed it"],
        zh: ["谢谢，解决了", "谢谢", "好的，谢谢", "多谢", "可以了，谢谢", "搞定了，感谢", "解决了，谢谢你", "非常感谢"])
    /// A mid-conversation yes to the bot's offer (intent affirm).
    static let affirm = PhraseSet(
        en: ["yes", "yes please", "yeah", "sure", "yep, go ahead", "ok do it"],
        zh: ["是的", "好", "可以", "对", "嗯，帮我办吧"])
    /// Asking for a person (intent request_agent).
    static let requestAgent = PhraseSet(
        en: ["talk to a human", "can I speak to an agent", "I want a real person", "agent please", "connect me to customer service",
             "let me talk to someone", "human please"],
        zh: ["转人工", "我要人工客服", "找真人", "人工服务", "帮我转客服"])
    /// Frustration without a request (intent complain, polarity negative).
    static let complaints = PhraseSet(
        en: ["this is useless", "still waiting!!", "you're not helping", "this bot is terrible", "this is ridiculous", "are you kidding me",
             "worst service ever", "I've asked this three times already", "so frustrating", "nobody is helping me",
             "hello??\nis anyone there", "I said \"human\", not a bot"],
        zh: ["太差了", "什么破服务", "还没好？？", "一点用都没有", "气死我了", "问了三遍了", "根本解决不了问题", "太慢了吧"])
    /// The user's answer to a slot question (intent inform), per slot.
    static func inform(_ slot: PhraseSlot) -> PhraseSet {
        switch slot {
        case .order: return PhraseSet(en: ["{order}", "it's {order}", "order number {order}", "{order} I think"], zh: ["{order}", "订单号是{order}", "是{order}"])
        case .flight: return PhraseSet(en: ["{flight}", "flight {flight}", "it's {flight} on {date}"], zh: ["{flight}", "航班号{flight}", "是{flight}"])
        case .amount: return PhraseSet(en: ["{amount}", "{amount} please", "send {amount}"], zh: ["{amount}", "转{amount}"])
        default: return PhraseSet(en: ["{\(slot.rawValue)}"], zh: ["{\(slot.rawValue)}"])
        }
    }

    // MARK: - Mood markers

    /// Added to a request to make it positive (no thanks or confirm words: those mean closing).
    static let positivePrefixes = PhraseSet(
        en: ["love your app! ", "you guys are awesome, ", "hope you're having a lovely day! ", "happy customer here :) ", "good news first, I love the new design! ", "big fan of your service! ", "you've always been so helpful, "],
        zh: ["你们的App真好用！", "服务一直很棒，", "今天心情很好，", "很喜欢你们家，", "你们客服一直很贴心，"])
    static let positiveSuffixes = PhraseSet(en: [" 😊", " :)", " 🙂", " 👍", "! you're the best", " ❤️", ", love it here"], zh: ["😊", "，你们最棒了", "🙂", "，爱你们"])
    /// Added to a request to make it negative.
    static let negativePrefixes = PhraseSet(
        en: ["this is ridiculous, ", "seriously?? ", "worst experience ever. ", "I'm so angry. ", "3rd time asking!!! ", "ugh. ", "this is a joke. ", "terrible app. ", "fed up with this, "],
        zh: ["太差了，", "气死了，", "搞什么啊，", "第三次问了！！", "服务太烂了，", "真无语，", "太失望了，"])
    static let negativeSuffixes = PhraseSet(en: [" 😡", "!!!", " still waiting!!", " this is unacceptable", " 🙄", ". terrible service", " 😤", ". so annoyed", ". worst company ever"],
                                          zh: ["😡", "！！！", "，还没好？？", "，太慢了", "，什么破系统"])

    // MARK: - Bot

    static let welcome = PhraseSet(
        en: ["Hi! I'm the virtual assistant. How can I help you today?", "Hello! What can I do for you?", "Hi there 👋 How can I help?"],
        zh: ["您好！我是智能助手，请问有什么可以帮您？", "您好，请问需要什么帮助？", "你好👋 有什么可以帮你的吗？"])
    static func ask(_ slot: PhraseSlot) -> PhraseSet {
        switch slot {
        case .order: return PhraseSet(en: ["Sure, what's your order number?", "Can you give me the order number?"], zh: ["好的，请提供订单号。", "请问订单号是多少？"])
        case .flight: return PhraseSet(en: ["Which flight is it? Please give me the flight number.", "What's your flight number?"], zh: ["请问航班号是多少？", "请提供航班号。"])
        case .amount: return PhraseSet(en: ["How much would you like to send?", "What amount?"], zh: ["请问转账金额是多少？", "要转多少？"])
        default: return PhraseSet(en: ["Could you give me a few more details?"], zh: ["能再提供一些信息吗？"])
        }
    }
    static let fallback = PhraseSet(
        en: ["Sorry, I didn't understand that. Could you rephrase?", "I'm not sure I can help with that. Can you say it differently?",
             "Sorry, I didn't get that."],
        zh: ["抱歉，我没有理解您的意思，请换个说法。", "不好意思，这个问题我还不会回答。", "抱歉，没听懂。"])
    static let apiError = PhraseSet(
        en: ["Sorry, something went wrong on our side. Please try again later.", "I couldn't reach that system right now."],
        zh: ["抱歉，系统出了点问题，请稍后再试。", "暂时无法连接系统。"])
    static let handoffNotice = PhraseSet(
        en: ["Let me connect you to one of our agents.", "I'm transferring you to a human agent. Please hold on.", "One moment, an agent will join shortly."],
        zh: ["正在为您转接人工客服，请稍候。", "马上为您转人工。", "请稍等，客服马上接入。"])
    /// An answer that does not help (the abandoned user's last straw).
    static let unhelpful = PhraseSet(
        en: ["You can find more information in our Help Center.", "Please check the FAQ section in the app for details.",
             "Here are some articles that might help: Payments, Orders, Travel."],
        zh: ["您可以在帮助中心查看更多信息。", "请查看App中的常见问题。", "以下文章可能对您有帮助：支付、订单、出行。"])
    static let anythingElse = PhraseSet(en: ["Anything else I can help with?", "Is there anything else?"], zh: ["还有什么可以帮您？", "还有其他问题吗？"])
    static let offer = PhraseSet(en: ["Would you like me to do that now?", "Shall I go ahead?"], zh: ["需要现在为您办理吗？", "要帮您办理吗？"])
    static let csatPrompt = PhraseSet(en: ["How would you rate this chat from 1 to 5?", "Please rate your experience (1-5)."],
                                    zh: ["请为本次服务打分（1-5分）。", "您对本次服务满意吗？请打分1-5。"])
    static let goodbye = PhraseSet(en: ["You're welcome! Have a great day.", "Glad I could help. Bye!"], zh: ["不客气，祝您愉快！", "很高兴帮到您，再见！"])

    // MARK: - Agent

    static let agentGreeting = PhraseSet(
        en: ["Hi, this is Maria from customer support. I'm looking at your case now.", "Hello, I'm Tom. Sorry for the wait, let me check.",
             "Hi! Priya here from the support team. How can I help?"],
        zh: ["您好，我是客服小王，正在为您查看。", "您好，我是客服李娜，让您久等了。", "您好，人工客服为您服务。"])
    static let agentWorking = PhraseSet(
        en: ["I can see the issue. Give me a minute to fix it.", "Thanks for your patience, I'm checking with the team.",
             "I've escalated this to the specialist team; you'll get an email within 24 hours."],
        zh: ["我看到问题了，请稍等一下。", "正在和相关部门确认，请稍候。", "已提交给专员处理，24小时内邮件回复您。"])
    static let agentClosing = PhraseSet(
        en: ["That's done now. Is there anything else?", "All fixed on my side. Have a good day!", "I've sorted it out for you."],
        zh: ["已经处理好了，还有其他问题吗？", "已为您处理完毕，祝您生活愉快！", "问题已解决。"])
    static let userToAgent = PhraseSet(
        en: ["ok", "I already explained it to the bot", "yes, that's right", "how long will it take?", "fine"],
        zh: ["好的", "刚才跟机器人说过了", "对", "要多久？", "行"])
}
