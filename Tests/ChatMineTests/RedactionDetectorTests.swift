import Testing
@testable import ChatMine

/// Hand-worked cases for each detector: what must be found, what must be left alone.
@Suite("Redaction detectors")
struct RedactionDetectorTests {
    let redactor = Redactor(mode: .mask)

    private func masked(_ text: String) -> String { redactor.redact(text) }

    @Test("e-mail addresses and their boundaries")
    func emails() {
        #expect(masked("mail john.doe+news@example.co.uk now") == "mail [EMAIL] now")
        #expect(masked("<jane_doe@mail.example.org>") == "<[EMAIL]>")
        #expect(masked("(a@b.io), x") == "([EMAIL]), x")
        #expect(masked("write to sales@shop.com.") == "write to [EMAIL].")
        #expect(masked("邮箱是13812345678@qq.com，谢谢") == "邮箱是[EMAIL]，谢谢")
        #expect(masked("mailto:ann@x.org;bob@y.net") == "mailto:[EMAIL];[EMAIL]")
        #expect(masked("'zoe@z.de'") == "'[EMAIL]'")
        #expect(masked("reset?email=ann.lee%40example.com&x=1") == "reset?email=[EMAIL]&x=1")
        #expect(masked("100%40 off, 50%40.5") == "100%40 off, 50%40.5")
        // Not addresses: a mention, no dot in the domain, a numeric top-level label, a double @.
        #expect(masked("thanks @support team") == "thanks @support team")
        #expect(masked("me@home tonight") == "me@home tonight")
        #expect(masked("v1@1.2") == "v1@1.2")
        #expect(masked("john@@example.com") == "john@@example.com")
    }

    @Test("phone numbers: international, North American, Chinese, national")
    func phones() {
        #expect(masked("我的手机号是13812345678，谢谢") == "我的手机号是[PHONE]，谢谢")
        #expect(masked("电话：138 1234 5678。") == "电话：[PHONE]。")
        #expect(masked("call 138-1234-5678") == "call [PHONE]")
        #expect(masked("+86 138 1234 5678") == "[PHONE]")
        #expect(masked("tel:+8613812345678") == "tel:[PHONE]")
        #expect(masked("Call (555) 123-4567 today") == "Call [PHONE] today")
        #expect(masked("or 555-123-4567, or 555.123.4567") == "or [PHONE], or [PHONE]")
        #expect(masked("at 415 555-0123.") == "at [PHONE].")
        #expect(masked("at 1 415 555-0123.") == "at [PHONE].")
        #expect(masked("2026 11-24 and 123 456-78901") == "2026 11-24 and 123 456-78901")
        #expect(masked("+1 (415) 555-0123") == "[PHONE]")
        #expect(masked("1-800-555-0199") == "[PHONE]")
        #expect(masked("+44 20 7946 0958 or 020 7946 0958") == "[PHONE] or [PHONE]")
        #expect(masked("+44 (0)20 7946 0958") == "[PHONE]")
        #expect(masked("座机010-12345678或(0755) 8765 4321") == "座机[PHONE]或[PHONE]")
        #expect(masked("总机0755-86013388-8001转人工") == "总机[PHONE]转人工")
        #expect(masked("06 12 34 56 78") == "[PHONE]")
        #expect(masked("13812345678 2 times") == "[PHONE] 2 times")
        #expect(masked("my number: *13812345678*") == "my number: *[PHONE]*")
        // Ten unseparated digits are a phone number only after a phone word.
        #expect(masked("call me at 4155550123 please") == "call me at [PHONE] please")
        #expect(masked("Phone: 4155550123") == "Phone: [PHONE]")
        #expect(masked("客服电话4008206666") == "客服电话[PHONE]")
        #expect(masked("order 4155550123 shipped") == "order 4155550123 shipped")
        #expect(masked("hotel 4155550123, cancelled 4155550123, I called about 4155550123")
            == "hotel 4155550123, cancelled 4155550123, I called about 4155550123")
        #expect(masked("tracking 1234567890, case 5551234567") == "tracking 1234567890, case 5551234567")
        #expect(masked("请拨打0086 138 1234 5678。") == "请拨打[PHONE]。")
        #expect(masked("0044 20 7946 0958 or 001 415 555 0123") == "[PHONE] or [PHONE]")
        #expect(masked("order 2026 13812345678") == "order 2026 [PHONE]")
        // Not phones: a 12-digit run, a mobile-like run inside an id, a non-mobile 11-digit run,
        // a short + number, an order number after '#'.
        #expect(masked("138123456789") == "138123456789")
        #expect(masked("A13812345678") == "A13812345678")
        #expect(masked("12812345678") == "12812345678")
        #expect(masked("+2000 points") == "+2000 points")
        #expect(masked("order #13812345678") == "order #13812345678")
        #expect(masked("acct 0012 3456 7890, 00123456789012") == "acct 0012 3456 7890, 00123456789012")
    }

    @Test("payment cards need a network prefix and a valid Luhn digit")
    func cards() {
        #expect(masked("card 4111111111111111 ok") == "card [CARD] ok")
        #expect(masked("4111 1111 1111 1111") == "[CARD]")
        #expect(masked("5500-0000-0000-0004") == "[CARD]")
        #expect(masked("amex 3782 822463 10005") == "amex [CARD]")
        #expect(masked("银联卡6200000000000005。") == "银联卡[CARD]。")
        #expect(masked("diners 30569309025904") == "diners [CARD]")
        // Luhn fails by one digit; Luhn passes but no network starts with 9.
        #expect(masked("card 4111111111111112") == "card 4111111111111112")
        #expect(masked("9400000000000004") == "9400000000000004")
        #expect(masked("4111 1111 1111 1112") == "4111 1111 1111 1112")
    }

    @Test("IBANs need the country's length and a valid mod-97 check")
    func ibans() {
        #expect(masked("IBAN DE89370400440532013000.") == "IBAN [IBAN].")
        #expect(masked("to DE89 3704 0044 0532 0130 00 please") == "to [IBAN] please")
        #expect(masked("GB82 WEST 1234 5698 7654 32") == "[IBAN]")
        #expect(masked("FR1420041010050500013M02606") == "[IBAN]")
        #expect(masked("账户NL91ABNA0417164300") == "账户[IBAN]")
        #expect(masked("DE89370400440532013001") == "DE89370400440532013001")
        #expect(masked("DE8937040044053201300") == "DE8937040044053201300")  // one short
        #expect(masked("CA1234 lands at 9") == "CA1234 lands at 9")
    }

    @Test("Chinese identity numbers need a region, a birth date and the MOD 11-2 check")
    func chineseIDs() {
        #expect(masked("身份证号11010519491231002X，") == "身份证号[CN_ID]，")
        #expect(masked("id 11010519491231002x") == "id [CN_ID]")
        #expect(masked("440306199003071232") == "[CN_ID]")
        #expect(masked("110101200002290018") == "[CN_ID]")  // 29 February 2000
        #expect(masked("号码 110105 19491231 002X。") == "号码 [CN_ID]。")
        #expect(masked("440306-19900307-1232") == "[CN_ID]")
        #expect(masked("440306 19900307 1233") == "440306 19900307 1233")
        #expect(masked("440306199003071233") == "440306199003071233")  // wrong check digit
        #expect(masked("11010519491231002Y") == "11010519491231002Y")
        #expect(masked("110101199002300018") == "110101199002300018")  // 30 February
    }

    @Test("IPv4 parts are 0-255; IPv6 in full, compressed and IPv4-tailed forms")
    func ipAddresses() {
        #expect(masked("from 192.168.1.1:8080 and 10.0.0.255/24") == "from [IP]:8080 and [IP]/24")
        #expect(masked("服务器IP是203.0.113.7。") == "服务器IP是[IP]。")
        #expect(masked("version 2.10.0.1, v 1.2.3.4, 版本 6.0.0.1") == "version 2.10.0.1, v 1.2.3.4, 版本 6.0.0.1")
        #expect(masked("server 10.2.0.1") == "server [IP]")
        #expect(masked("256.1.1.1") == "256.1.1.1")
        #expect(masked("version 1.2.3 and 1.2.3.4.5") == "version 1.2.3 and 1.2.3.4.5")
        #expect(masked("2001:0db8:85a3:0000:0000:8a2e:0370:7334") == "[IP]")
        #expect(masked("host 2001:db8::1 up") == "host [IP] up")
        #expect(masked("fe80::1ff:fe23:4567:890a.") == "[IP].")
        #expect(masked("mapped ::ffff:192.0.2.128") == "mapped [IP]")
        #expect(masked("at 12:30:45 or 09:15") == "at 12:30:45 or 09:15")
        #expect(masked("1:2:3:4:5:6:7:8:9") == "1:2:3:4:5:6:7:8:9")
        #expect(masked("std::vector and cafe::babe") == "std::vector and cafe::babe")
    }

    @Test("secrets in URLs: sensitive parameters and user:password@")
    func urlSecrets() {
        #expect(masked("https://api.x.com/v1?id=42&token=abc123XYZ&lang=en")
            == "https://api.x.com/v1?id=42&token=[SECRET]&lang=en")
        #expect(masked("https://x.io/cb#access_token=eyJhbGci.eyJzdWIi.sig_part") == "https://x.io/cb#access_token=[SECRET]")
        #expect(masked("?api_key=K3y&sig=Zm9v%2Fbar==.") == "?api_key=[SECRET]&sig=[SECRET].")
        #expect(masked("s3?X-Amz-Signature=deadbeef01 ok") == "s3?X-Amz-Signature=[SECRET] ok")
        #expect(masked("password=hunter2，谢谢") == "password=[SECRET]，谢谢")
        #expect(masked("ftp://admin:p4ss@files.example.com/x") == "ftp://[SECRET]@files.example.com/x")
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
        #expect(masked("Authorization: Bearer \(jwt)\n") == "Authorization: Bearer [SECRET]\n")
        #expect(masked("令牌\(jwt)，过期了") == "令牌[SECRET]，过期了")
        #expect(masked("see example.com. eyJ is not enough, nor is a.eyJhbGciOiJIUzI1NiJ9") == "see example.com. eyJ is not enough, nor is a.eyJhbGciOiJIUzI1NiJ9")
        #expect(masked("key: sk-proj-Ab3dEf9hIjKlMn0pQrStUvWx, ok") == "key: [SECRET], ok")
        #expect(masked("export GITHUB_TOKEN=ghp_1234567890abcdefghijABCDEFGHIJ123456") == "export GITHUB_TOKEN=[SECRET]")
        #expect(masked("token xoxb-123456789012-abcdefghijklmnop") == "token [SECRET]")
        #expect(masked("task-sk-list and sk-short1 and risk-assessment-matrix-2026-v1") == "task-sk-list and sk-short1 and risk-assessment-matrix-2026-v1")
        // Harmless parameters and lookalike names stay.
        #expect(masked("https://shop.com/p?page=2&sort=price&monkey=1&design=3") == "https://shop.com/p?page=2&sort=price&monkey=1&design=3")
        #expect(masked("a == b and x=1") == "a == b and x=1")
    }

    @Test("order numbers, dates, times, amounts and flights are left alone")
    func lookAlikes() {
        let text = "Order #A12345 / 1234567 / ORD-2024-00012 on 2026-11-24, 24/11/2026, 2026年11月24日 "
            + "at 14:30, paid $1,234.56, ¥2000 and 1500元, flight CA1234, tracking 1Z999AA10123456784, "
            + "ref 4111111111111112, 订单号20261124000123"
        #expect(masked(text) == text)
    }

    @Test("full-width digits typed by Chinese input methods")
    func fullWidthDigits() {
        #expect(masked("手机：１３８１２３４５６７８，谢谢") == "手机：[PHONE]，谢谢")
        #expect(masked("身份证１１０１０５１９４９１２３１００２Ｘ。") == "身份证[CN_ID]。")
        #expect(masked("卡号４１１１１１１１１１１１１１１１") == "卡号[CARD]")
        #expect(masked("卡号４１１１１１１１１１１１１１１２") == "卡号４１１１１１１１１１１１１１１２")
        #expect(masked("２０２６年１１月２４日，１２８１２３４５６７８") == "２０２６年１１月２４日，１２８１２３４５６７８")
        let hashed = Redactor(mode: .hash, salt: "s")
        #expect(hashed.redact("１３８１２３４５６７８") == hashed.redact("13812345678"))
        #expect(hashed.redact("１１０１０５１９４９１２３１００２Ｘ") == hashed.redact("11010519491231002X"))
        #expect(masked("１１０１０５１９４９１２３１００２ｘ") == "[CN_ID]")
        #expect(hashed.redact("１１０１０５１９４９１２３１００２ｘ") == hashed.redact("11010519491231002x"))
    }

    @Test("overlapping readings leave nothing unredacted")
    func overlaps() {
        #expect(masked("13812345678@qq.com") == "[EMAIL]")
        #expect(masked("https://admin:13812345678@h.example.com/") == "https://[SECRET]@h.example.com/")
        // The e-mail's local part would start inside the phone number: both are kept.
        #expect(masked("+86 138 1234 5678-li@x.cn") == "[PHONE][EMAIL]")
    }

    @Test("redacting twice changes nothing, in both modes")
    func idempotent() {
        let text = "mail a@b.com, call 13812345678, ip 2001:db8::1, id 11010519491231002X, "
            + "https://u:p@h.com/?token=t0k, card 4111111111111111, DE89370400440532013000"
        for mode in [RedactionMode.mask, .hash] {
            let once = Redactor(mode: mode, salt: "s").redact(text)
            #expect(Redactor(mode: mode, salt: "s").redact(once) == once)
            #expect(Redactor(mode: .mask).redact(once) == once)
        }
    }
}

/// Values right after another value: the placeholder will end in `]`, so they count as separate.
@Suite("Redaction adjacent values")
struct RedactionAdjacentTests {
    @Test("a value after a value and a joiner is still found")
    func adjacent() {
        let redactor = Redactor(mode: .mask)
        #expect(redactor.redact("10.0.0.1,10.0.0.2") == "[IP],[IP]")
        #expect(redactor.redact("fe80::1,13812345678") == "[IP],[PHONE]")
        #expect(redactor.redact("a@b.com+13812345678") == "[EMAIL][PHONE]")
        #expect(redactor.redact("10.0.0.1/13812345678") == "[IP]/[PHONE]")
    }
}
