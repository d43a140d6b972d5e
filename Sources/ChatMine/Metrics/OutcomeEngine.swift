import Foundation

/// What one `OutcomeEngine.refresh` did.
public struct RefreshSummary: Sendable, Equatable {
    /// Conversations whose outcome was (re)computed.
    public var recomputedConversations: Int
    /// (time zone, day) rows of `daily_metrics` rebuilt.
    public var recomputedDays: Int
    /// Conversations in the store after the refresh.
    public var totalConversations: Int
    /// True when the rule set differs from the one the stored outcomes were computed with.
    public var rulesChanged: Bool
    /// True when the stored outcomes were computed by an older outcome logic.
    public var logicChanged: Bool = false
    /// Version and hash of the rules used before, when they changed.
    public var previousRules: (version: String, hash: String)?
    /// Version of the rules now applied.
    public var rulesVersion: String
    /// Hash of the rules now applied.
    public var rulesHash: String

    /// Equal when the same work was done under the same rules (the previous rules are not compared).
    public static func == (lhs: RefreshSummary, rhs: RefreshSummary) -> Bool {
        lhs.recomputedConversations == rhs.recomputedConversations && lhs.recomputedDays == rhs.recomputedDays
            && lhs.totalConversations == rhs.totalConversations && lhs.rulesChanged == rhs.rulesChanged
            && lhs.rulesHash == rhs.rulesHash
    }

    /// One line for stderr, saying plainly when history was recomputed under new rules.
    public var message: String {
        var text = "Outcomes: \(recomputedConversations) of \(totalConversations) conversations recomputed, \(recomputedDays) daily aggregates rebuilt (rules \(rulesVersion) \(rulesHash.prefix(12)))."
        if rulesChanged, let previous = previousRules {
            text = "Rules changed (\(previous.version) \(previous.hash.prefix(12)) → \(rulesVersion) \(rulesHash.prefix(12))): history recomputed. " + text
        } else if logicChanged {
            text = "This chatmine computes outcomes differently from the one that stored them: history recomputed. " + text
        }
        return text
    }
}

/// Keeps `outcomes` and `daily_metrics` in step with the conversations in the store, doing
/// only the work that new or changed data requires.
///
/// A conversation is recomputed when it is new, when it gained turns or events since the last
/// refresh (watermarks on the row ids), when it has no outcome yet, or when the rules changed.
/// A user's previous conversation is re-checked for a return. Daily aggregates are rebuilt for
/// the local days of exactly those conversations whose stored values changed.
public enum OutcomeEngine {
    /// Settings keys (table `settings`) holding the engine's state.
    enum Key {
        static let rulesHash = "metrics.rules_hash"
        static let rulesVersion = "metrics.rules_version"
        static let rulesJSON = "metrics.rules_json"
        static let conversationMark = "metrics.watermark.conversations"
        static let turnMark = "metrics.watermark.turns"
        static let eventMark = "metrics.watermark.events"
        static let outcomeRows = "metrics.outcome_rows"
        static let dailyZones = "metrics.daily_time_zones"
        static let logic = "metrics.logic_version"
    }

    /// The version of the outcome logic itself; bumped whenever a change to the code (not the
    /// rules) can change an outcome, so that stores computed by an older chatmine are redone.
    public static let logicVersion = "5"

    /// The rules a command should use: the file given, else the rules last used on this store,
    /// else the defaults. `path == "default"` forces the built-in rules.
    public static func resolveRules(db: Database, path: String?) throws -> OutcomeRules {
        if let path {
            return path == "default" ? .default : try OutcomeRules.load(path: path)
        }
        if let stored = try setting(db, Key.rulesJSON) {
            return try OutcomeRules.parse(Data(stored.utf8), origin: "the rules stored in \(db.path)")
        }
        return .default
    }

    /// Brings outcomes and daily aggregates up to date with the rules last used on this store
    /// (the defaults on a new one). The call to make after every ingest.
    @discardableResult
    public static func refresh(db: Database) throws -> RefreshSummary {
        try refresh(db: db, rules: resolveRules(db: db, path: nil))
    }

    /// Brings outcomes and daily aggregates up to date under `rules`.
    /// `timeZones` adds zones whose daily aggregates are kept (UTC always is).
    @discardableResult
    public static func refresh(db: Database, rules: OutcomeRules, timeZones: [LocalTime] = []) throws -> RefreshSummary {
        let hash = try rules.hash()
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        return try db.inTransaction {
            let previousHash = try setting(db, Key.rulesHash)
            let previousVersion = try setting(db, Key.rulesVersion) ?? "?"
            let rulesChanged = previousHash != nil && previousHash != hash
            let logicChanged = try setting(db, Key.logic).map { $0 != logicVersion } ?? false
            let everything = previousHash != hash || logicChanged
            // Outcome rows vanish with their conversations (ON DELETE CASCADE, e.g. retention);
            // the days they belonged to are unknown then, so every day is rebuilt.
            let storedRows = Int(try setting(db, Key.outcomeRows) ?? "") ?? 0
            let lostRows = try db.count("SELECT COUNT(*) FROM outcomes") < storedRows

            let marks = (
                conversations: try db.count("SELECT COALESCE(MAX(id), 0) FROM conversations"),
                turns: try db.count("SELECT COALESCE(MAX(id), 0) FROM turns"),
                events: try db.count("SELECT COALESCE(MAX(id), 0) FROM events")
            )
            try db.execute("DROP TABLE IF EXISTS temp.dirty_conversations; CREATE TEMP TABLE dirty_conversations (id INTEGER PRIMARY KEY)")
            defer { try? db.execute("DROP TABLE IF EXISTS temp.dirty_conversations; DROP TABLE IF EXISTS temp.previous_returns") }
            if everything {
                try db.execute("INSERT INTO dirty_conversations (id) SELECT id FROM conversations")
            } else {
                try markDirty(db)
            }
            let dirtyCount = try db.count("SELECT COUNT(*) FROM dirty_conversations")

            // Conversations whose stored "next conversation" was a dirty one's old start: that
            // start may move or go, so their return is checked again (before the rows are replaced).
            try db.execute("DROP TABLE IF EXISTS temp.return_scope; CREATE TEMP TABLE return_scope (id INTEGER PRIMARY KEY)")
            defer { try? db.execute("DROP TABLE IF EXISTS temp.return_scope") }
            if !everything {
                try db.execute("""
                    INSERT OR IGNORE INTO temp.return_scope (id)
                    SELECT p.conversation_id FROM dirty_conversations d JOIN outcomes old ON old.conversation_id = d.id
                    JOIN outcomes p ON p.user_id = old.user_id AND p.next_started_at = old.started_at
                    WHERE old.user_id IS NOT NULL AND old.started_at IS NOT NULL
                    """)
            }
            var changedStarts: [Int64] = []
            // Days the dirty conversations used to belong to, before their rows are replaced.
            try db.prepare("SELECT o.started_at FROM outcomes o JOIN dirty_conversations d ON d.id = o.conversation_id WHERE o.started_at IS NOT NULL").forEachRow {
                if let start = $0[0].int64 { changedStarts.append(start) }
            }
            // The report's data-quality and sentiment panels place a conversation by its own start.
            try db.prepare("SELECT c.started_at FROM conversations c JOIN dirty_conversations d ON d.id = c.id WHERE c.started_at IS NOT NULL").forEachRow {
                if let start = $0[0].int64 { changedStarts.append(start) }
            }
            let writer = try OutcomeWriter(db: db, rulesHash: hash, computedAt: now)
            let classifier = OutcomeClassifier(rules: rules)
            try ConversationReader(db: db).forEachDirtyConversation { log in
                let record = classifier.classify(log)
                try writer.write(record, userID: log.userID, channel: log.channel)
                if let start = record.startedAt { changedStarts.append(start) }
            }
            // A return changes only the deflection flags of the earlier conversation: its day's
            // aggregates are rebuilt, but the report's day parts (which take those two KPIs from
            // daily_metrics) stay valid.
            let returnStarts = try refreshReturns(db, rules: rules, everything: everything)

            let outcomeRows = try db.count("SELECT COUNT(*) FROM outcomes")

            let daily = DailyMetrics(db: db, rulesHash: hash, computedAt: now, csatCut: rules.csat.resolvedMin)
            var zones = try storedZones(db)
            var newZones: [LocalTime] = []
            for zone in [LocalTime.utc] + timeZones where !zones.contains(where: { $0.identifier == zone.identifier }) {
                zones.append(zone)
                newZones.append(zone)
            }
            var days = 0
            for zone in zones {
                let rebuildAll = everything || lostRows || newZones.contains { $0.identifier == zone.identifier }
                if rebuildAll {
                    days += try daily.rebuildAll(zone: zone)
                    try ReportDaySchema.invalidateAll(db: db, zone: zone.identifier)
                } else {
                    days += try daily.rebuild(zone: zone, startsOf: changedStarts + returnStarts)
                    try ReportDaySchema.invalidate(db: db, zone: zone.identifier, days: Set(changedStarts.map(zone.dayKey)).sorted())
                }
            }

            try setSetting(db, Key.rulesHash, hash)
            try setSetting(db, Key.rulesVersion, rules.version)
            try setSetting(db, Key.logic, logicVersion)
            try setSetting(db, Key.rulesJSON, try rules.canonicalJSON())
            try setSetting(db, Key.conversationMark, String(marks.conversations))
            try setSetting(db, Key.turnMark, String(marks.turns))
            try setSetting(db, Key.eventMark, String(marks.events))
            try setSetting(db, Key.outcomeRows, String(outcomeRows))
            try setSetting(db, Key.dailyZones, zones.map(\.identifier).joined(separator: ","))
            return RefreshSummary(
                recomputedConversations: dirtyCount, recomputedDays: days,
                totalConversations: try db.count("SELECT COUNT(*) FROM conversations"),
                rulesChanged: rulesChanged, logicChanged: logicChanged,
                previousRules: rulesChanged ? (previousVersion, previousHash ?? "") : nil,
                rulesVersion: rules.version, rulesHash: hash
            )
        }
    }

    // MARK: - Steps

    /// Marks conversations that are new, gained turns or events, or have no outcome yet.
    private static func markDirty(_ db: Database) throws {
        let conversationMark = Int(try setting(db, Key.conversationMark) ?? "") ?? 0
        let turnMark = Int(try setting(db, Key.turnMark) ?? "") ?? 0
        let eventMark = Int(try setting(db, Key.eventMark) ?? "") ?? 0
        try db.execute("INSERT OR IGNORE INTO dirty_conversations (id) SELECT id FROM conversations WHERE id > ?", [conversationMark])
        try db.execute("INSERT OR IGNORE INTO dirty_conversations (id) SELECT conversation_id FROM turns WHERE id > ?", [turnMark])
        try db.execute("INSERT OR IGNORE INTO dirty_conversations (id) SELECT conversation_id FROM events WHERE id > ?", [eventMark])
        // Conversations without an outcome row beyond the new ones: looked for only when the
        // counts say there are some (the anti-join reads every conversation of the store).
        // (Outcomes are computed up to the mark, so the new conversations have none; whole-table
        // counts are SQLite's fast path.)
        let withoutOutcome = try db.count("SELECT COUNT(*) FROM conversations") - db.count("SELECT COUNT(*) FROM outcomes")
            - db.count("SELECT COUNT(*) FROM conversations WHERE id > ?", [conversationMark])
        guard withoutOutcome != 0 else { return }
        try db.execute("""
            INSERT OR IGNORE INTO dirty_conversations (id)
            SELECT c.id FROM conversations c LEFT JOIN outcomes o ON o.conversation_id = c.id
            WHERE o.conversation_id IS NULL
            """)
    }

    /// Recomputes the "next conversation" and the deflection flags of the conversations a
    /// change can affect; returns the start times of those whose stored return values changed.
    ///
    /// A conversation's next one changes only when a conversation of the same user appears,
    /// moves or goes between them. So besides the dirty conversations themselves, only each
    /// dirty conversation's predecessors (the same user's conversations from the latest start
    /// before it up to its own start) and the conversations that pointed at a dirty one's old
    /// start (`return_scope`, filled before the rows were replaced) are checked: the work follows
    /// the new conversations, not the user's whole history.
    private static func refreshReturns(_ db: Database, rules: OutcomeRules, everything: Bool) throws -> [Int64] {
        if !everything {
            try db.execute("""
                INSERT OR IGNORE INTO temp.return_scope (id) SELECT id FROM dirty_conversations;
                INSERT OR IGNORE INTO temp.return_scope (id)
                SELECT o.conversation_id FROM dirty_conversations d JOIN outcomes nd ON nd.conversation_id = d.id
                JOIN outcomes o ON o.user_id = nd.user_id AND o.started_at <= nd.started_at
                    AND o.started_at >= COALESCE((SELECT MAX(p.started_at) FROM outcomes p
                                                  WHERE p.user_id = nd.user_id AND p.started_at < nd.started_at), nd.started_at)
                WHERE nd.user_id IS NOT NULL AND nd.started_at IS NOT NULL;
                """)
        }
        let scope = everything ? "1 = 1" : "conversation_id IN (SELECT id FROM temp.return_scope)"
        try db.execute("CREATE TEMP TABLE previous_returns AS SELECT conversation_id, next_started_at, deflected, durably_resolved FROM outcomes WHERE \(scope)")
        try db.execute("""
            UPDATE outcomes SET next_started_at = (
                SELECT MIN(later.started_at) FROM outcomes later
                WHERE later.user_id = outcomes.user_id AND later.conversation_id <> outcomes.conversation_id
                  AND (later.started_at > outcomes.started_at
                       OR (later.started_at = outcomes.started_at AND later.conversation_id > outcomes.conversation_id))
            )
            WHERE conversation_id IN (SELECT conversation_id FROM temp.previous_returns)
            """)
        try db.execute("""
            UPDATE outcomes SET
                deflected = CASE WHEN contained = 1 AND NOT (next_started_at IS NOT NULL AND ended_at IS NOT NULL AND next_started_at - ended_at <= ?) THEN 1 ELSE 0 END,
                durably_resolved = CASE WHEN resolved = 1 AND NOT (next_started_at IS NOT NULL AND ended_at IS NOT NULL AND next_started_at - ended_at <= ?) THEN 1 ELSE 0 END
            WHERE conversation_id IN (SELECT conversation_id FROM temp.previous_returns)
            """, [rules.returnWindows.deflectionMilliseconds, rules.returnWindows.durableMilliseconds])
        var starts: [Int64] = []
        try db.prepare("""
            SELECT o.started_at FROM outcomes o JOIN temp.previous_returns p ON p.conversation_id = o.conversation_id
            WHERE o.started_at IS NOT NULL AND (o.next_started_at IS NOT p.next_started_at OR o.deflected <> p.deflected OR o.durably_resolved <> p.durably_resolved)
            """).forEachRow {
            if let start = $0[0].int64 { starts.append(start) }
        }
        return starts
    }

    private static func storedZones(_ db: Database) throws -> [LocalTime] {
        guard let list = try setting(db, Key.dailyZones) else { return [] }
        return list.split(separator: ",").compactMap { try? LocalTime(identifier: String($0)) }
    }

    static func setting(_ db: Database, _ key: String) throws -> String? {
        try db.scalar("SELECT value FROM settings WHERE key = ?", [key])?.string
    }

    static func setSetting(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])
    }
}
