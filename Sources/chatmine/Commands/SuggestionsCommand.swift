import ChatMine

/// `chatmine suggestions list`: suggested intents with their review state.
struct SuggestionsListCommand: Command {
    static let spec = CommandSpec(
        name: "suggestions list",
        abstract: "List suggested intents, undecided first, best gain first.",
        options: [
            CommonOptions.db,
            .option("status", value: "status", help: "Only pending, accepted, rejected or merged suggestions."),
            .flag("all", help: "Include clusters that are gone and were never decided."),
            CommonOptions.format(["table", "csv", "json"]),
        ]
    )

    let databasePath: String?
    let status: String?
    let all: Bool
    let format: String

    init(_ arguments: ParsedArguments) throws {
        databasePath = arguments.value("db")
        status = try arguments.choice("status", ["pending", "accepted", "rejected", "merged"])
        all = arguments.flag("all")
        format = try arguments.choice("format", ["table", "csv", "json"]) ?? "table"
    }

    func run() throws -> Int32 {
        let review = SuggestionReview(db: try StoreLocation.openExisting(databasePath))
        print(SuggestionFormatter.list(try review.list(status: status, includeGone: all), format: format), terminator: "")
        return 0
    }
}

/// `chatmine suggestions show ID`.
struct SuggestionsShowCommand: Command {
    static let spec = CommandSpec(
        name: "suggestions show",
        abstract: "Show one suggested intent: phrases, utterances, nearest intent, decisions.",
        arguments: [ArgumentSpec("id", help: "The lineage id, e.g. C00042 (or 42).")],
        options: [CommonOptions.db, CommonOptions.format(["text", "json"])]
    )

    let databasePath: String?
    let id: String
    let format: String

    init(_ arguments: ParsedArguments) throws {
        databasePath = arguments.value("db")
        id = arguments.positionals[0]
        format = try arguments.choice("format", ["text", "json"]) ?? "text"
    }

    func run() throws -> Int32 {
        let review = SuggestionReview(db: try StoreLocation.openExisting(databasePath))
        let record = try review.find(id)
        if format == "json" {
            print(SuggestionFormatter.json(record))
        } else {
            print(SuggestionFormatter.show(record, members: try review.members(id), history: try review.history(id)), terminator: "")
        }
        return 0
    }
}

/// `chatmine suggestions accept ID [--as NAME]`.
struct SuggestionsAcceptCommand: Command {
    static let spec = CommandSpec(
        name: "suggestions accept",
        abstract: "Accept a suggestion as a new intent (exported by 'chatmine export training').",
        arguments: [ArgumentSpec("id", help: "The lineage id, e.g. C00042.")],
        options: [CommonOptions.db, .option("as", value: "name", help: "The intent's name (default: the suggestion's name)."), CommonOptions.quiet]
    )

    let databasePath: String?
    let id: String
    let name: String?
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        databasePath = arguments.value("db")
        id = arguments.positionals[0]
        name = try arguments.value("as").map(validName)
        quiet = arguments.flag("quiet")
    }

    func run() throws -> Int32 {
        let record = try SuggestionReview(db: try StoreLocation.openExisting(databasePath)).accept(id, as: name)
        if !quiet { print("\(record.lineageID) accepted as \(record.displayName)") }
        return 0
    }
}

/// `chatmine suggestions reject ID [--reason TEXT]`.
struct SuggestionsRejectCommand: Command {
    static let spec = CommandSpec(
        name: "suggestions reject",
        abstract: "Reject a suggestion; it stays rejected when clustering finds it again.",
        arguments: [ArgumentSpec("id", help: "The lineage id, e.g. C00042.")],
        options: [CommonOptions.db, .option("reason", value: "text", help: "Why (shown in the report)."), CommonOptions.quiet]
    )

    let databasePath: String?
    let id: String
    let reason: String?
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        databasePath = arguments.value("db")
        id = arguments.positionals[0]
        reason = arguments.value("reason")
        quiet = arguments.flag("quiet")
    }

    func run() throws -> Int32 {
        let record = try SuggestionReview(db: try StoreLocation.openExisting(databasePath)).reject(id, reason: reason)
        if !quiet { print("\(record.lineageID) rejected" + (record.reason.map { ": \($0)" } ?? "")) }
        return 0
    }
}

/// `chatmine suggestions rename ID NAME`.
struct SuggestionsRenameCommand: Command {
    static let spec = CommandSpec(
        name: "suggestions rename",
        abstract: "Give a suggestion a better name (keeps its status).",
        arguments: [ArgumentSpec("id", help: "The lineage id, e.g. C00042."), ArgumentSpec("name", help: "The new intent name.")],
        options: [CommonOptions.db, CommonOptions.quiet]
    )

    let databasePath: String?
    let id: String
    let name: String
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        databasePath = arguments.value("db")
        id = arguments.positionals[0]
        name = try validName(arguments.positionals[1])
        quiet = arguments.flag("quiet")
    }

    func run() throws -> Int32 {
        let record = try SuggestionReview(db: try StoreLocation.openExisting(databasePath)).rename(id, to: name)
        if !quiet { print("\(record.lineageID) renamed to \(record.displayName) (\(record.status))") }
        return 0
    }
}

/// `chatmine suggestions merge ID --into INTENT`.
struct SuggestionsMergeCommand: Command {
    static let spec = CommandSpec(
        name: "suggestions merge",
        abstract: "Merge a suggestion's phrases into an existing intent.",
        arguments: [ArgumentSpec("id", help: "The lineage id, e.g. C00042.")],
        options: [CommonOptions.db, .option("into", value: "intent", help: "The existing intent (required)."), CommonOptions.quiet]
    )

    let databasePath: String?
    let id: String
    let intent: String
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        databasePath = arguments.value("db")
        id = arguments.positionals[0]
        guard let intent = arguments.value("into") else { throw UsageError("Missing '--into <intent>': the intent to merge into") }
        self.intent = try validName(intent)
        quiet = arguments.flag("quiet")
    }

    func run() throws -> Int32 {
        let record = try SuggestionReview(db: try StoreLocation.openExisting(databasePath)).merge(id, into: intent)
        if !quiet { print("\(record.lineageID) merged into \(record.mergedInto ?? intent)") }
        return 0
    }
}

/// An intent name from the command line, or a usage error saying what a name may hold.
private func validName(_ name: String) throws -> String {
    do {
        return try SuggestionReview.validIntentName(name)
    } catch let error as ChatMineError {
        throw UsageError("\(error.message): \(error.hint ?? "")")
    }
}
