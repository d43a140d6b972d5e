import Testing
@testable import ChatMine

/// Recall and false positives on the generated corpus, whose truth spans come from the generator.
@Suite("Redaction corpus")
struct RedactionCorpusTests {
    let redactor = Redactor(mode: .mask)

    @Test("recall is at least 99% for every kind, and spans are exact")
    func recallPerKind() {
        let samples = RedactionCorpus.personalDataSamples(count: 4000, seed: 7)
        var planted: [PIIKind: Int] = [:]
        var found: [PIIKind: Int] = [:]
        var misses: [String] = []
        var extras: [String] = []
        for sample in samples {
            let findings = redactor.findings(in: sample.text)
            for span in sample.truth {
                planted[span.kind, default: 0] += 1
                if findings.contains(where: { $0.kind == span.kind && $0.utf8Offsets == span.utf8Offsets }) {
                    found[span.kind, default: 0] += 1
                } else if misses.count < 20 {
                    misses.append("\(span.kind) \(span.value) in: \(sample.text)")
                }
            }
            for finding in findings where !sample.truth.contains(where: { $0.utf8Offsets == finding.utf8Offsets }) {
                extras.append("\(finding.kind) \(sample.text[finding.range]) in: \(sample.text)")
            }
        }
        for kind in PIIKind.allCases {
            let total = planted[kind, default: 0]
            #expect(total >= 200, "too few \(kind) samples: \(total)")
            let recall = Double(found[kind, default: 0]) / Double(max(total, 1))
            #expect(recall >= 0.99, "recall \(kind) = \(recall); misses: \(misses.joined(separator: "\n"))")
        }
        // Findings that are not planted values (inside PII sentences, next to order numbers and dates).
        let plantedTotal = planted.values.reduce(0, +)
        #expect(Double(extras.count) / Double(plantedTotal) < 0.01, "\(extras.count) extra findings: \(extras.prefix(20).joined(separator: "\n"))")
    }

    @Test("fewer than 1% of look-alike sentences get anything redacted")
    func falsePositivesOnLookAlikes() {
        let samples = RedactionCorpus.lookAlikeSamples(count: 4000, seed: 11)
        var flagged: [String] = []
        for sample in samples {
            let result = redactor.redactReporting(sample.text)
            if !result.counts.isEmpty { flagged.append("\(sample.text) → \(result.text)") }
        }
        let rate = Double(flagged.count) / Double(samples.count)
        #expect(rate < 0.01, "false-positive rate \(rate): \(flagged.prefix(20).joined(separator: "\n"))")
    }

    @Test("text around the values is kept byte for byte")
    func contextPreserved() {
        for sample in RedactionCorpus.personalDataSamples(count: 500, seed: 3) {
            let result = redactor.redact(sample.text)
            // Rebuild the expected text from the truth spans: placeholders where values were.
            var expected: [UInt8] = []
            let bytes = Array(sample.text.utf8)
            var copied = 0
            for span in sample.truth.sorted(by: { $0.utf8Offsets.lowerBound < $1.utf8Offsets.lowerBound }) {
                expected += bytes[copied ..< span.utf8Offsets.lowerBound]
                expected += Array("[\(span.kind.label)]".utf8)
                copied = span.utf8Offsets.upperBound
            }
            expected += bytes[copied...]
            #expect(result == String(decoding: expected, as: UTF8.self))
        }
    }

    @Test("redacting a redacted corpus sentence changes nothing, in both modes")
    func idempotentOnCorpus() {
        let samples = RedactionCorpus.personalDataSamples(count: 1000, seed: 13) + RedactionCorpus.lookAlikeSamples(count: 500, seed: 13)
        for mode in [RedactionMode.mask, .hash] {
            let redactor = Redactor(mode: mode, salt: "corpus")
            for sample in samples {
                let once = redactor.redact(sample.text)
                #expect(redactor.redact(once) == once)
            }
        }
    }

    @Test("the corpus is deterministic and plants every kind in English and Chinese")
    func corpusShape() {
        let a = RedactionCorpus.personalDataSamples(count: 300, seed: 5)
        let b = RedactionCorpus.personalDataSamples(count: 300, seed: 5)
        #expect(a.map(\.text) == b.map(\.text))
        let kinds = Set(a.flatMap { $0.truth.map(\.kind) })
        #expect(kinds == Set(PIIKind.allCases))
        #expect(a.contains { $0.text.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } })
        #expect(a.contains { $0.text.hasPrefix("my ") || $0.text.hasPrefix("call ") })
        for sample in a {
            for span in sample.truth {
                let bytes = Array(sample.text.utf8)[span.utf8Offsets]
                #expect(String(decoding: bytes, as: UTF8.self) == span.value)
            }
        }
    }
}
