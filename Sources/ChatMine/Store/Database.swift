import CSQLite
import Foundation

/// SQLite's "copy this buffer now" destructor; the C macro is not imported into Swift.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// Process-wide SQLite settings, applied once before the first connection opens.
private let sqliteConfigured: Bool = {
    // Memory statistics cost a global mutex per allocation; chatmine never reads them.
    _ = chatmine_sqlite_disable_memstatus()
    return true
}()

/// The owner of one SQLite connection: opens, configures and migrates it, runs SQL and
/// transactions. Not `Sendable`: a connection belongs to one thread at a time.
public final class Database {
    /// The raw connection handle, for `Statement`.
    let handle: OpaquePointer
    /// Where the database lives (":memory:" for an in-memory one).
    public let path: String

    /// Opens (creating if needed) the database at `path`, configures it and applies migrations.
    public init(path: String, readOnly: Bool = false, migrate: Bool = true) throws {
        _ = sqliteConfigured
        var raw: OpaquePointer?
        let flags = readOnly
            ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &raw, flags, nil)
        guard let opened = raw else {
            throw DatabaseError(code: code, message: "cannot open database at \(path)")
        }
        guard code == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(opened))
            sqlite3_close_v2(opened)
            throw DatabaseError(code: code, message: "\(message) (opening \(path))")
        }
        handle = opened
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, 10_000)
        try execute("PRAGMA foreign_keys = ON")
        // Temporary tables (the KPI scope, sorts) are small; on disk each row was its own write.
        try execute("PRAGMA temp_store = MEMORY")
        if !readOnly && path != ":memory:" {
            let mode = try scalar("PRAGMA journal_mode = WAL")?.string?.lowercased()
            guard mode == "wal" else {
                throw DatabaseError(code: SQLITE_ERROR, message: "journal_mode WAL did not take (got \(mode ?? "nothing")) for \(path)")
            }
            try execute("PRAGMA synchronous = NORMAL")
        }
        if migrate && !readOnly {
            try Migrator.standard.migrate(self)
        }
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// The last error on this connection, with the SQL that caused it.
    func lastError(code: Int32, sql: String?) -> DatabaseError {
        DatabaseError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    // MARK: - Running SQL

    /// Runs one or more statements that take no arguments.
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(errorMessage)
            throw DatabaseError(code: sqlite3_extended_errcode(handle), message: message, sql: sql)
        }
    }

    /// Runs one statement with bound arguments.
    public func execute(_ sql: String, _ arguments: [DatabaseValueConvertible]) throws {
        let statement = try prepare(sql)
        try statement.execute(arguments)
    }

    /// Prepares a statement for repeated use.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// All rows of a query, each as an array of values.
    public func rows(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> [Row] {
        try prepare(sql).rows(arguments)
    }

    /// The first column of the first row, or nil when there is no row.
    public func scalar(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> DatabaseValue? {
        try prepare(sql).rows(arguments).first?.values.first
    }

    /// The first column of the first row as an integer (0 when absent or NULL).
    public func count(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> Int {
        Int(try scalar(sql, arguments)?.int64 ?? 0)
    }

    /// The rowid of the last inserted row.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    // MARK: - Transactions

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`; rolls back and rethrows on error.
    @discardableResult
    public func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The schema version recorded in `PRAGMA user_version`.
    public var userVersion: Int {
        get throws { try count("PRAGMA user_version") }
    }
}
