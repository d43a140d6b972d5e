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
/// to when text was removed. Outcomes are not recomputed when text changes, so KPIs stay as they were;
/// a later change of outcome rules recomputes old conversations without their text (the
/// trade-off is in docs/NIGHTLY.md).
public struct Retention {
    /// Conversations cleared per transaction, so a kill loses at most one batch of (idempotent) work.
    static let batchSize = 2_000
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
        let clear = try db.prepare("UPDATE turns SET text = '' WHERE conversation_id = ? AND text <> ''")
        let ordered = conversations.sorted()
        var start = 0
        while start < ordered.count {
            let chunk = ordered[start..<min(ordered.count, start + Self.batchSize)]
            try db.inTransaction {
                for id in chunk {
                    try clear.execute([id])
                    summary.turnsCleared += db.changes
                }
            }
            start += chunk.count
        }
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
