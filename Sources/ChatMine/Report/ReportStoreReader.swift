import Foundation

/// The report's panels that are not KPIs: outcome mix, sentiment, suggestions and data quality,
/// read from the tables of the stages that wrote them. Every value is bound.
struct ReportStoreReader {
    let db: Database
    let since: Int64?
    let until: Int64?

    /// `started_at` conditions for the window (on alias `column`) and their arguments. Only the
    /// bounds given become conditions, so that SQLite can range-scan the index on `started_at`
    /// (an `(? IS NULL OR …)` form makes it read every row of the store).
    private func window(_ column: String) -> (sql: String, arguments: [DatabaseValueConvertible]) {
        var conditions = ["1 = 1"]
        var arguments: [DatabaseValueConvertible] = []
        if let since { conditions.append("\(column) >= ?"); arguments.append(since) }
        if let until { conditions.append("\(column) < ?"); arguments.append(until) }
        return (" " + conditions.joined(separator: " AND ") + " ", arguments)
    }

    private func tableExists(_ name: String) throws -> Bool {
        try db.count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [name]) > 0
    }

    /// Conversations per outcome, in reading order.
    func outcomeMix() throws -> [(outcome: String, count: Int)] {
        let (condition, arguments) = window("started_at")
        var counts: [String: Int] = [:]
        try db.prepare("SELECT outcome, COUNT(*) FROM outcomes WHERE \(condition) GROUP BY outcome").forEachRow(arguments) { row in
            counts[row[0].string ?? ""] = Int(row[1].int64 ?? 0)
        }
        return ["resolved", "escalated", "abandoned", "unengaged"].map { ($0, counts[$0] ?? 0) }
    }

    /// Per API: conversations with a failed call to it, and how many of those escalated. A call
    /// failed by the same rule as queries/api.sql (ok = 0, or a status that is not a success word
    /// nor a 2xx code).
    func escalationsAfterFailure() throws -> [String: (failedConversations: Int, escalated: Int)] {
        let (condition, arguments) = window("o.started_at")
        var result: [String: (Int, Int)] = [:]
        try db.prepare("""
            SELECT api, COUNT(*), SUM(escalated) FROM (
                SELECT DISTINCT COALESCE(e.name, '(unnamed)') AS api, o.conversation_id, o.escalated
                FROM events e JOIN outcomes o ON o.conversation_id = e.conversation_id
                WHERE e.kind = 'api_call' AND \(condition) AND (e.ok = 0 OR (e.ok IS NULL AND e.status IS NOT NULL AND e.status <> ''
                      AND LOWER(e.status) NOT IN ('ok', 'success', 'succeeded', 'successful', 'done', 'completed')
                      AND NOT (LENGTH(e.status) = 3 AND e.status LIKE '2%')))
            ) GROUP BY api
            """).forEachRow(arguments) { row in
            result[row[0].string ?? ""] = (Int(row[1].int64 ?? 0), Int(row[2].int64 ?? 0))
        }
        return result
    }

    /// Sentiment of the window's conversations; nil until `chatmine score` has run.
    func sentiment() throws -> SentimentOverview? {
        guard try tableExists("conversation_sentiment") else { return nil }
        let (condition, arguments) = window("c.started_at")
        var overview = SentimentOverview(histogram: Array(repeating: 0, count: 10), scored: 0, mean: nil, improved: 0, unchanged: 0,
                                         worsened: 0, meanChange: nil, frustrated: 0, negativeTurns: 0, neutralTurns: 0, positiveTurns: 0)
        try db.prepare("""
            SELECT s."mean", s.first_to_last, s.frustrated FROM conversation_sentiment s
            JOIN conversations c ON c.id = s.conversation_id WHERE \(condition)
            """).forEachRow(arguments) { row in
            if let mean = row[0].double {
                overview.scored += 1
                overview.sum += mean
                overview.histogram[min(9, max(0, Int(((mean + 1) / 0.2).rounded(.down))))] += 1
            }
            if let change = row[1].double {
                overview.changes += 1
                overview.changeSum += change
                if change > 0.1 { overview.improved += 1 } else if change < -0.1 { overview.worsened += 1 } else { overview.unchanged += 1 }
            }
            if row[2].int64 == 1 { overview.frustrated += 1 }
        }
        guard overview.scored > 0 || overview.changes > 0 else { return nil }
        overview.mean = overview.scored > 0 ? overview.sum / Double(overview.scored) : nil
        overview.meanChange = overview.changes > 0 ? overview.changeSum / Double(overview.changes) : nil
        try db.prepare("""
            SELECT ts.label, COUNT(*) FROM turn_sentiment ts JOIN turns t ON t.id = ts.turn_id
            JOIN conversations c ON c.id = t.conversation_id
            WHERE t.role = 'user' AND \(condition) GROUP BY ts.label
            """).forEachRow(arguments) { row in
            let count = Int(row[1].int64 ?? 0)
            switch row[0].string {
            case "negative": overview.negativeTurns = count
            case "positive": overview.positiveTurns = count
            default: overview.neutralTurns = count
            }
        }
        return overview
    }

    /// Suggested intents: undecided and accepted ones first, then by gain.
    func suggestions(limit: Int) throws -> [SuggestionView] {
        try db.rows("""
            SELECT s.lineage_id, s.name, s.status, s.accepted_name, s.merged_into, s.reason, s.decided_at, s.recommendation,
                   s.nearest_intent, s.similarity, s.margin, s.size, c.previous_size, s.trend, s.gain, s.rank,
                   s.top_terms, s.phrases, c.escalation_rate, c.fallback_rate
            FROM suggestions s LEFT JOIN clusters c ON c.id = s.cluster_id
            ORDER BY CASE s.status WHEN 'pending' THEN 0 WHEN 'accepted' THEN 1 WHEN 'merged' THEN 2 ELSE 3 END,
                     s.trend = 'gone', s.gain DESC, s.lineage_id
            LIMIT ?
            """, [limit]).map { row in
            SuggestionView(
                lineageID: row[0].string ?? "", name: row[1].string ?? "", status: row[2].string ?? "pending",
                acceptedName: row[3].string, mergedInto: row[4].string, reason: row[5].string, decidedAt: row[6].string,
                recommendation: row[7].string ?? "none", nearestIntent: row[8].string, similarity: row[9].double,
                margin: row[10].double, size: Int(row[11].int64 ?? 0), previousSize: row[12].int64.map { Int($0) },
                trend: row[13].string ?? "", gain: row[14].double ?? 0, rank: row[15].int64.map { Int($0) },
                topTerms: Self.strings(row[16].string), phrases: Self.strings(row[17].string),
                escalationRate: row[18].double, fallbackRate: row[19].double)
        }
    }

    /// Suggestions per status.
    func suggestionCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        try db.prepare("SELECT status, COUNT(*) FROM suggestions WHERE trend <> 'gone' OR status <> 'pending' GROUP BY status").forEachRow { row in
            counts[row[0].string ?? ""] = Int(row[1].int64 ?? 0)
        }
        return counts
    }

    /// Rejects, files and the gaps in the stored data of the window.
    func quality() throws -> DataQuality {
        try quality(counts: windowCounts())
    }

    /// Rejects and files (the whole store) with the window's counts.
    func quality(counts: QualityCounts) throws -> DataQuality {
        let files = try db.count("SELECT COUNT(*) FROM sources")
        let records = try db.count("SELECT COALESCE(SUM(records_consumed), 0) FROM sources")
        let rejects = try db.count("SELECT COUNT(*) FROM rejects")
        let reasons = try db.rows("SELECT reason, COUNT(*) AS n FROM rejects GROUP BY reason ORDER BY n DESC, reason LIMIT 8")
            .map { (reason: $0[0].string ?? "", count: Int($0[1].int64 ?? 0)) }
        let rejectFiles = try db.rows("""
            SELECT path, rejects, records_consumed FROM sources WHERE rejects > 0 ORDER BY rejects DESC, path LIMIT 8
            """).map { (path: $0[0].string ?? "", rejects: Int($0[1].int64 ?? 0), records: Int($0[2].int64 ?? 0)) }
        let lastRun = try db.scalar("SELECT MAX(created_at) FROM cluster_runs")?.string
        return DataQuality(files: files, records: records, rejects: rejects, topReasons: reasons, filesWithRejects: rejectFiles,
                           turns: counts.turns, turnsWithoutTime: counts.turnsWithoutTime, userTurns: counts.userTurns,
                           userTurnsWithoutIntent: counts.userTurnsWithoutIntent,
                           conversationsWithoutChannel: counts.conversationsWithoutChannel,
                           conversationsWithoutUser: counts.conversationsWithoutUser,
                           unscoredTurns: counts.unscoredTurns, lastClusterRun: lastRun)
    }

    /// The data-quality counts over the window's conversations.
    func windowCounts() throws -> QualityCounts {
        let (condition, arguments) = window("c.started_at")
        let turnCounts = try db.rows("""
            SELECT COUNT(*), SUM(t.ts IS NULL), SUM(t.role = 'user'),
                   SUM(t.role = 'user' AND (t.intent IS NULL OR trim(t.intent) = ''))
            FROM turns t JOIN conversations c ON c.id = t.conversation_id WHERE \(condition)
            """, arguments).first
        let conversationCounts = try db.rows("""
            SELECT SUM(c.channel IS NULL OR c.channel = ''), SUM(c.user_id IS NULL OR c.user_id = '')
            FROM conversations c WHERE \(condition)
            """, arguments).first
        var unscored: Int?
        if try tableExists("turn_sentiment") {
            unscored = try db.count("""
                SELECT COUNT(*) FROM turns t JOIN conversations c ON c.id = t.conversation_id
                WHERE \(condition) AND NOT EXISTS (SELECT 1 FROM turn_sentiment s WHERE s.turn_id = t.id)
                """, arguments)
        }
        func int(_ value: DatabaseValue?) -> Int { Int(value?.int64 ?? 0) }
        return QualityCounts(turns: int(turnCounts?[0]), turnsWithoutTime: int(turnCounts?[1]), userTurns: int(turnCounts?[2]),
                             userTurnsWithoutIntent: int(turnCounts?[3]),
                             conversationsWithoutChannel: int(conversationCounts?[0]), conversationsWithoutUser: int(conversationCounts?[1]),
                             unscoredTurns: unscored)
    }

    /// The strings of a JSON array stored in a TEXT column.
    static func strings(_ text: String?) -> [String] {
        guard let text, let value = try? JSONParser.parse(text), case .array(let items) = value else { return [] }
        return items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
    }
}
