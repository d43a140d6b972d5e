import ChatMine
import Foundation

/// `chatmine sentiment [FILE]`: the score and label of every line of a text file or stdin.
struct SentimentCommand: Command {
    static let spec = CommandSpec(
        name: "sentiment",
        abstract: "Score the sentiment of each line of a text file, stdin, or --text.",
        discussion: "Prints score<TAB>label per line (score in [-1, 1]; label negative, neutral or positive), in input order.",
        arguments: [ArgumentSpec("file", help: "A UTF-8 text file, one message per line ('-' or nothing for stdin).", optional: true)],
        options: [
            .option("text", short: "t", value: "message", help: "Score this message instead of a file (repeatable).", repeatable: true),
            .flag("with-text", help: "Append the message after the label."),
            .flag("explain", help: "After each score, list the words that counted and their weights."),
            .option("lexicon", value: "file", help: "A lexicon in VADER's format (token<TAB>mean)."),
            .option("lexicon-mode", value: "mode", help: "extend (default) or replace the built-in lexicon."),
        ]
    )

    let file: String
    let texts: [String]
    let withText: Bool
    let explain: Bool
    let lexiconPath: String?
    let lexiconMode: SentimentLexicon.Mode

    init(_ arguments: ParsedArguments) throws {
        file = arguments.positionals.first ?? "-"
        texts = arguments.all("text")
        if !texts.isEmpty, !arguments.positionals.isEmpty {
            throw UsageError("Give either a file or --text, not both")
        }
        withText = arguments.flag("with-text")
        explain = arguments.flag("explain")
        lexiconPath = arguments.value("lexicon")
        let mode = try arguments.choice("lexicon-mode", SentimentLexicon.Mode.allCases.map(\.rawValue)) ?? "extend"
        lexiconMode = SentimentLexicon.Mode(rawValue: mode) ?? .extend
        if lexiconPath == nil, arguments.value("lexicon-mode") != nil {
            throw UsageError("'--lexicon-mode' needs '--lexicon <file>'")
        }
    }

    func run() throws -> Int32 {
        let scorer = SentimentScorer(lexicon: try SentimentLexicon.load(path: lexiconPath, mode: lexiconMode))
        let input: [UInt8]
        if !texts.isEmpty {
            input = Array(texts.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n").utf8)
        } else if file == "-" {
            input = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ChatMineError("cannot read \(file)", hint: "check the path; use '-' for stdin")
            }
            input = [UInt8](data)
        }
        if explain {
            for line in String(decoding: input, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                let (score, parts) = scorer.explain(String(line))
                let words = parts.map { "\($0.text)=\(String(format: "%+.2f", $0.weight))" }.joined(separator: " ")
                print(String(format: "%.4f\t", score) + SentimentLabel(score: score).rawValue + "\t" + words)
            }
            return 0
        }
        let output = LineScoring.run(input, scorer: scorer, layout: withText ? .scoresAndText : .scores)
        FileHandle.standardOutput.write(Data(output))
        return 0
    }
}
