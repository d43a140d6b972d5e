/// Maintains `daily_metrics`: additive counts per (time zone, local day, channel, intent),
/// rebuilt day by day from `outcomes`, so a nightly run touches only the days that changed.
struct DailyMetrics {
    let db: Database
    let rulesHash: String
    let computedAt: Int64
    /// The CSAT cut, for `csat_satisfied`.
    let csatCut: Double

    private static let insert = """
        INSERT INTO daily_metrics (
            tz, day, channel, intent, conversations, engaged, contained, escalated, resolved, abandoned,
            unengaged, deflected, durably_resolved, turns, user_turns, bot_user_turns, fallback_turns, csat_responses,
            csat_sum, csat_satisfied, api_calls, api_failures, escalated_after_api_failure,
            duration_ms_sum, duration_n, rules_hash, computed_at
        )
        SELECT ?, ?, COALESCE(channel, ''), COALESCE(intent, ''), COUNT(*), SUM(engaged), SUM(contained),
            SUM(CASE WHEN outcome = 'escalated' THEN 1 ELSE 0 END),
            SUM(CASE WHEN outcome = 'resolved' THEN 1 ELSE 0 END),
            SUM(CASE WHEN outcome = 'abandoned' THEN 1 ELSE 0 END),
            SUM(CASE WHEN outcome = 'unengaged' THEN 1 ELSE 0 END),
            SUM(deflected), SUM(durably_resolved), SUM(turns), SUM(user_turns), SUM(bot_user_turns), SUM(fallback_turns),
            COUNT(csat), COALESCE(SUM(csat), 0), SUM(CASE WHEN csat >= ? THEN 1 ELSE 0 END),
            SUM(api_calls), SUM(api_failures), SUM(escalated_after_api_failure),
            COALESCE(SUM(duration_ms), 0), COUNT(duration_ms), ?, ?
        FROM outcomes
        WHERE started_at >= ? AND started_at < ?
        GROUP BY COALESCE(channel, ''), COALESCE(intent, '')
        """

    /// Rebuilds the local days (in `zone`) that contain any of these start times.
    func rebuild(zone: LocalTime, startsOf starts: [Int64]) throws -> Int {
        let days = Set(starts.map(zone.dayKey))
        let delete = try db.prepare("DELETE FROM daily_metrics WHERE tz = ? AND day = ?")
        let insert = try db.prepare(Self.insert)
        for day in days.sorted() {
            guard let bounds = zone.dayBounds(day) else { continue }
            try delete.execute([zone.identifier, day])
            try insert.execute([zone.identifier, day, csatCut, rulesHash, computedAt, bounds.start, bounds.end])
        }
        return days.count
    }

    /// Rebuilds every day of one zone that has conversations (and drops the others).
    func rebuildAll(zone: LocalTime) throws -> Int {
        try db.execute("DELETE FROM daily_metrics WHERE tz = ?", [zone.identifier])
        var starts: [Int64] = []
        try db.prepare("SELECT started_at FROM outcomes WHERE started_at IS NOT NULL").forEachRow {
            if let start = $0[0].int64 { starts.append(start) }
        }
        return try rebuild(zone: zone, startsOf: starts)
    }
}
