import Foundation
import Testing
@testable import ChatMine

/// Hash mode, the placeholder grammar, counts and the SipHash implementation.
@Suite("Redaction hash mode and placeholders")
struct RedactionHashTests {
    @Test("SipHash-2-4 matches the reference vectors of the paper")
    func sipHashReference() {
        let hasher = SipHash24(k0: 0x0706_0504_0302_0100, k1: 0x0F0E_0D0C_0B0A_0908)
        #expect(hasher.hash([UInt8]()) == 0x726F_DB47_DD0E_0E31)
        #expect(hasher.hash(Array(UInt8(0) ... 14)) == 0xA129_CA61_49BE_45E5)
        #expect(hasher.hash(Array(UInt8(0) ... 7)) == 0x93F5_F579_9A93_2462)
    }

    @Test("the same value and salt give the same token; another salt another token")
    func deterministic() throws {
        let a = Redactor(mode: .hash, salt: "night-salt")
        let first = a.redact("mail ann@example.com")
        #expect(first == Redactor(mode: .hash, salt: "night-salt").redact("mail ann@example.com"))
        #expect(first != Redactor(mode: .hash, salt: "other-salt").redact("mail ann@example.com"))
        let token = String(first.dropFirst("mail ".count))
        #expect(Redactor.placeholderKind(token) == .email)
        #expect(token.count == "[EMAIL:12345678]".count)
        #expect(a.redact("bob@example.com") != a.redact("ann@example.com"))
    }

    @Test("random salts are 32 hex digits and differ")
    func randomSalt() {
        let a = Redactor.randomSalt(), b = Redactor.randomSalt()
        #expect(a.count == 32)
        #expect(a.allSatisfy { $0.isHexDigit })
        #expect(a != b)
    }

    @Test("one value written different ways hashes to one token")
    func normalisedValues() {
        let r = Redactor(mode: .hash, salt: "k")
        #expect(r.redact("+86 138 1234 5678") == r.redact("13812345678"))
        #expect(r.redact("138-1234-5678") == r.redact("+8613812345678"))
        #expect(r.redact("(555) 123-4567") == r.redact("+1 555 123 4567"))
        #expect(r.redact("1 555 123-4567") == r.redact("555 123-4567"))
        #expect(r.redact("+44 (0)20 7946 0958") == r.redact("+44 20 7946 0958"))
        #expect(r.redact("0086 138 1234 5678") == r.redact("13812345678"))
        #expect(r.redact("Ann.Lee@Example.COM") == r.redact("ann.lee@example.com"))
        #expect(r.redact("4111 1111 1111 1111") == r.redact("4111-1111-1111-1111"))
        #expect(r.redact("DE89 3704 0044 0532 0130 00") == r.redact("DE89370400440532013000"))
        #expect(r.redact("11010519491231002x") == r.redact("11010519491231002X"))
        #expect(r.redact("2001:db8::1") == r.redact("2001:0db8:0:0:0:0:0:0001"))
        #expect(r.redact("10.0.0.1") != r.redact("10.0.0.2"))
    }

    @Test("counts report each kind found")
    func counts() {
        let text = "a@b.com c@d.org 13812345678 4111111111111111 DE89370400440532013000 "
            + "11010519491231002X 10.1.2.3 ::ffff:10.0.0.1 https://h.com/?token=x"
        let result = Redactor(mode: .mask).redactReporting(text)
        #expect(result.text == "[EMAIL] [EMAIL] [PHONE] [CARD] [IBAN] [CN_ID] [IP] [IP] https://h.com/?token=[SECRET]")
        #expect(result.counts[.email] == 2)
        #expect(result.counts[.ip] == 2)
        #expect(result.counts[.secret] == 1)
        #expect(result.counts.total == 9)
        var sum = RedactionCounts()
        sum += result.counts
        sum += result.counts
        #expect(sum[.phone] == 2)
        #expect(sum.total == 18)
    }

    @Test("counts encode as JSON keyed by kind and decode back")
    func countsCodable() throws {
        var counts = RedactionCounts()
        counts[.phone] = 3
        counts[.cnID] = 1
        let data = try JSONEncoder().encode(counts)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Int])
        #expect(object["phone"] == 3)
        #expect(object["cn_id"] == 1)
        #expect(object["email"] == 0)
        #expect(try JSONDecoder().decode(RedactionCounts.self, from: data) == counts)
        #expect(try JSONDecoder().decode(RedactionCounts.self, from: Data("{\"ip\": 2}".utf8))[.ip] == 2)
    }

    @Test("mode none keeps the text; findings still locate values")
    func modeNone() throws {
        let text = "我的手机号是13812345678，谢谢"
        let none = Redactor(mode: .none)
        #expect(none.redact(text) == text)
        #expect(none.redactReporting(text).counts.isEmpty)
        let finding = try #require(none.findings(in: text).first)
        #expect(finding.kind == .phone)
        #expect(text[finding.range] == "13812345678")
    }

    @Test("placeholders are recognised exactly")
    func placeholderGrammar() {
        for kind in PIIKind.allCases {
            #expect(Redactor.placeholderKind("[\(kind.label)]") == kind)
            #expect(Redactor.placeholderKind("[\(kind.label):0a1b2c3d]") == kind)
        }
        #expect(!Redactor.isPlaceholder("[NAME]"))
        #expect(!Redactor.isPlaceholder("[EMAIL:9F2C41AB]"))
        #expect(!Redactor.isPlaceholder("[EMAIL:9f2c41]"))
        #expect(!Redactor.isPlaceholder("EMAIL"))
        #expect(!Redactor.isPlaceholder("[EMAIL] "))
        let text = "请联系[PHONE:0a1b2c3d]或[EMAIL]，[x] [IBAN"
        let found = RedactionPlaceholder.all(in: text)
        #expect(found.map(\.kind) == [.phone, .email])
        #expect(found.map { String(text[$0.range]) } == ["[PHONE:0a1b2c3d]", "[EMAIL]"])
        #expect(found.first?.hash == "0a1b2c3d")
        #expect(found.last?.hash == nil)
        #expect(Redactor.containsPlaceholder(text))
        #expect(!Redactor.containsPlaceholder("[x] plain"))
    }
}
