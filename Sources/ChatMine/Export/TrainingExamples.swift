/// One training phrase for one intent, with where it came from and how often it was seen.
public struct TrainingExample: Sendable, Equatable {
    /// The phrase as exported: stored text with whitespace collapsed; redaction placeholders kept.
    public var text: String
    /// The intent it trains.
    public var intent: String
    /// "suggestion:C00042" or "traffic".
    public var source: String
    /// How many times the phrase (after folding) was seen for this intent.
    public var count: Int
}

/// Collects training phrases from the store: accepted and merged suggestions, and optionally
/// confidently labelled production utterances; folds duplicates.
struct TrainingExamples {
    let db: Database
    let options: ExportOptions

    /// Intent names that mean "not understood" (compared lower-case); the shared defaults.
    static let fallbackIntents: Set<String> = ["", "fallback", "nlu_fallback", "out_of_scope", "default_fallback",
                                               "default fallback intent", "none", "amazon.fallbackintent", "fallbackintent"]

    /// Whether an intent name means "not understood".
    static func isFallbackIntent(_ name: String) -> Bool {
        fallbackIntents.contains(name.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// Every raw (text, intent, source) before folding, suggestions first.
    func collect() throws -> (examples: [(text: String, intent: String, source: String)], suggestions: Int) {
        var raw: [(String, String, String)] = []
        var suggestions = 0
        for record in try SuggestionReview(db: db).list(includeGone: true) {
            guard let intent = record.trainedIntent else { continue }
            suggestions += 1
            let source = "suggestion:" + record.lineageID
            for phrase in record.phrases { raw.append((phrase, intent, source)) }
            try db.prepare("""
                SELECT t.text FROM suggestions s JOIN cluster_members m ON m.cluster_id = s.cluster_id
                JOIN turns t ON t.id = m.turn_id WHERE s.lineage_id = ? ORDER BY m.similarity DESC LIMIT ?
                """).forEachRow([record.lineageID, options.phrasesPerSuggestion]) { row in
                if let text = row[0].string { raw.append((text, intent, source)) }
            }
        }
        if options.includeTraffic {
            try db.prepare("""
                SELECT intent, text FROM (
                    SELECT trim(intent) AS intent, text,
                           ROW_NUMBER() OVER (PARTITION BY trim(intent) ORDER BY ts DESC, id DESC) AS position
                    FROM turns
                    WHERE role = 'user' AND confidence >= ? AND intent IS NOT NULL AND trim(intent) <> ''
                ) WHERE position <= ?
                """).forEachRow([options.minConfidence, options.trafficPerIntent]) { row in
                guard let intent = row[0].string, let text = row[1].string, !Self.isFallbackIntent(intent) else { return }
                raw.append((text, intent, "traffic"))
            }
        }
        return (raw.map { (text: $0.0, intent: $0.1, source: $0.2) }, suggestions)
    }

    /// Folds phrases equal after `foldKey` within an intent (counting them); the first surface
    /// form and source win. Returns the folded examples and how many duplicates were folded.
    static func fold(_ raw: [(text: String, intent: String, source: String)]) -> (examples: [TrainingExample], folded: Int) {
        var index: [String: Int] = [:]
        var examples: [TrainingExample] = []
        var folded = 0
        for item in raw {
            let text = clean(item.text)
            let key = foldKey(text)
            guard !key.isEmpty else { continue }
            let slot = item.intent + "\u{1}" + key
            if let existing = index[slot] {
                examples[existing].count += 1
                folded += 1
            } else {
                index[slot] = examples.count
                examples.append(TrainingExample(text: text, intent: item.intent, source: item.source, count: 1))
            }
        }
        return (examples, folded)
    }

    /// The phrase as exported: control characters dropped, whitespace runs (line breaks too) as
    /// one space, trimmed, and hashed placeholders (`[EMAIL:9f2c41ab]`) as their plain kind
    /// (`[EMAIL]`). Never anything that could bring a redacted value back.
    static func clean(_ text: String) -> String {
        var output = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{FEFF}" {
                pendingSpace = !output.isEmpty
                continue
            }
            if scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) { continue }
            if pendingSpace { output.append(" "); pendingSpace = false }
            output.unicodeScalars.append(scalar)
        }
        return plainPlaceholders(output)
    }

    /// `[KIND:hex8]` → `[KIND]`.
    static func plainPlaceholders(_ text: String) -> String {
        guard text.contains(":") else { return text }
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            output += rest[..<open]
            let tail = rest[open...]
            if let close = tail.firstIndex(of: "]"), let colon = tail[..<close].firstIndex(of: ":") {
                let label = tail[tail.index(after: open)..<colon]
                let hash = tail[tail.index(after: colon)..<close]
                if !label.isEmpty, label.allSatisfy({ ($0.isUppercase && $0.isASCII) || $0 == "_" || ($0.isNumber && $0.isASCII) }),
                   hash.count == 8, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) {
                    output += "[" + label + "]"
                    rest = tail[tail.index(after: close)...]
                    continue
                }
            }
            output.append("[")
            rest = tail.dropFirst()
        }
        return output + rest
    }

    /// The folding key: lower case, punctuation at the ends dropped, inner spaces single;
    /// placeholders compare equal whatever their case.
    static func foldKey(_ text: String) -> String {
        let lowered = text.lowercased()
        let trimmed = lowered.trimmingCharacters(in: CharacterSet.punctuationCharacters.union(.whitespaces).union(.symbols)
            .subtracting(CharacterSet(charactersIn: "[]")))
        return trimmed
    }
}

import Foundation
