/// What the report needs from one local day, computed once from that day's conversations and
/// kept in `report_days`, so that a report over a window of days adds up days instead of
/// re-reading every conversation of the window.
///
/// Everything here is additive: rates, means, counts and amounts keep their numerator and
/// denominator (a window's value is the ratio of the sums), the sentiment and data-quality
/// panels keep counts and sums. The medians and 90th percentiles, which do not add up, are
/// kept as value counts beside this (`ReportDayValues`).
struct ReportDayPart: Codable, Equatable {
    /// The day's KPI rows of group "all", by query file, without the quantile families.
    var totals: [String: [KPIRow]]
    /// The breakdown KPIs by the conversation's intent.
    var byIntent: [KPIRow]
    /// The breakdown KPIs by the conversation's channel.
    var byChannel: [KPIRow]
    /// Conversations per hour-of-week key.
    var weekHours: [String: Double]
    /// Conversations per outcome.
    var outcomeMix: [String: Int]
    /// Per API: conversations with a failed call to it, and those of them that escalated.
    var apiFailures: [String: [Int]]
    /// The sentiment panel's counts; nil when no conversation of the day is scored.
    var sentiment: SentimentOverview?
    /// The data-quality panel's counts over the day's conversations.
    var quality: QualityCounts
    /// Queries skipped for a missing table.
    var skipped: [String]
}

/// Data-quality counts over the conversations of a window (additive over days).
struct QualityCounts: Codable, Equatable {
    var turns = 0
    var turnsWithoutTime = 0
    var userTurns = 0
    var userTurnsWithoutIntent = 0
    var conversationsWithoutChannel = 0
    var conversationsWithoutUser = 0
    /// nil before `chatmine score` created its tables.
    var unscoredTurns: Int?

    static func + (a: QualityCounts, b: QualityCounts) -> QualityCounts {
        QualityCounts(turns: a.turns + b.turns, turnsWithoutTime: a.turnsWithoutTime + b.turnsWithoutTime,
                      userTurns: a.userTurns + b.userTurns, userTurnsWithoutIntent: a.userTurnsWithoutIntent + b.userTurnsWithoutIntent,
                      conversationsWithoutChannel: a.conversationsWithoutChannel + b.conversationsWithoutChannel,
                      conversationsWithoutUser: a.conversationsWithoutUser + b.conversationsWithoutUser,
                      unscoredTurns: a.unscoredTurns.map { $0 + (b.unscoredTurns ?? 0) } ?? b.unscoredTurns)
    }
}

/// Adds up parts of the report kept per day.
enum ReportDayMerge {
    /// The KPI rows of several days (or groups) as one: per (group, KPI), numerators and
    /// denominators add up and the value is derived from them as the query would have (a rate
    /// from the ratio, a mean from sum ÷ count, a count or an amount as the sum). Quantile rows
    /// cannot be added and are dropped.
    static func kpis(_ parts: [[KPIRow]], group: ((KPIRow) -> String)? = nil) -> [KPIRow] {
        struct Sum { var kind: String; var numerator: Double?; var denominator: Double?; var value: Double? }
        var order: [String: [String]] = [:]
        var groups: [String] = []
        var sums: [String: [String: Sum]] = [:]
        func add(_ a: Double?, _ b: Double?) -> Double? { a.map { $0 + (b ?? 0) } ?? b }
        for rows in parts {
            for row in rows where row.kind != "median" && row.kind != "p90" {
                let key = group?(row) ?? row.group
                if sums[key] == nil { groups.append(key); sums[key] = [:] }
                if var sum = sums[key]?[row.kpi] {
                    sum.numerator = add(sum.numerator, row.numerator)
                    sum.denominator = add(sum.denominator, row.denominator)
                    sum.value = add(sum.value, row.value)
                    sums[key]?[row.kpi] = sum
                } else {
                    order[key, default: []].append(row.kpi)
                    sums[key]?[row.kpi] = Sum(kind: row.kind, numerator: row.numerator, denominator: row.denominator, value: row.value)
                }
            }
        }
        var merged: [KPIRow] = []
        for key in groups.sorted() {
            for kpi in order[key] ?? [] {
                guard let sum = sums[key]?[kpi] else { continue }
                let value: Double?
                switch sum.kind {
                case "count", "amount": value = sum.value
                case "mean":
                    if let numerator = sum.numerator, let denominator = sum.denominator, denominator > 0 {
                        value = numerator / denominator
                    } else {
                        value = nil
                    }
                default: value = nil // rates: derived from numerator and denominator by KPIRow
                }
                merged.append(KPIRow(group: key, kpi: kpi, kind: sum.kind, numerator: sum.numerator, denominator: sum.denominator, value: value))
            }
        }
        return merged
    }

    /// The sentiment panel of several days as one.
    static func sentiment(_ parts: [SentimentOverview?]) -> SentimentOverview? {
        let present = parts.compactMap { $0 }
        guard var total = present.first else { return nil }
        for part in present.dropFirst() {
            total.histogram = zip(total.histogram, part.histogram).map { $0 + $1 }
            total.scored += part.scored
            total.sum += part.sum
            total.changes += part.changes
            total.changeSum += part.changeSum
            total.improved += part.improved
            total.unchanged += part.unchanged
            total.worsened += part.worsened
            total.frustrated += part.frustrated
            total.negativeTurns += part.negativeTurns
            total.neutralTurns += part.neutralTurns
            total.positiveTurns += part.positiveTurns
        }
        total.mean = total.scored > 0 ? total.sum / Double(total.scored) : nil
        total.meanChange = total.changes > 0 ? total.changeSum / Double(total.changes) : nil
        return total
    }
}
