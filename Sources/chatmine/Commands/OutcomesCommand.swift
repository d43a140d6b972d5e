import ChatMine
import Foundation

/// `chatmine outcomes`: each conversation's outcome and what decided it.
struct OutcomesCommand: Command {
    static let spec = CommandSpec(
        name: "outcomes",
        abstract: "List conversations with their outcome and the reason for it.",
        discussion: "Refreshes the stored outcomes first, like 'chatmine metrics'. Rules: docs/KPIS.md.",
        options: [
            .option("db", value: "path", help: "The store (default $CHATMINE_DB, else ./chatmine.sqlite)."),
            .option("since", value: "date", help: "First day (YYYY-MM-DD, local) or instant (ISO-8601), inclusive."),
            .option("until", value: "date", help: "End day or instant, exclusive."),
            .option("tz", value: "Area/City", help: "Time zone of --since/--until dates (default UTC)."),
            .option("outcome", value: "outcome", help: "Only resolved, escalated, abandoned or unengaged."),
            .option("conversation", value: "id", help: "Only this conversation (its id in the logs)."),
            .option("limit", value: "N", help: "At most N conversations."),
            .option("rules", value: "file", help: "Outcome rules (JSON); 'default' for the built-in ones."),
            .option("format", value: "format", help: "table (default), csv or json."),
            .flag("quiet", short: "q", help: "Say nothing on stderr."),
        ]
    )

    let databasePath: String
    let since: String?
    let until: String?
    let zoneName: String
    let outcome: Outcome?
    let conversation: String?
    let limit: Int?
    let rulesPath: String?
    let format: MetricsFormat
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        databasePath = arguments.value("db") ?? ProcessInfo.processInfo.environment["CHATMINE_DB"] ?? "chatmine.sqlite"
        since = arguments.value("since")
        until = arguments.value("until")
        zoneName = arguments.value("tz") ?? "UTC"
        outcome = try arguments.choice("outcome", Outcome.allCases.map(\.rawValue)).flatMap(Outcome.init(rawValue:))
        conversation = arguments.value("conversation")
        limit = try arguments.int("limit")
        rulesPath = arguments.value("rules")
        format = try arguments.choice("format", MetricsFormat.allCases.map(\.rawValue)).flatMap(MetricsFormat.init(rawValue:)) ?? .table
        quiet = arguments.flag("quiet")
        if let limit, limit < 0 { throw UsageError("Invalid value '\(limit)' for '--limit': expected a count of 0 or more") }
        guard TimeZone(identifier: zoneName) != nil else {
            throw UsageError("Unknown time zone '\(zoneName)' for '--tz': use an IANA name such as Europe/Berlin")
        }
    }

    func run() throws -> Int32 {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw ChatMineError("no store at \(databasePath)", hint: "ingest logs first ('chatmine ingest FILE'), or point --db or $CHATMINE_DB at the store")
        }
        let zone = try LocalTime(identifier: zoneName)
        let db = try Database(path: databasePath)
        let rules = try OutcomeEngine.resolveRules(db: db, path: rulesPath)
        let summary = try OutcomeEngine.refresh(db: db, rules: rules, timeZones: [zone])
        if !quiet, summary.recomputedConversations > 0 || summary.rulesChanged { Terminal.error(summary.message) }
        let listings = try OutcomeLister.list(db: db, rules: rules, since: try CommonOptions.instant(since, option: "since", zone: zone), until: try CommonOptions.instant(until, option: "until", zone: zone),
                                              outcome: outcome, conversation: conversation, limit: limit)
        if let conversation, listings.isEmpty {
            throw ChatMineError("no conversation '\(conversation)' in \(databasePath)", hint: "use the conversation id as it appears in the logs")
        }
        print(OutcomeListingFormatter.render(listings, as: format, zone: zone, rulesVersion: rules.version, rulesHash: try rules.hash()), terminator: "")
        return 0
    }
}
