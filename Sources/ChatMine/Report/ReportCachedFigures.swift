/// The window-dependent figures of the report, however they were computed.
struct ReportFigures {
    var total: KPIGroup
    var skipped: [String]
    var comparison: ReportComparison?
    var series: [KPIGroup]
    var weekly: Bool
    var byIntent: [KPIGroup]
    var byChannel: [KPIGroup]
    var weekHours: [String: Double]
    var outcomeMix: [(outcome: String, count: Int)]
    var afterFailure: [String: (failedConversations: Int, escalated: Int)]
    var sentiment: SentimentOverview?
    var quality: QualityCounts
}

/// The figures of a window of whole days, added up from the days' parts: the night's cost
/// follows the days that changed (their parts are recomputed), not the length of the window.
struct ReportCachedFigures {
    let db: Database
    let cache: ReportDayCache
    let window: ReportWindow
    let options: ReportOptions

    /// The figures over `days`; `exact` computes a comparison period that is not made of whole days.
    func figures(days: [(day: String, start: Int64, end: Int64)], exact: (Int64, Int64) throws -> KPIGroup) throws -> ReportFigures {
        let zone = options.zone
        let parts = try cache.parts(days)
        let totalRows = try withReturns(ReportDayMerge.kpis(parts.map { $0.totals.values.flatMap { $0 } }), days: days)
            + (try ReportDayValues.quantileRows(db: db, zone: zone.identifier, days: days.map(\.day)))
        let total = ReportDataSource.groups(totalRows).first ?? KPIGroup(key: "all", rows: [:])
        let source = ReportDataSource(db: db, options: options)
        let comparison = try source.comparison(window: window, total: total) { since, until in
            guard let earlier = ReportDayCache.days(since: since, until: until, zone: zone) else { return try exact(since ?? 0, until ?? 0) }
            let earlierParts = try cache.parts(earlier)
            let rows = ReportDayMerge.kpis(earlierParts.map { Self.families(ReportDataSource.comparisonFamilies, of: $0) })
            return ReportDataSource.groups(try withReturns(rows, days: earlier)).first ?? KPIGroup(key: "all", rows: [:])
        }
        let weekly = ReportDataSource.isWeekly(window)
        var series: [KPIGroup] = []
        if weekly {
            let weeks = zip(days, parts).map { day, part in
                Self.families(ReportDataSource.breakdownFamilies, of: part).map { row -> KPIRow in
                    var keyed = row
                    keyed.group = zone.weekKey(day.start)
                    return keyed
                }
            }
            series = ReportDataSource.groups(ReportDayMerge.kpis(weeks))
        } else {
            for (day, part) in zip(days, parts) {
                let rows = Self.families(ReportDataSource.breakdownFamilies, of: part).map { row -> KPIRow in
                    var keyed = row
                    keyed.group = day.day
                    return keyed
                }
                if !rows.isEmpty { series.append(KPIGroup(key: day.day, rows: Dictionary(rows.map { ($0.kpi, $0) }, uniquingKeysWith: { a, _ in a }))) }
            }
            series = source.fillDays(series, window: window)
        }
        var weekHours: [String: Double] = [:]
        var mix: [String: Int] = [:]
        var failures: [String: (failedConversations: Int, escalated: Int)] = [:]
        var quality = QualityCounts()
        var skipped: [String] = []
        for part in parts {
            weekHours.merge(part.weekHours, uniquingKeysWith: +)
            mix.merge(part.outcomeMix, uniquingKeysWith: +)
            for (api, counts) in part.apiFailures where counts.count == 2 {
                let sum = failures[api] ?? (0, 0)
                failures[api] = (sum.failedConversations + counts[0], sum.escalated + counts[1])
            }
            quality = quality + part.quality
            for reason in part.skipped where !skipped.contains(reason) { skipped.append(reason) }
        }
        return ReportFigures(
            total: total, skipped: skipped, comparison: comparison, series: series, weekly: weekly,
            byIntent: ReportDataSource.groups(ReportDayMerge.kpis(parts.map(\.byIntent))),
            byChannel: ReportDataSource.groups(ReportDayMerge.kpis(parts.map(\.byChannel))),
            weekHours: weekHours, outcomeMix: ["resolved", "escalated", "abandoned", "unengaged"].map { ($0, mix[$0] ?? 0) },
            afterFailure: failures, sentiment: ReportDayMerge.sentiment(parts.map(\.sentiment)), quality: quality)
    }

    /// The rows with true deflection and durable resolution taken from `daily_metrics`. They
    /// depend on whether the user came back later, which changes an old day's figures without
    /// changing its conversations; the outcome engine keeps the flags (`outcomes.deflected`,
    /// `durably_resolved`, the same test as queries/deflection.sql) and their daily sums current,
    /// so the day parts need not be recomputed for a return.
    private func withReturns(_ rows: [KPIRow], days: [(day: String, start: Int64, end: Int64)]) throws -> [KPIRow] {
        guard let first = days.first?.day, let last = days.last?.day else { return rows }
        let sums = try db.rows("""
            SELECT SUM(deflected), SUM(durably_resolved), SUM(engaged) FROM daily_metrics WHERE tz = ? AND day >= ? AND day <= ?
            """, [options.zone.identifier, first, last]).first
        let numerators = ["true_deflection_rate": sums?[0].double, "durable_resolution_rate": sums?[1].double]
        return rows.map { row in
            guard row.group == "all", let numerator = numerators[row.kpi] else { return row }
            return KPIRow(group: row.group, kpi: row.kpi, kind: row.kind, numerator: numerator ?? 0, denominator: sums?[2].double, value: nil)
        }
    }

    /// The day's "all" rows of these query families.
    private static func families(_ names: [String], of part: ReportDayPart) -> [KPIRow] {
        names.flatMap { part.totals[$0 + ".sql"] ?? [] }
    }
}
