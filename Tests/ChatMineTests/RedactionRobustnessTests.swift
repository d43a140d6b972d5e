import Testing
@testable import ChatMine

/// Random strings built from the scanners' trigger characters: no crash, sane findings, stable output.
@Suite("Redaction robustness")
struct RedactionRobustnessTests {
    private static let alphabet: [String] = [
        "0", "1", "3", "8", "9", "4", "6", "2", " ", " ", "-", ".", ",", "/", ":", "::", "@", "=", "+", "(", ")", "[", "]",
        "&", "?", "#", "_", "a", "f", "x", "X", "Z", "DE", "CN", "://", "token=", "号", "，", "１", "３", "Ｘ", "ｘ", "é",
        "[PHONE]", "[EMAIL:0a1b2c3d]", "\n", "\t", "🙂",
    ]

    private func randomText(_ rng: inout CorpusRandom) -> String {
        (0 ..< Int.random(in: 0 ... 40, using: &rng))
            .map { _ in Self.alphabet[Int.random(in: 0 ..< Self.alphabet.count, using: &rng)] }
            .joined()
    }

    @Test("findings are in bounds, ordered and disjoint; redaction keeps the rest")
    func randomInput() {
        var rng = CorpusRandom(seed: 42)
        let mask = Redactor(mode: .mask)
        let hash = Redactor(mode: .hash, salt: "fuzz")
        for _ in 0 ..< 20_000 {
            let text = randomText(&rng)
            let findings = mask.findings(in: text)
            var previousEnd = 0
            for finding in findings {
                #expect(finding.utf8Offsets.lowerBound >= previousEnd)
                #expect(finding.utf8Offsets.upperBound <= text.utf8.count)
                #expect(!finding.utf8Offsets.isEmpty)
                previousEnd = finding.utf8Offsets.upperBound
            }
            let result = mask.redactReporting(text)
            #expect(result.counts.total == findings.count)
            if findings.isEmpty { #expect(result.text == text) }
            _ = hash.redact(text)
        }
    }

    @Test("long and repetitive inputs are handled in one pass")
    func pathological() {
        let unchanged = [
            String(repeating: "1", count: 100_000),
            String(repeating: "1 ", count: 50_000),
            String(repeating: "1.", count: 50_000),
            String(repeating: "@", count: 50_000),
            String(repeating: "a@", count: 50_000),
            String(repeating: "a=", count: 50_000),
            String(repeating: "f:", count: 50_000),
            String(repeating: "+1 ", count: 30_000),
            String(repeating: "(", count: 50_000),
            String(repeating: "１", count: 50_031),
            String(repeating: "１", count: 31),
            String(repeating: "１", count: 20) + "１３８１２３４５６７８",
        ]
        let redactor = Redactor(mode: .mask)
        for input in unchanged {
            #expect(redactor.redact(input) == input)
        }
        let credentials = String(repeating: " x://a:b@h ", count: 20_000)
        #expect(redactor.redact(credentials) == String(repeating: " x://[SECRET]@h ", count: 20_000))
    }
}
