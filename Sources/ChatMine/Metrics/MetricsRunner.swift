import Foundation

/// How `chatmine metrics` groups conversations (by the conversation's start, in the chosen zone).
public enum MetricsGrouping: String, Sendable, CaseIterable, Codable {
    /// One group, "all".
    case all
    /// Local day, "YYYY-MM-DD".
    case day
    /// ISO week, "YYYY-Www".
    case week
    /// Local hour of day, "00"…"23".
    case hour
    /// Local hour of week, "1 Mon 09".
    case weekhour
    /// The conversation's channel.
    case channel
    /// The conversation's intent (its first understood user intent).
    case intent
}

/// What to compute: a window of conversation start times, a grouping, a zone and the queries.
public struct MetricsRequest: Sendable {
    /// Inclusive start, epoch ms UTC; nil for the beginning of the store.
    public var since: Int64?
    /// Exclusive end, epoch ms UTC; nil for the end of the store.
    public var until: Int64?
    /// The grouping.
    public var grouping: MetricsGrouping
    /// The zone of days, weeks and hours.
    public var zone: LocalTime
    /// The KPI queries to run.
    public var queries: [KPIQuery]
    /// Only these KPIs (a name also selects its per-API variants "name[…]"); empty for all.
    public var kpis: [String]

    /// Creates a request.
    public init(since: Int64? = nil, until: Int64? = nil, grouping: MetricsGrouping = .all, zone: LocalTime = .utc, queries: [KPIQuery] = KPIQuery.builtIn(), kpis: [String] = []) {
        self.since = since; self.until = until; self.grouping = grouping; self.zone = zone; self.queries = queries; self.kpis = kpis
    }

    /// Whether the request asks for this KPI.
    func wants(_ kpi: String) -> Bool {
        kpis.isEmpty || kpis.contains { kpi == $0 || kpi.hasPrefix($0 + "[") }
    }
}

/// The KPIs of one request, with what is needed to trace them.
public struct MetricsResult: Sendable {
    /// The rows, grouped, in query order within a group.
    public var rows: [KPIRow]
    /// Queries skipped, with the reason ("sentiment.sql: needs table conversation_sentiment").
    public var skipped: [String]
    /// Conversations in the window.
    public var conversations: Int
    /// The rule set's version.
    public var rulesVersion: String
    /// The rule set's hash.
    public var rulesHash: String
    /// The request.
    public var request: MetricsRequest
    /// What the refresh before the queries did.
    public var refresh: RefreshSummary
    /// The query file each KPI name came from.
    public var queryOfKPI: [String: String] = [:]
}

/// Runs KPI queries over the conversations of a window.
///
/// The queries see two temporary tables: `metric_scope(conversation_id, grp)`, the
/// conversations in the window with their group key, and `metric_params(name, value)`, the
/// numeric rules (thresholds, windows, costs). Everything else they read from the store.
public enum MetricsRunner {
    /// Refreshes outcomes, then runs every query of the request.
    public static func run(db: Database, rules: OutcomeRules, request: MetricsRequest) throws -> MetricsResult {
        let summary = try OutcomeEngine.refresh(db: db, rules: rules, timeZones: [request.zone])
        return try query(db: db, rules: rules, request: request, refresh: summary)
    }

    /// Runs the queries over already refreshed outcomes.
    static func query(db: Database, rules: OutcomeRules, request: MetricsRequest, refresh: RefreshSummary) throws -> MetricsResult {
        defer { try? db.execute("DROP TABLE IF EXISTS temp.metric_scope; DROP TABLE IF EXISTS temp.metric_params") }
        let conversations = try buildScope(db: db, request: request)
        try buildParameters(db: db, rules: rules)
        var rows: [KPIRow] = []
        var skipped: [String] = []
        var queryOfKPI: [String: String] = [:]
        for query in request.queries {
            if let missing = try query.requiredTables.first(where: { try !tableExists(db, $0) }) {
                skipped.append("\(query.name): needs table \(missing)")
                continue
            }
            let queryRows = try run(query, db: db).filter { request.wants($0.kpi) }
            for row in queryRows where queryOfKPI[row.kpi] == nil { queryOfKPI[row.kpi] = query.name }
            rows += queryRows
        }
        let order = Dictionary(rows.enumerated().map { ($0.element.kpi, $0.offset) }, uniquingKeysWith: { first, _ in first })
        rows.sort { ($0.group, order[$0.kpi] ?? 0) < ($1.group, order[$1.kpi] ?? 0) }
        return MetricsResult(rows: rows, skipped: skipped, conversations: conversations, rulesVersion: rules.version,
                             rulesHash: try rules.hash(), request: request, refresh: refresh, queryOfKPI: queryOfKPI)
    }

    private static func run(_ query: KPIQuery, db: Database) throws -> [KPIRow] {
        let statement: Statement
        do {
            statement = try db.prepare(query.sql)
        } catch {
            throw ChatMineError("the KPI query \(query.name) does not compile: \(error)", hint: "fix the SQL; queries/README.md lists the tables and columns it may use")
        }
        let columns = statement.columnNames.map { $0.lowercased() }
        for required in ["grp", "kpi", "numerator", "denominator"] where !columns.contains(required) {
            throw ChatMineError("the KPI query \(query.name) returns no column '\(required)'", hint: "every KPI query returns grp, kpi, kind, numerator, denominator, value (see queries/README.md)")
        }
        func column(_ row: Row, _ name: String) -> DatabaseValue {
            columns.firstIndex(of: name).map { row[$0] } ?? .null
        }
        var result: [KPIRow] = []
        do {
            try statement.forEachRow { row in
                let group = text(column(row, "grp")) ?? "(none)"
                let kpi = text(column(row, "kpi")) ?? "(unnamed)"
                let kind = text(column(row, "kind")) ?? "rate"
                result.append(KPIRow(group: group, kpi: kpi, kind: kind, numerator: column(row, "numerator").double,
                                     denominator: column(row, "denominator").double, value: column(row, "value").double))
            }
        } catch {
            throw ChatMineError("the KPI query \(query.name) failed: \(error)", hint: "fix the SQL; queries/README.md lists the tables and columns it may use")
        }
        return result
    }

    private static func text(_ value: DatabaseValue) -> String? {
        switch value {
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .real(let number): return String(number)
        default: return nil
        }
    }

    /// Fills `metric_scope` with the conversations in the window and their group keys.
    private static func buildScope(db: Database, request: MetricsRequest) throws -> Int {
        try db.execute("DROP TABLE IF EXISTS temp.metric_scope; CREATE TEMP TABLE metric_scope (conversation_id INTEGER PRIMARY KEY, grp TEXT NOT NULL)")
        var conditions: [String] = []
        var arguments: [DatabaseValueConvertible] = []
        if let since = request.since { conditions.append("started_at >= ?"); arguments.append(since) }
        if let until = request.until { conditions.append("started_at < ?"); arguments.append(until) }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let insert = try db.prepare("INSERT INTO metric_scope (conversation_id, grp) VALUES (?, ?)")
        var count = 0
        let zone = request.zone
        try db.prepare("SELECT conversation_id, started_at, channel, intent FROM outcomes \(filter)").forEachRow(arguments) { row in
            let start = row[1].int64
            let group: String
            switch request.grouping {
            case .all: group = "all"
            case .day: group = start.map(zone.dayKey) ?? "(no time)"
            case .week: group = start.map(zone.weekKey) ?? "(no time)"
            case .hour: group = start.map(zone.hourKey) ?? "(no time)"
            case .weekhour: group = start.map(zone.weekHourKey) ?? "(no time)"
            case .channel: group = row[2].string.flatMap { $0.isEmpty ? nil : $0 } ?? "(none)"
            case .intent: group = row[3].string.flatMap { $0.isEmpty ? nil : $0 } ?? "(none)"
            }
            try insert.execute([row[0], group])
            count += 1
        }
        return count
    }

    /// Fills `metric_params` with the rules' numbers the queries use.
    private static func buildParameters(db: Database, rules: OutcomeRules) throws {
        try db.execute("DROP TABLE IF EXISTS temp.metric_params; CREATE TEMP TABLE metric_params (name TEXT PRIMARY KEY, value REAL NOT NULL)")
        let parameters: [(String, Double)] = [
            ("confidence_threshold", rules.confidenceThreshold),
            ("csat_scale_max", rules.csat.scaleMax),
            ("csat_resolved_min", rules.csat.resolvedMin),
            ("deflection_window_ms", Double(rules.returnWindows.deflectionMilliseconds)),
            ("durable_window_ms", Double(rules.returnWindows.durableMilliseconds)),
            ("api_failure_escalation_turns", Double(rules.apiFailureEscalationTurns)),
            ("cost_human_conversation", rules.costs.humanConversation),
            ("cost_bot_conversation", rules.costs.botConversation),
        ]
        let insert = try db.prepare("INSERT INTO metric_params (name, value) VALUES (?, ?)")
        for (name, value) in parameters { try insert.execute([name, value]) }
    }

    /// Whether a table or view of that name exists (main or temp schema).
    static func tableExists(_ db: Database, _ name: String) throws -> Bool {
        try db.count("SELECT COUNT(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", [name]) > 0
            || db.count("SELECT COUNT(*) FROM sqlite_temp_master WHERE type IN ('table', 'view') AND name = ?", [name]) > 0
    }
}
