/// Renders training examples as Rasa `nlu.yml`, CSV or JSONL.
enum TrainingWriters {
    /// The examples in `format`, intents by name, phrases most frequent first.
    static func render(_ examples: [TrainingExample], as format: TrainingFormat) -> String {
        let ordered = examples.sorted { ($0.intent, -$0.count, $0.text) < ($1.intent, -$1.count, $1.text) }
        switch format {
        case .rasa: return rasa(ordered)
        case .csv:
            var writer = CSVWriter(header: ["text", "intent"])
            for example in ordered { writer.append([example.text, example.intent]) }
            return writer.text
        case .jsonl:
            return ordered.map { e in
                "{\"text\":\(JSONText.string(e.text)),\"intent\":\(JSONText.string(e.intent)),\"source\":\(JSONText.string(e.source)),\"count\":\(e.count)}\n"
            }.joined()
        }
    }

    /// Rasa 3 NLU training data: `version: "3.1"`, then `- intent:` with a literal `examples: |` block.
    static func rasa(_ ordered: [TrainingExample]) -> String {
        var text = "version: \"3.1\"\nnlu:\n"
        var current: String?
        for example in ordered {
            if example.intent != current {
                current = example.intent
                text += "- intent: \(yamlScalar(example.intent))\n  examples: |\n"
            }
            text += "    - \(rasaExample(example.text))\n"
        }
        if current == nil { text = "version: \"3.1\"\nnlu: []\n" }
        return text
    }

    /// A phrase safe in a Rasa examples block: `](`, `]{` and `][` would read as entity
    /// annotations, so a space separates them; nothing else changes (placeholders stay).
    static func rasaExample(_ text: String) -> String {
        var output = ""
        var previous: Character?
        for character in text {
            if previous == "]", character == "(" || character == "{" || character == "[" { output.append(" ") }
            output.append(character)
            previous = character
        }
        return output
    }

    /// An intent name as a YAML scalar: plain when unambiguous, otherwise double-quoted.
    static func yamlScalar(_ value: String) -> String {
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]
        let plain = !value.isEmpty && !reserved.contains(value.lowercased())
            && value.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "-" || $0 == "." }
            && value.unicodeScalars.first.map { $0.properties.isAlphabetic || $0 == "_" } == true
        if plain { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f { quoted += String(format: "\\x%02X", scalar.value) } else { quoted.unicodeScalars.append(scalar) }
            }
        }
        return quoted + "\""
    }
}

import Foundation
