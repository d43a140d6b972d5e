/// The medians and 90th percentiles of the report (queries/length.sql and queries/latency.sql)
/// over a window of days, from per-day value counts in `report_day_values` instead of every
/// conversation of the window.
///
/// Each measure is kept twice per day: every distinct value with its count, and the counts per
/// bucket of 1,024 values (measure name + "/1024"). A quantile first walks the window's bucket
/// counts to the bucket holding its rank, then reads only that bucket's values, day by day: the
/// cost follows the number of buckets, not of conversations, and the result is exact.
enum ReportDayValues {
    /// A measure: how the day's values are read, and the KPIs they give.
    struct Measure {
        var name: String
        /// SQL with ?1 = day start, ?2 = day end (epoch ms), returning (value, count).
        var sql: String
        /// KPI names of the median and the 90th percentile, and the divisor of the value shown.
        var median: String
        var p90: String
        var divisor: Double?
    }

    static let bucketShift: Int64 = 10
    /// The query files whose KPIs are all quantiles, computed here instead.
    static let quantileQueryNames: Set<String> = ["length.sql", "latency.sql"]

    /// As queries/length.sql: turns and duration of the conversations that started in the day.
    /// As queries/latency.sql: for every bot turn whose previous user/bot/agent turn (by time) is
    /// a user turn, the milliseconds between them.
    static let measures = [
        Measure(name: "turns", sql: """
            SELECT turns, COUNT(*) FROM outcomes WHERE started_at >= ?1 AND started_at < ?2 GROUP BY turns
            """, median: "turns_median", p90: "turns_p90"),
        Measure(name: "duration_ms", sql: """
            SELECT duration_ms, COUNT(*) FROM outcomes
            WHERE started_at >= ?1 AND started_at < ?2 AND duration_ms IS NOT NULL GROUP BY duration_ms
            """, median: "duration_median_s", p90: "duration_p90_s", divisor: 1000),
        Measure(name: "latency_ms", sql: """
            WITH ordered AS (
                SELECT t.role, t.ts,
                       LAG(t.role) OVER (PARTITION BY t.conversation_id ORDER BY t.ts, t.id) AS previous_role,
                       LAG(t.ts) OVER (PARTITION BY t.conversation_id ORDER BY t.ts, t.id) AS previous_ts
                FROM outcomes o JOIN turns t ON t.conversation_id = o.conversation_id
                WHERE o.started_at >= ?1 AND o.started_at < ?2 AND t.role IN ('user', 'bot', 'agent') AND t.ts IS NOT NULL
            )
            SELECT ts - previous_ts AS ms, COUNT(*) FROM ordered WHERE role = 'bot' AND previous_role = 'user' GROUP BY ms
            """, median: "bot_latency_median_ms", p90: "bot_latency_p90_ms"),
    ]

    /// Every measure name stored, fine and bucketed.
    static var storedMeasures: [String] { measures.flatMap { [$0.name, $0.name + "/1024"] } }

    /// Stores the value counts of one day (the caller has removed the day's old rows).
    static func fill(db: Database, zone: String, day: String, start: Int64, end: Int64) throws {
        let insert = try db.prepare("INSERT INTO report_day_values (tz, day, measure, value, n) VALUES (?, ?, ?, ?, ?)")
        for measure in measures {
            var buckets: [Int64: Int64] = [:]
            try db.prepare(measure.sql).forEachRow([start, end]) { row in
                guard let value = row[0].int64, let count = row[1].int64 else { return }
                try insert.execute([zone, day, measure.name, value, count])
                buckets[value >> bucketShift, default: 0] += count
            }
            for (bucket, count) in buckets {
                try insert.execute([zone, day, measure.name + "/1024", bucket, count])
            }
        }
    }

    /// The median and p90 rows (group "all") of every measure over these days.
    static func quantileRows(db: Database, zone: String, days: [String]) throws -> [KPIRow] {
        guard let first = days.first, let last = days.last else { return [] }
        var rows: [KPIRow] = []
        let bucketCounts = try db.prepare("""
            SELECT value, SUM(n) FROM report_day_values WHERE tz = ? AND measure = ? AND day >= ? AND day <= ?
            GROUP BY value ORDER BY value
            """)
        let bucketValues = try db.prepare("""
            SELECT value, n FROM report_day_values WHERE tz = ? AND measure = ? AND day = ? AND value >= ? AND value < ?
            """)
        for measure in measures {
            var buckets: [(bucket: Int64, count: Int64)] = []
            try bucketCounts.forEachRow([zone, measure.name + "/1024", first, last]) { row in
                if let bucket = row[0].int64, let count = row[1].int64 { buckets.append((bucket, count)) }
            }
            let n = buckets.reduce(0) { $0 + $1.count }
            guard n > 0 else { continue }
            // Nearest rank, as the queries: the smallest r with r·2 ≥ n, and with r·10 ≥ 9n.
            let ranks = [(measure.median, "median", (n + 1) / 2), (measure.p90, "p90", (9 * n + 9) / 10)]
            for (kpi, kind, rank) in ranks {
                var before: Int64 = 0
                guard let index = buckets.firstIndex(where: { before += $0.count; return before >= rank }) else { continue }
                before -= buckets[index].count
                let low = buckets[index].bucket << bucketShift, high = (buckets[index].bucket + 1) << bucketShift
                var counts: [Int64: Int64] = [:]
                for day in days {
                    try bucketValues.forEachRow([zone, measure.name, day, low, high]) { row in
                        if let value = row[0].int64, let count = row[1].int64 { counts[value, default: 0] += count }
                    }
                }
                var seen = before
                guard let value = counts.keys.sorted().first(where: { seen += counts[$0] ?? 0; return seen >= rank }) else { continue }
                let shown = measure.divisor.map { Double(value) / $0 } ?? Double(value)
                rows.append(KPIRow(group: "all", kpi: kpi, kind: kind, numerator: nil, denominator: Double(n), value: shown))
            }
        }
        return rows
    }
}
