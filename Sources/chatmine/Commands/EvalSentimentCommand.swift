import ChatMine
import Foundation

/// `chatmine eval sentiment FILE`: agreement of the scorer with human sentiment labels.
struct EvalSentimentCommand: Command {
    static let spec = CommandSpec(
        name: "eval sentiment",
        abstract: "Measure sentiment scores against human ratings.",
        discussion: """
        FILE is VADER's ground-truth TSV (id<TAB>mean<TAB>text, no header) or a CSV with a \
        header. Numeric ratings give Pearson r; macro-F1 and accuracy compare classes by sign \
        (ratings of exactly 0 left out, a score >= 0 counts as positive). 0/1 labels give \
        macro-F1 and accuracy.
        """,
        arguments: [ArgumentSpec("file", help: "The labelled texts ('-' for stdin).")],
        options: [
            .option("text-column", value: "name", help: "CSV column holding the text (default: text, review, sentence, ...)."),
            .option("label-column", value: "name", help: "CSV column holding the label (default: label, sentiment, ...)."),
            .option("lexicon", value: "file", help: "A lexicon in VADER's format (token<TAB>mean)."),
            .option("lexicon-mode", value: "mode", help: "extend (default) or replace the built-in lexicon."),
            .option("neutral", value: "value", help: "Numeric labels above it are positive, below negative (default 0; e.g. 3 for 1-5 stars)."),
            .option("errors", value: "n", help: "Also list the n texts whose score is furthest from their label."),
            .option("format", value: "format", help: "table (default) or json."),
        ]
    )

    let file: String
    let textColumn: String?
    let labelColumn: String?
    let lexiconPath: String?
    let lexiconMode: SentimentLexicon.Mode
    let errors: Int
    let json: Bool
    let neutral: Double

    init(_ arguments: ParsedArguments) throws {
        file = arguments.positionals[0]
        textColumn = arguments.value("text-column")
        labelColumn = arguments.value("label-column")
        lexiconPath = arguments.value("lexicon")
        let mode = try arguments.choice("lexicon-mode", SentimentLexicon.Mode.allCases.map(\.rawValue)) ?? "extend"
        lexiconMode = SentimentLexicon.Mode(rawValue: mode) ?? .extend
        if lexiconPath == nil, arguments.value("lexicon-mode") != nil {
            throw UsageError("'--lexicon-mode' needs '--lexicon <file>'")
        }
        errors = try arguments.int("errors") ?? 0
        if errors < 0 { throw UsageError("'--errors' must be 0 or more") }
        json = try arguments.choice("format", ["table", "json"]) == "json"
        neutral = try arguments.double("neutral") ?? 0
    }

    func run() throws -> Int32 {
        let (items, skipped) = try SentimentEvaluationFile.read(path: file, textColumn: textColumn, labelColumn: labelColumn)
        guard !items.isEmpty else {
            throw ChatMineError("\(file) holds no labelled texts", hint: "check the file and its columns")
        }
        let scorer = SentimentScorer(lexicon: try SentimentLexicon.load(path: lexiconPath, mode: lexiconMode))
        let scores = scorer.scores(items.map(\.text))
        let result = SentimentEvaluation(items: items, scores: scores, skipped: skipped, neutral: neutral)
        print(json ? jsonText(result) : table(result))
        if errors > 0 { printErrors(items, scores, truth: result.truth) }
        return 0
    }

    private func number(_ value: Double?) -> String {
        value.map { String(format: "%.4f", $0) } ?? "-"
    }

    private func table(_ result: SentimentEvaluation) -> String {
        """
        file       \(file)
        truth      \(result.truth.rawValue)
        n          \(result.count)\(result.skipped > 0 ? " (\(result.skipped) empty left out)" : "")
        pearson_r  \(number(result.pearson))
        classified \(result.classified)
        macro_f1   \(number(result.macroF1))
        accuracy   \(number(result.accuracy))
        """
    }

    private func jsonText(_ result: SentimentEvaluation) -> String {
        let escaped = file.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let pearson = result.pearson.map { String(format: "%.6f", $0) } ?? "null"
        return "{\"file\":\"\(escaped)\",\"truth\":\"\(result.truth.rawValue)\",\"n\":\(result.count),\"skipped\":\(result.skipped),"
            + "\"pearson_r\":\(pearson),\"classified\":\(result.classified),"
            + "\"macro_f1\":\(String(format: "%.6f", result.macroF1)),\"accuracy\":\(String(format: "%.6f", result.accuracy))}"
    }

    private func printErrors(_ items: [LabelledText], _ scores: [Double], truth: SentimentEvaluation.Truth) {
        let scaled = items.map { truth == .binary ? $0.truth * 2 - 1 : $0.truth / 4 }
        let order = scores.indices.sorted { abs(scaled[$0] - scores[$0]) > abs(scaled[$1] - scores[$1]) }
        for index in order.prefix(errors) {
            let text = items[index].text.replacingOccurrences(of: "\n", with: " ").prefix(160)
            print(String(format: "%+.3f\t%+.3f\t", items[index].truth, scores[index]) + text)
        }
    }
}
