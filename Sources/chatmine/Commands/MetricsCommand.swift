import ChatMine
import Foundation

/// `chatmine metrics`: refreshes outcomes, then prints the KPIs of a window.
struct MetricsCommand: Command {
    static let spec = CommandSpec(
        name: "metrics",
        abstract: "Compute outcome KPIs (containment, resolution, deflection, fallback, CSAT, …).",
        discussion: """
        Brings the stored outcomes up to date (only conversations that changed are recomputed),
        then runs the KPI queries over the conversations that started in the window. Every rate
        carries its numerator, denominator, a 95% Wilson interval and a flag when the denominator
        is under 30. Definitions: docs/KPIS.md; the SQL: 'chatmine metrics --show-queries'.
        """,
        options: [
            .option("db", value: "path", help: "The store (default $CHATMINE_DB, else ./chatmine.sqlite)."),
            .option("since", value: "date", help: "First day (YYYY-MM-DD, local) or instant (ISO-8601), inclusive."),
            .option("until", value: "date", help: "End day or instant, exclusive."),
            .option("by", value: "grouping", help: "all (default), day, week, hour, weekhour, channel or intent."),
            .option("format", value: "format", help: "table (default), csv or json."),
            .option("rules", value: "file", help: "Outcome rules (JSON); 'default' for the built-in ones. Default: the rules last used on this store."),
            .option("tz", value: "Area/City", help: "Time zone of days, weeks and hours (default UTC)."),
            .option("queries", value: "dir", help: "Run the .sql files of this folder instead of the built-in queries."),
            .option("kpis", value: "list", help: "Only these KPIs, comma-separated (e.g. containment_rate,fallback_rate)."),
            .flag("wide", help: "Table with one line per group and a column per KPI (default: the per-intent KPIs)."),
            .flag("show-rules", help: "Print the effective rules as JSON and exit."),
            .flag("show-queries", help: "Print the built-in KPI queries and exit."),
            .flag("quiet", short: "q", help: "Say nothing on stderr."),
        ]
    )

    let databasePath: String
    let sinceText: String?
    let untilText: String?
    let grouping: MetricsGrouping
    let format: MetricsFormat
    let rulesPath: String?
    let zoneName: String
    let queriesPath: String?
    let kpis: [String]
    let showRules: Bool
    let wide: Bool
    let showQueries: Bool
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        databasePath = arguments.value("db") ?? ProcessInfo.processInfo.environment["CHATMINE_DB"] ?? "chatmine.sqlite"
        sinceText = arguments.value("since")
        untilText = arguments.value("until")
        grouping = try arguments.choice("by", MetricsGrouping.allCases.map(\.rawValue)).flatMap(MetricsGrouping.init(rawValue:)) ?? .all
        format = try arguments.choice("format", MetricsFormat.allCases.map(\.rawValue)).flatMap(MetricsFormat.init(rawValue:)) ?? .table
        rulesPath = arguments.value("rules")
        zoneName = arguments.value("tz") ?? "UTC"
        queriesPath = arguments.value("queries")
        kpis = (arguments.value("kpis") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        showRules = arguments.flag("show-rules")
        wide = arguments.flag("wide")
        showQueries = arguments.flag("show-queries")
        quiet = arguments.flag("quiet")
        guard TimeZone(identifier: zoneName) != nil else {
            throw UsageError("Unknown time zone '\(zoneName)' for '--tz': use an IANA name such as Europe/Berlin")
        }
    }

    func run() throws -> Int32 {
        if showQueries {
            for query in KPIQuery.builtIn() { print("-- queries/\(query.name)\n\(query.sql)") }
            return 0
        }
        if showRules, rulesPath != nil || !FileManager.default.fileExists(atPath: databasePath) {
            print(try (rulesPath.map { $0 == "default" ? .default : try OutcomeRules.load(path: $0) } ?? .default).canonicalJSON())
            return 0
        }
        let zone = try LocalTime(identifier: zoneName)
        let since = try CommonOptions.instant(sinceText, option: "since", zone: zone)
        let until = try CommonOptions.instant(untilText, option: "until", zone: zone)
        if let since, let until, until <= since {
            throw UsageError("--until (\(untilText ?? "")) must be after --since (\(sinceText ?? "")); --until is exclusive")
        }
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw ChatMineError("no store at \(databasePath)", hint: "ingest logs first ('chatmine ingest FILE'), or point --db or $CHATMINE_DB at the store")
        }
        let queries = try queriesPath.map(KPIQuery.directory) ?? KPIQuery.builtIn()
        let db = try Database(path: databasePath)
        let rules = try OutcomeEngine.resolveRules(db: db, path: rulesPath)
        if showRules {
            print(try rules.canonicalJSON())
            return 0
        }
        let request = MetricsRequest(since: since, until: until, grouping: grouping, zone: zone, queries: queries,
                                     kpis: kpis.isEmpty && wide && format == .table ? MetricsFormatter.wideDefaults : kpis)
        let result = try StageRun.record(db, command: "metrics", counts: { [("conversations", $0.refresh.recomputedConversations), ("days", $0.refresh.recomputedDays)] }) { try MetricsRunner.run(db: db, rules: rules, request: request) }
        if !quiet, result.refresh.recomputedConversations > 0 || result.refresh.rulesChanged {
            Terminal.error(result.refresh.message)
        }
        print(MetricsFormatter.render(result, as: format, wide: wide), terminator: "")
        return 0
    }
}
