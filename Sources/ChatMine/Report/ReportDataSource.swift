import Foundation

/// Reads everything the report shows from the store. KPIs come from the metrics engine
/// (`MetricsRunner`, the same queries as `chatmine metrics`); the other panels read the
/// tables of the stages that wrote them (sentiment, suggestions, ingest).
struct ReportDataSource {
    let db: Database
    let options: ReportOptions

    private static let day: Int64 = 86_400_000

    /// The query families of the per-day, per-intent and per-channel tables.
    static let breakdownFamilies = ["outcomes", "fallback", "csat", "sentiment"]
    /// The query families of the period the cards compare with.
    static let comparisonFamilies = ["outcomes", "fallback", "deflection", "csat", "sentiment"]

    func load() throws -> ReportData {
        let zone = options.zone
        let rules = try OutcomeEngine.resolveRules(db: db, path: options.rulesPath)
        let refresh = try OutcomeEngine.refresh(db: db, rules: rules, timeZones: [zone])
        let queries = KPIQuery.builtIn()
        let window = try self.window()
        let figures: ReportFigures
        if options.usesDayParts, let days = ReportDayCache.days(since: options.since, until: options.until, zone: zone) {
            // A window of whole days: added up from the per-day parts (computed once per day).
            let cache = ReportDayCache(db: db, zone: zone, rules: rules, refresh: refresh)
            figures = try ReportCachedFigures(db: db, cache: cache, window: window, options: options).figures(days: days) { since, until in
                try exactGroups(.all, since: since, until: until, rules: rules, refresh: refresh).groups.first ?? KPIGroup(key: "all", rows: [:])
            }
        } else {
            figures = try exactFigures(window: window, rules: rules, refresh: refresh)
        }
        let stores = ReportStoreReader(db: db, since: options.since, until: options.until)
        let apis = figures.total.rows.values.filter { $0.kpi.hasPrefix("api_failure_rate[") }
            .map { row -> APIFailures in
                let name = String(row.kpi.dropFirst("api_failure_rate[".count).dropLast())
                let failures = figures.afterFailure[name]
                return APIFailures(name: name, row: row, failedConversations: failures?.failedConversations ?? 0,
                                   escalatedAfterFailure: failures?.escalated ?? 0)
            }
            .sorted { ($0.escalatedAfterFailure, $0.row.numerator ?? 0, $1.name) > ($1.escalatedAfterFailure, $1.row.numerator ?? 0, $0.name) }
        return ReportData(
            title: options.title, generatedAt: ReportFormat.instant(Int64(options.now.timeIntervalSince1970 * 1000), zone: zone),
            database: (db.path as NSString).lastPathComponent, window: window,
            rulesVersion: rules.version, rulesHash: try rules.hash(), total: figures.total, comparison: figures.comparison,
            series: figures.series, seriesUnit: figures.weekly ? "week" : "day", outcomeMix: figures.outcomeMix,
            byIntent: figures.byIntent.sorted(by: Self.larger), byChannel: figures.byChannel.sorted(by: Self.larger),
            weekHours: figures.weekHours, apis: apis, sentiment: figures.sentiment,
            suggestions: try stores.suggestions(limit: options.suggestionLimit),
            suggestionCounts: try stores.suggestionCounts(), quality: try stores.quality(counts: figures.quality),
            skipped: figures.skipped, queryNames: queries.map(\.name))
    }

    /// The KPIs of one grouping over a period, conversation by conversation (the metrics engine).
    /// The whole window runs every query; other periods and groupings the families they show
    /// (latency and length medians are the costly ones on a large store).
    func exactGroups(_ grouping: MetricsGrouping, since: Int64?, until: Int64?, rules: OutcomeRules,
                     refresh: RefreshSummary) throws -> (groups: [KPIGroup], result: MetricsResult) {
        let queries = KPIQuery.builtIn()
        func families(_ names: [String]) -> [KPIQuery] { queries.filter { names.contains(String($0.name.dropLast(4))) } }
        let chosen: [KPIQuery]
        switch grouping {
        case .all: chosen = since == options.since && until == options.until ? queries : families(Self.comparisonFamilies)
        case .weekhour, .hour: chosen = families(["outcomes"])
        default: chosen = families(Self.breakdownFamilies)
        }
        let request = MetricsRequest(since: since, until: until, grouping: grouping, zone: options.zone, queries: chosen)
        let result = try MetricsRunner.query(db: db, rules: rules, request: request, refresh: refresh)
        return (Self.groups(result.rows), result)
    }

    /// Rows gathered into groups, in the order the groups first appear.
    static func groups(_ rows: [KPIRow]) -> [KPIGroup] {
        var order: [String] = []
        var byKey: [String: [String: KPIRow]] = [:]
        for row in rows {
            if byKey[row.group] == nil { order.append(row.group) }
            byKey[row.group, default: [:]][row.kpi] = row
        }
        return order.map { KPIGroup(key: $0, rows: byKey[$0] ?? [:]) }
    }

    /// Every figure of the window, conversation by conversation.
    private func exactFigures(window: ReportWindow, rules: OutcomeRules, refresh: RefreshSummary) throws -> ReportFigures {
        func groups(_ grouping: MetricsGrouping, since: Int64?, until: Int64?) throws -> (groups: [KPIGroup], result: MetricsResult) {
            try exactGroups(grouping, since: since, until: until, rules: rules, refresh: refresh)
        }
        let (totals, totalResult) = try groups(.all, since: options.since, until: options.until)
        let total = totals.first ?? KPIGroup(key: "all", rows: [:])
        let comparison = try self.comparison(window: window, total: total) { since, until in
            try groups(.all, since: since, until: until).groups.first ?? KPIGroup(key: "all", rows: [:])
        }
        let weekly = Self.isWeekly(window)
        var series = try groups(weekly ? .week : .day, since: options.since, until: options.until).groups
            .filter { $0.key != "(no time)" }
        if !weekly { series = fillDays(series, window: window) }
        var weekHours: [String: Double] = [:]
        for group in try groups(.weekhour, since: options.since, until: options.until).groups {
            weekHours[group.key] = group.conversations
        }
        let stores = ReportStoreReader(db: db, since: options.since, until: options.until)
        return ReportFigures(
            total: total, skipped: totalResult.skipped, comparison: comparison, series: series, weekly: weekly,
            byIntent: try groups(.intent, since: options.since, until: options.until).groups,
            byChannel: try groups(.channel, since: options.since, until: options.until).groups,
            weekHours: weekHours, outcomeMix: try stores.outcomeMix(), afterFailure: try stores.escalationsAfterFailure(),
            sentiment: try stores.sentiment(), quality: try stores.windowCounts())
    }

    /// Whether the series is by week (windows longer than 120 days) rather than by day.
    static func isWeekly(_ window: ReportWindow) -> Bool {
        (window.lastStart ?? 0) - (window.firstStart ?? 0) > 120 * day
    }

    private static func larger(_ a: KPIGroup, _ b: KPIGroup) -> Bool {
        a.conversations != b.conversations ? a.conversations > b.conversations : a.key < b.key
    }

    /// The requested window and the conversation starts found in it.
    private func window() throws -> ReportWindow {
        var conditions = ["started_at IS NOT NULL"]
        var arguments: [DatabaseValueConvertible] = []
        if let since = options.since { conditions.append("started_at >= ?"); arguments.append(since) }
        if let until = options.until { conditions.append("started_at < ?"); arguments.append(until) }
        let row = try db.rows("SELECT MIN(started_at), MAX(started_at) FROM outcomes WHERE " + conditions.joined(separator: " AND "), arguments).first
        let first = row?[0].int64, last = row?[1].int64
        let zone = options.zone
        let from = options.since.map(zone.dayKey) ?? first.map(zone.dayKey) ?? "start of store"
        // `until` is exclusive: the last day shown is the one before it.
        let to = options.until.map { zone.dayKey($0 - 1) } ?? last.map(zone.dayKey) ?? "end of store"
        return ReportWindow(since: options.since, until: options.until, zone: zone, firstStart: first, lastStart: last,
                            label: "\(from) – \(to) (\(zone.identifier))")
    }

    /// The period the cards compare with: the equal span before a given window, or, over the
    /// whole store, the last 7 days against the 7 before them.
    func comparison(window: ReportWindow, total: KPIGroup, kpis: (Int64?, Int64?) throws -> KPIGroup) throws -> ReportComparison? {
        let zone = options.zone
        guard let first = window.firstStart, let last = window.lastStart else { return nil }
        if options.since != nil || options.until != nil {
            let start = options.since ?? zone.dayBounds(zone.dayKey(first))?.start ?? first
            let end = options.until ?? zone.dayBounds(zone.dayKey(last))?.end ?? last + 1
            let length = end - start
            guard length > 0 else { return nil }
            let earlier = try kpis(start - length, start)
            guard earlier.conversations > 0 else { return nil }
            let label = "vs \(zone.dayKey(start - length)) – \(zone.dayKey(start - 1))"
            return ReportComparison(label: label, recent: total, earlier: earlier)
        }
        guard let end = zone.dayBounds(zone.dayKey(last))?.end, last - first >= 13 * Self.day else { return nil }
        let middle = end - 7 * Self.day, start = end - 14 * Self.day
        let recent = try kpis(middle, end), earlier = try kpis(start, middle)
        guard recent.conversations > 0, earlier.conversations > 0 else { return nil }
        return ReportComparison(label: "last 7 days vs the 7 before", recent: recent, earlier: earlier)
    }

    /// Daily groups with the days that had no conversations put back, so the x axis is true time.
    func fillDays(_ groups: [KPIGroup], window: ReportWindow) -> [KPIGroup] {
        let zone = options.zone
        guard let first = window.firstStart, let last = window.lastStart else { return groups }
        let byKey = Dictionary(groups.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var result: [KPIGroup] = []
        var day = zone.dayKey(first)
        let lastDay = zone.dayKey(last)
        while result.count < 800 {
            result.append(byKey[day] ?? KPIGroup(key: day, rows: [:]))
            guard day < lastDay, let bounds = zone.dayBounds(day) else { break }
            day = zone.dayKey(bounds.end)
        }
        return result
    }
}
