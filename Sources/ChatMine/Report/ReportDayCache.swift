import Foundation

/// Keeps `report_days` and `report_day_values` up to date and reads the parts of a window.
///
/// A day's part is computed with the same queries as a report of that day alone, stored, and
/// reused until something changes it: the outcome engine forgets the days whose outcomes it
/// recomputed (`DailyMetrics`), this cache forgets the days of turns scored since it last
/// looked (a settings mark on `turn_sentiment`), and a part made under other rules, another
/// lexicon or an older format is redone.
struct ReportDayCache {
    let db: Database
    let zone: LocalTime
    let rules: OutcomeRules
    let refresh: RefreshSummary

    /// Bumped whenever what a part holds or how it is computed changes.
    static let format = 1
    static let scoredMarkKey = "report.scored_turn_mark"

    /// The local days from `since` to `until` when both are local midnights in the zone (nil
    /// otherwise: such a window is not made of whole days and is computed conversation by conversation).
    static func days(since: Int64?, until: Int64?, zone: LocalTime) -> [(day: String, start: Int64, end: Int64)]? {
        guard let since, let until, since < until, zone.dayBounds(zone.dayKey(since))?.start == since,
              zone.dayBounds(zone.dayKey(until))?.start == until else { return nil }
        var days: [(String, Int64, Int64)] = []
        var day = zone.dayKey(since)
        while let bounds = zone.dayBounds(day), bounds.start < until, days.count < 100_000 {
            days.append((day, bounds.start, bounds.end))
            day = zone.dayKey(bounds.end)
        }
        return days
    }

    /// The parts of these days, computing and storing the missing ones.
    func parts(_ days: [(day: String, start: Int64, end: Int64)]) throws -> [ReportDayPart] {
        try forgetNewlyScoredDays()
        let lexicon = try db.scalar("SELECT value FROM settings WHERE key = ?", [SentimentStore.lexiconSettingKey])?.string ?? ""
        let hash = try rules.hash()
        let read = try db.prepare("SELECT format, rules_hash, lexicon, part FROM report_days WHERE tz = ? AND day = ?")
        let decoder = JSONDecoder()
        var parts: [ReportDayPart] = []
        for (day, start, end) in days {
            if let row = try read.rows([zone.identifier, day]).first, row[0].int64 == Int64(Self.format), row[1].string == hash,
               row[2].string == lexicon, let text = row[3].string, let part = try? decoder.decode(ReportDayPart.self, from: Data(text.utf8)) {
                parts.append(part)
                continue
            }
            parts.append(try db.inTransaction { try compute(day: day, start: start, end: end, hash: hash, lexicon: lexicon) })
        }
        return parts
    }

    /// Computes, stores and returns one day's part.
    private func compute(day: String, start: Int64, end: Int64, hash: String, lexicon: String) throws -> ReportDayPart {
        let queries = KPIQuery.builtIn()
        let additive = queries.filter { !ReportDayValues.quantileQueryNames.contains($0.name) }
        let breakdown = queries.filter { ReportDataSource.breakdownFamilies.contains(String($0.name.dropLast(4))) }
        func result(_ grouping: MetricsGrouping, _ chosen: [KPIQuery]) throws -> MetricsResult {
            try MetricsRunner.query(db: db, rules: rules, request: MetricsRequest(since: start, until: end, grouping: grouping, zone: zone,
                                                                               queries: chosen), refresh: refresh)
        }
        let all = try result(.all, additive)
        let totals = Dictionary(grouping: all.rows) { all.queryOfKPI[$0.kpi] ?? "" }
        var weekHours: [String: Double] = [:]
        try db.prepare("SELECT started_at FROM outcomes WHERE started_at >= ? AND started_at < ?").forEachRow([start, end]) { row in
            if let started = row[0].int64 { weekHours[zone.weekHourKey(started), default: 0] += 1 }
        }
        let stores = ReportStoreReader(db: db, since: start, until: end)
        var mix: [String: Int] = [:]
        for (outcome, count) in try stores.outcomeMix() { mix[outcome] = count }
        let part = ReportDayPart(
            totals: totals, byIntent: try result(.intent, breakdown).rows, byChannel: try result(.channel, breakdown).rows,
            weekHours: weekHours, outcomeMix: mix,
            apiFailures: try stores.escalationsAfterFailure().mapValues { [$0.failedConversations, $0.escalated] },
            sentiment: try stores.sentiment(), quality: try stores.windowCounts(), skipped: all.skipped)
        try ReportDaySchema.invalidate(db: db, zone: zone.identifier, days: [day])
        try ReportDayValues.fill(db: db, zone: zone.identifier, day: day, start: start, end: end)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(part), as: UTF8.self)
        try db.execute("""
            INSERT INTO report_days (tz, day, format, rules_hash, lexicon, part, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [zone.identifier, day, Self.format, hash, lexicon, text, Timestamp.now()])
        return part
    }

    /// Forgets the days (in every zone kept) of conversations with turns scored since the last
    /// look, so that a report made before `chatmine score` does not keep unscored figures.
    private func forgetNewlyScoredDays() throws {
        let mark = Int64(try OutcomeEngine.setting(db, Self.scoredMarkKey) ?? "") ?? 0
        let newest = try db.scalar("SELECT MAX(turn_id) FROM turn_sentiment")?.int64 ?? 0
        guard newest != mark else { return }
        try db.inTransaction {
            let zones = try db.rows("SELECT DISTINCT tz FROM report_days").compactMap { $0[0].string }.compactMap { try? LocalTime(identifier: $0) }
            if newest < mark {
                // Scores were removed (a rescore under way): every day may have changed.
                for zone in zones { try ReportDaySchema.invalidateAll(db: db, zone: zone.identifier) }
            } else if !zones.isEmpty {
                var starts = Set<Int64>()
                try db.prepare("""
                    SELECT DISTINCT c.started_at FROM turn_sentiment s JOIN turns t ON t.id = s.turn_id
                    JOIN conversations c ON c.id = t.conversation_id WHERE s.turn_id > ? AND c.started_at IS NOT NULL
                    """).forEachRow([mark]) { if let start = $0[0].int64 { starts.insert(start) } }
                for zone in zones {
                    try ReportDaySchema.invalidate(db: db, zone: zone.identifier, days: Array(Set(starts.map(zone.dayKey))))
                }
            }
            try OutcomeEngine.setSetting(db, Self.scoredMarkKey, String(newest))
        }
    }
}
