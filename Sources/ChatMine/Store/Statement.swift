import CSQLite

/// One row of a query result; columns by index or by name.
public struct Row: Sendable {
    /// Column names, in order.
    public let columns: [String]
    /// Values, in column order.
    public let values: [DatabaseValue]

    /// The value of the named column, or `.null` when there is no such column.
    public subscript(name: String) -> DatabaseValue {
        guard let index = columns.firstIndex(of: name) else { return .null }
        return values[index]
    }

    /// The value at a column index.
    public subscript(index: Int) -> DatabaseValue { values[index] }
}

/// A prepared statement, reused across calls and finalised when released.
public final class Statement {
    fileprivate let database: Database
    fileprivate let handle: OpaquePointer
    /// The SQL text this statement was prepared from.
    public let sql: String

    init(database: Database, sql: String) throws {
        var raw: OpaquePointer?
        let code = sqlite3_prepare_v2(database.handle, sql, -1, &raw, nil)
        guard code == SQLITE_OK, let prepared = raw else {
            throw database.lastError(code: code, sql: sql)
        }
        self.database = database
        self.handle = prepared
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds arguments by position, after clearing earlier ones.
    public func bind(_ arguments: [DatabaseValueConvertible]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, argument) in arguments.enumerated() {
            try bind(argument.databaseValue, at: Int32(offset + 1))
        }
    }

    /// Binds one value at a 1-based position.
    public func bind(_ value: DatabaseValue, at index: Int32) throws {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let v): code = sqlite3_bind_int64(handle, index, v)
        case .real(let v): code = sqlite3_bind_double(handle, index, v)
        case .text(let v): code = sqlite3_bind_text(handle, index, v, -1, sqliteTransient)
        case .blob(let v):
            code = v.withUnsafeBytes { bytes in
                sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), sqliteTransient)
            }
        }
        guard code == SQLITE_OK else { throw database.lastError(code: code, sql: sql) }
    }

    /// Runs the statement to completion with these arguments.
    public func execute(_ arguments: [DatabaseValueConvertible] = []) throws {
        try bind(arguments)
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Every row the statement yields with these arguments.
    public func rows(_ arguments: [DatabaseValueConvertible] = []) throws -> [Row] {
        try bind(arguments)
        var result: [Row] = []
        let names = columnNames
        while try step() {
            result.append(Row(columns: names, values: currentValues()))
        }
        sqlite3_reset(handle)
        return result
    }

    /// Calls `body` for every row without collecting them, for large scans.
    public func forEachRow(_ arguments: [DatabaseValueConvertible] = [], _ body: (Row) throws -> Void) throws {
        try bind(arguments)
        let names = columnNames
        defer { sqlite3_reset(handle) }
        while try step() {
            try body(Row(columns: names, values: currentValues()))
        }
    }

    /// Advances one row; true while a row is available.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            sqlite3_reset(handle)
            throw database.lastError(code: code, sql: sql)
        }
    }

    /// Result column names.
    public var columnNames: [String] {
        (0..<sqlite3_column_count(handle)).map { String(cString: sqlite3_column_name(handle, $0)) }
    }

    private func currentValues() -> [DatabaseValue] {
        (0..<sqlite3_column_count(handle)).map { column(at: $0) }
    }

    private func column(at index: Int32) -> DatabaseValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, index) else { return .text("") }
            let length = Int(sqlite3_column_bytes(handle, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite3_column_bytes(handle, index))
            guard length > 0, let bytes = sqlite3_column_blob(handle, index) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: length)))
        default: return .null
        }
    }
}

extension Statement {
    /// Runs the statement once with values already bound by `bind(_:at:)`, then resets it.
    public func executeBound() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Binds a 16-byte digest as a blob without allocating.
    public func bind(_ digest: Digest128, at index: Int32) throws {
        let code = digest.withBytes { bytes in
            sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), sqliteTransient)
        }
        guard code == SQLITE_OK else { throw database.lastError(code: code, sql: sql) }
    }

    /// Resets the statement and clears its bindings before binding values one by one.
    public func clear() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds bytes as text (or a blob) without copying them: the caller keeps them alive and
    /// unchanged until the statement has run and its bindings are cleared.
    public func bindBorrowed(_ bytes: UnsafeRawBufferPointer, asText: Bool, at index: Int32) throws {
        let code: Int32
        if bytes.isEmpty {
            code = asText ? sqlite3_bind_text(handle, index, "", 0, sqliteTransient) : sqlite3_bind_zeroblob(handle, index, 0)
        } else if asText {
            code = sqlite3_bind_text(handle, index, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
        } else {
            code = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), nil)
        }
        guard code == SQLITE_OK else { throw database.lastError(code: code, sql: sql) }
    }

    /// Runs the statement once with values already bound and returns the first column of its
    /// first row as an integer (nil when there is no row), then resets it.
    public func firstIntegerBound() throws -> Int64? {
        defer { sqlite3_reset(handle) }
        guard try step() else { return nil }
        let value = sqlite3_column_type(handle, 0) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 0)
        while try step() {}
        return value
    }
}
