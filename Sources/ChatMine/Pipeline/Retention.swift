import CSQLite
import Foundation

/// What a retention pass did.
public struct RetentionSummary: Sendable, Equatable {
    /// Turns whose text was removed in this pass.
    public var turnsCleared = 0
    /// Pages handed back to the file system by incremental vacuum.
    public var pagesReclaimed = 0
    /// Whether this pass switched the store to incremental auto-vacuum (a one-time full VACUUM).
    public var enabledAutoVacuum = false
}

/// Removes the raw text of old turns while keeping the rows and everything computed from them
/// (intents, outcomes, sentiment, clusters, daily aggregates), then reclaims the space.
///
/// Text is set to '' (the column is NOT NULL); `settings.retention.cutoff` (epoch ms) records up
/// to when text was removed. The cleared rows are rewritten, not updated in place: an update
/// leaves every page it touches partly filled (chat turns are short, so no page ever empties and
/// incremental vacuum has nothing to give back), while deleting a run of rows in id order and
/// inserting them again without their text packs them into fewer pages and frees the rest. The
/// rows keep their ids, and foreign keys are off during the rewrite so that the scores and
/// cluster memberships that reference them are not cascaded away. Outcomes are not recomputed when text changes, so KPIs stay as they were;
/// a later change of outcome rules recomputes old conversations without their text (the
/// trade-off is in docs/NIGHTLY.md).
public struct Retention {
    /// Turns rewritten per transaction, so a kill loses at most one batch of (idempotent) work.
    static let batchSize = 20_000
    /// Most pages freed per pass (about 256 MiB at 4 KiB pages), to bound the night's I/O.
    static let maxVacuumPages = 65_536
    static let cutoffKey = "retention.cutoff"
    static let turnMarkKey = "retention.turn_mark"

    let db: Database

    /// A retention pass over `db`.
    public init(db: Database) {
        self.db = db
    }

    /// Clears the text of turns of conversations that started before `now - days`, then frees pages.
    ///
    /// Incremental: only conversations that crossed the cutoff since the last pass (found through
    /// the index on `started_at`) and conversations with turns stored since then are visited.
    public func run(days: Int, now: Int64 = Timestamp.now()) throws -> RetentionSummary {
        var summary = RetentionSummary()
        let cutoff = now - Int64(days) * 86_400_000
        let previousCutoff = Int64(try setting(Self.cutoffKey) ?? "") ?? Int64.min
        let turnMark = Int64(try setting(Self.turnMarkKey) ?? "") ?? 0
        let newTurnMark = Int64(try db.count("SELECT COALESCE(MAX(id), 0) FROM turns"))
        var conversations = Set<Int64>()
        try db.prepare("SELECT id FROM conversations WHERE started_at >= ? AND started_at < ?").forEachRow([previousCutoff, cutoff]) {
            if let id = $0[0].int64 { conversations.insert(id) }
        }
        try db.prepare("""
            SELECT DISTINCT c.id FROM turns t JOIN conversations c ON c.id = t.conversation_id
            WHERE t.id > ? AND t.id <= ? AND c.started_at < ?
            """).forEachRow([turnMark, newTurnMark, cutoff]) {
            if let id = $0[0].int64 { conversations.insert(id) }
        }
        var turns: [Int64] = []
        let find = try db.prepare("SELECT id FROM turns WHERE conversation_id = ? AND text <> ''")
        for id in conversations {
            try find.forEachRow([id]) { if let turn = $0[0].int64 { turns.append(turn) } }
        }
        summary.turnsCleared = try rewriteWithoutText(turns.sorted())
        // The marks move only after the text is gone, so a pass killed midway is redone in full.
        try db.inTransaction {
            try setSetting(Self.cutoffKey, String(max(cutoff, previousCutoff)))
            try setSetting(Self.turnMarkKey, String(newTurnMark))
        }
        if summary.turnsCleared > 0 {
            summary.enabledAutoVacuum = try enableIncrementalVacuum()
            summary.pagesReclaimed = try reclaim()
        }
        return summary
    }

    /// Rewrites these turns (ids ascending) with empty text, `batchSize` turns per transaction,
    /// so that the pages they filled are packed and the rest freed. Returns the turns rewritten.
    func rewriteWithoutText(_ ids: [Int64]) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        // Deleting a turn would cascade to turn_sentiment and cluster_members; the rows come back
        // at once with the same ids, so the references stay true. The pragma is a no-op inside a
        // transaction, hence set around them.
        try db.execute("PRAGMA foreign_keys = OFF")
        defer { try? db.execute("PRAGMA foreign_keys = ON") }
        try db.execute("""
            DROP TABLE IF EXISTS temp.retention_ids; CREATE TEMP TABLE retention_ids (id INTEGER PRIMARY KEY);
            DROP TABLE IF EXISTS temp.retention_rows; CREATE TEMP TABLE retention_rows AS SELECT * FROM main.turns WHERE 0;
            """)
        defer { try? db.execute("DROP TABLE IF EXISTS temp.retention_ids; DROP TABLE IF EXISTS temp.retention_rows") }
        let mark = try db.prepare("INSERT INTO temp.retention_ids (id) VALUES (?)")
        var rewritten = 0
        var start = 0
        while start < ids.count {
            let chunk = ids[start..<min(ids.count, start + Self.batchSize)]
            try db.inTransaction {
                try db.execute("DELETE FROM temp.retention_ids; DELETE FROM temp.retention_rows")
                for id in chunk { try mark.execute([id]) }
                try db.execute("""
                    INSERT INTO temp.retention_rows SELECT * FROM main.turns WHERE id IN (SELECT id FROM temp.retention_ids) AND text <> '';
                    UPDATE temp.retention_rows SET text = '';
                    DELETE FROM main.turns WHERE id IN (SELECT id FROM temp.retention_rows);
                    INSERT INTO main.turns SELECT * FROM temp.retention_rows ORDER BY id;
                    """)
                rewritten += try db.count("SELECT COUNT(*) FROM temp.retention_rows")
            }
            start += chunk.count
        }
        return rewritten
    }

    private func setting(_ key: String) throws -> String? {
        try db.scalar("SELECT value FROM settings WHERE key = ?", [key])?.string
    }

    private func setSetting(_ key: String, _ value: String) throws {
        try db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])
    }

    /// Switches the store to incremental auto-vacuum when it is not yet (needs one full VACUUM,
    /// which rewrites the file once and needs as much free disk as the store's size).
    /// Returns whether it did.
    func enableIncrementalVacuum() throws -> Bool {
        guard try db.count("PRAGMA auto_vacuum") != 2 else { return false }
        try db.execute("PRAGMA auto_vacuum = INCREMENTAL")
        try db.execute("VACUUM")
        return true
    }

    /// Frees up to `maxVacuumPages` free pages; returns how many were freed.
    func reclaim() throws -> Int {
        guard try db.count("PRAGMA auto_vacuum") == 2 else { return 0 }
        let before = try db.count("PRAGMA freelist_count")
        guard before > 0 else { return 0 }
        _ = try db.rows("PRAGMA incremental_vacuum(\(min(before, Self.maxVacuumPages)))")
        return before - (try db.count("PRAGMA freelist_count"))
    }

    /// Makes a new, empty store use incremental auto-vacuum from the start. SQLite takes the
    /// setting only before the first table and before the switch to WAL, which `Database`
    /// makes on open, so this writes the header on a bare connection first. Does nothing to an
    /// existing store.
    public static func prepareNewStore(path: String) throws {
        guard path != ":memory:", !FileManager.default.fileExists(atPath: path) else { return }
        var raw: OpaquePointer?
        let code = sqlite3_open_v2(path, &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        defer { sqlite3_close_v2(raw) }
        guard code == SQLITE_OK, let handle = raw else {
            throw DatabaseError(code: code, message: "cannot create the store at \(path)")
        }
        let sql = "PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL;"
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else {
            throw DatabaseError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
    }
}
