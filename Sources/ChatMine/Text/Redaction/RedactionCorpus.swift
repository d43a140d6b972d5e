/// A deterministic synthetic corpus for measuring the redactor: English and Chinese chat
/// sentences with personal data in context (and where it is), sentences full of look-alikes
/// that are not personal data, and a realistic message mix for throughput runs.
public enum RedactionCorpus {
    /// One generated sentence and the personal data it contains.
    public struct Sample: Sendable {
        /// The sentence.
        public let text: String
        /// The values planted in it, with their UTF-8 offsets.
        public let truth: [TruthSpan]
    }

    /// A planted value: its kind and where it is.
    public struct TruthSpan: Sendable, Equatable {
        /// The kind of personal data.
        public let kind: PIIKind
        /// Its UTF-8 byte offsets in the sample's text.
        public let utf8Offsets: Range<Int>
        /// The value as written.
        public let value: String
    }

    /// `count` sentences, each with one or two values, cycling through every kind.
    public static func personalDataSamples(count: Int, seed: UInt64) -> [Sample] {
        var values = CorpusValues(rng: CorpusRandom(seed: seed))
        return (0 ..< count).map { index in
            let templates = index % 5 == 4 ? mixedTemplates : piiTemplates[index % piiTemplates.count]
            return fill(values.pick(templates), with: &values)
        }
    }

    /// `count` sentences with order numbers, dates, times, amounts, flights and references only.
    public static func lookAlikeSamples(count: Int, seed: UInt64) -> [Sample] {
        var values = CorpusValues(rng: CorpusRandom(seed: seed ^ 0x5DEE_CE66))
        return (0 ..< count).map { _ in fill(values.pick(lookAlikeTemplates), with: &values) }
    }

    /// `count` chat messages as a support bot sees them: mostly plain, some with numbers, a few
    /// with personal data (for throughput measurements).
    public static func chatMessages(count: Int, seed: UInt64) -> [String] {
        var values = CorpusValues(rng: CorpusRandom(seed: seed ^ 0xC4A7))
        return (0 ..< count).map { _ in
            let roll = Int.random(in: 0 ..< 100, using: &values.rng)
            if roll < 65 { return values.pick(plainMessages) }
            if roll < 90 { return fill(values.pick(lookAlikeTemplates), with: &values).text }
            return fill(values.pick(piiTemplates.flatMap { $0 }), with: &values).text
        }
    }

    // MARK: - Filling templates

    /// Replaces each `{slot}` in `template` with a generated value, recording personal data spans.
    static func fill(_ template: String, with values: inout CorpusValues) -> Sample {
        var text = ""
        var truth: [TruthSpan] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            text += rest[..<open]
            let slot = rest[rest.index(after: open) ..< close]
            let (value, kind) = generate(String(slot), with: &values)
            let start = text.utf8.count
            text += value
            if let kind { truth.append(TruthSpan(kind: kind, utf8Offsets: start ..< text.utf8.count, value: value)) }
            rest = rest[rest.index(after: close)...]
        }
        text += rest
        return Sample(text: text, truth: truth)
    }

    private static func generate(_ slot: String, with values: inout CorpusValues) -> (String, PIIKind?) {
        switch slot {
        case "email": (values.email(), .email)
        case "phone": (values.phone(), .phone)
        case "card": (values.card(), .card)
        case "iban": (values.iban(), .iban)
        case "cnid": (values.chineseID(), .cnID)
        case "ip": (values.ip(), .ip)
        case "secret": (values.secret(), .secret)
        case "userinfo": (values.userInfo(), .secret)
        case "jwt": (values.jwt(), .secret)
        case "apikey": (values.apiKey(), .secret)
        case "order": (values.orderNumber(), nil)
        case "date": (values.date(), nil)
        case "time": (values.time(), nil)
        case "amount": (values.amount(), nil)
        case "flight": (values.flight(), nil)
        case "ref": (values.reference(), nil)
        default: (slot, nil)
        }
    }

    // MARK: - Templates

    static let piiTemplates: [[String]] = [
        ["my email is {email}", "Please send the invoice to {email}.", "contact: {email}, thanks",
         "can you reply to <{email}>?", "I changed my address to {email} yesterday", "(old one was {email})",
         "我的邮箱是{email}，谢谢", "请发到{email}。", "邮箱：{email}"],
        ["call me at {phone}", "my number is {phone}, anytime after 5pm", "You can reach me on {phone}.",
         "phone: {phone}", "我的手机号是{phone}，谢谢", "电话{phone}，请回电", "请拨打 {phone} 联系我", "new number ({phone})"],
        ["my card number is {card}", "charged twice on card {card}!", "卡号{card}，扣款两次", "信用卡：{card}。",
         "use {card} exp 11/27 for the refund"],
        ["please refund to {iban}", "IBAN: {iban}.", "退款到账户{iban}，谢谢", "my account is {iban} at Deutsche Bank"],
        ["身份证号{cnid}，", "我的身份证是 {cnid} 请核对", "ID number {cnid}", "证件号码：{cnid}。"],
        ["I'm connecting from {ip} and it fails", "server {ip} is down", "我的IP是{ip}，登录不了", "blocked ip: {ip}."],
        ["the link https://app.example.com/reset?user=42&token={secret} doesn't work",
         "open https://files.example.net/f/abc?sig={secret}&exp=1700000000",
         "try ftp://{userinfo}@ftp.example.com/pub please", "回调地址 https://pay.example.cn/notify?access_token={secret}，报错",
         "api call https://api.example.com/v2/items?api_key={secret}", "I typed password={secret} in the form",
         "https://{userinfo}@git.example.org/repo.git 拉取失败", "tool log: Authorization: Bearer {jwt}",
         "令牌{jwt}已过期", "I pasted my key {apikey} by mistake", "密钥：{apikey}，请帮我作废"],
    ]

    static let mixedTemplates = [
        "Order {order} from {date}: please call {phone} or mail {email}",
        "退款{amount}到{iban}，联系电话{phone}",
        "订单{order}，{date}下单，手机{phone}，身份证{cnid}",
        "card {card} was charged {amount} on {date} at {time}",
        "login from {ip} at {time} on {date}, alert sent to {email}",
        "flight {flight} on {date}, contact {phone}",
    ]

    static let lookAlikeTemplates = [
        "Order {order} has not arrived yet", "订单号：{order}，还没发货", "my order {order} placed on {date}",
        "tracking number {order}", "I paid {amount} on {date} at {time}", "{date} {time} 付款{amount}",
        "flight {flight} departs {date} at {time}", "航班{flight}，{date}出发", "refund of {amount} for order {order}",
        "{ref}, {ref}", "快递单号{order}，{date}到", "invoice {order} total {amount}", "{date}，{amount}，{ref}",
        "appointment {date} {time}-{time}", "I was charged {amount} twice ({order})", "价格{amount}，数量3，{ref}",
    ]

    static let plainMessages = [
        "hi", "hello, I need help with my order", "where is my package?", "I want to talk to a human",
        "this is not what I asked", "thanks, that worked!", "can I change my delivery address", "cancel my subscription",
        "why was I charged twice", "the app keeps crashing when I log in", "how do I reset my password",
        "你好", "我的快递到哪了", "我要退款", "转人工", "谢谢，解决了", "怎么修改收货地址", "为什么扣了两次钱",
        "登录不了，一直提示密码错误", "can you check the status please", "ok", "no that's wrong", "still waiting...",
        "I'd like to upgrade my plan to premium", "what are your opening hours on weekends?",
    ]
}
