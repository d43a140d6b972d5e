import ChatMine
import Foundation

/// `chatmine score`: sentiment for every turn not yet scored, and per-conversation summaries.
struct ScoreCommand: Command {
    static let spec = CommandSpec(
        name: "score",
        abstract: "Score the sentiment of every message not yet scored.",
        discussion: """
        Each turn gets a score in [-1, 1] and a label (negative, neutral, positive). Every \
        conversation with new scores gets the mean of its user turns, the first-to-last change, \
        the minimum, and a frustration flag with its reasons (rephrasing, human, anger, \
        profanity, shouting). Only turns without a score are scored unless --rescore is given.
        """,
        options: [
            .option("db", value: "path", help: "The database (default: $CHATMINE_DB, else ./chatmine.sqlite)."),
            .option("lexicon", value: "file", help: "A lexicon in VADER's format (token<TAB>mean)."),
            .option("lexicon-mode", value: "mode", help: "extend (default) or replace the built-in lexicon."),
            .flag("rescore", help: "Drop every stored score and score all turns again."),
            .flag("quiet", short: "q", help: "Print nothing on success."),
        ]
    )

    let databasePath: String
    let lexiconPath: String?
    let lexiconMode: SentimentLexicon.Mode
    let rescore: Bool
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        databasePath = arguments.value("db") ?? ProcessInfo.processInfo.environment["CHATMINE_DB"] ?? "chatmine.sqlite"
        lexiconPath = arguments.value("lexicon")
        let mode = try arguments.choice("lexicon-mode", SentimentLexicon.Mode.allCases.map(\.rawValue)) ?? "extend"
        lexiconMode = SentimentLexicon.Mode(rawValue: mode) ?? .extend
        if lexiconPath == nil, arguments.value("lexicon-mode") != nil {
            throw UsageError("'--lexicon-mode' needs '--lexicon <file>'")
        }
        rescore = arguments.flag("rescore")
        quiet = arguments.flag("quiet")
    }

    func run() throws -> Int32 {
        let scorer = SentimentScorer(lexicon: try SentimentLexicon.load(path: lexiconPath, mode: lexiconMode))
        let database = try Database(path: databasePath)
        let summary = try StageRun.record(database, command: "score", counts: { [("turns", $0.turnsScored), ("conversations", $0.conversationsUpdated)] }) { try SentimentStore(database: database, scorer: scorer).run(rescore: rescore) }
        if let previous = summary.previousLexiconVersion {
            Terminal.error("Warning: earlier scores were made with lexicon \(previous), new ones with \(summary.lexiconVersion); run 'chatmine score --rescore' to make them comparable.")
        }
        if !quiet {
            print("Scored \(summary.turnsScored) turns, updated \(summary.conversationsUpdated) conversations in \(String(format: "%.2f", summary.seconds)) s (lexicon \(summary.lexiconVersion)).")
        }
        return 0
    }
}
