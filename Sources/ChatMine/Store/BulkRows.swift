/// The values of one execution of a (multi-row) INSERT, gathered so they bind without allocating:
/// texts and digests are copied into one reusable byte buffer and bound in place, so neither
/// Swift (a C string per small text) nor SQLite (a copy per transient value) allocates per value.
/// Reused across executions; `removeAll()` keeps the capacity.
struct BulkRows {
    private enum Value {
        case null
        case integer(Int64)
        case real(Double)
        case bytes(start: Int, count: Int, text: Bool)
    }

    private var values: [Value] = []
    private var buffer: [UInt8] = []

    init() {
        values.reserveCapacity(1024)
        buffer.reserveCapacity(1 << 16)
    }

    /// The number of values appended since the last `removeAll()`.
    var count: Int { values.count }

    /// Forgets the values, keeping the storage.
    mutating func removeAll() {
        values.removeAll(keepingCapacity: true)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func append(_ text: String) {
        let start = buffer.count
        buffer.append(contentsOf: text.utf8)
        values.append(.bytes(start: start, count: buffer.count - start, text: true))
    }

    mutating func append(_ text: String?) {
        if let text { append(text) } else { values.append(.null) }
    }

    mutating func append(_ digest: Digest128) {
        let start = buffer.count
        digest.withBytes { buffer.append(contentsOf: $0) }
        values.append(.bytes(start: start, count: 16, text: false))
    }

    mutating func append(_ number: Int64?) {
        values.append(number.map { .integer($0) } ?? .null)
    }

    mutating func append(_ number: Double?) {
        values.append(number.map { .real($0) } ?? .null)
    }

    mutating func append(_ flag: Bool?) {
        values.append(flag.map { .integer($0 ? 1 : 0) } ?? .null)
    }

    /// Binds every value to `statement` (which has exactly `count` parameters), runs it once and
    /// returns the number of rows it changed.
    func execute(_ statement: Statement, in db: Database) throws -> Int {
        try bound(to: statement) {
            try statement.executeBound()
            return db.changes
        }
    }

    /// Binds every value to `statement`, runs it once and returns the first column of its first
    /// row as an integer (an `INSERT … RETURNING id`).
    func firstInteger(_ statement: Statement) throws -> Int64? {
        try bound(to: statement) { try statement.firstIntegerBound() }
    }

    /// Runs `body` with the values bound to `statement`; clears the bindings afterwards, so no
    /// pointer into the buffer outlives the call.
    private func bound<T>(to statement: Statement, _ body: () throws -> T) throws -> T {
        try buffer.withUnsafeBytes { bytes in
            defer { statement.clear() }
            for (offset, value) in values.enumerated() {
                let index = Int32(offset + 1)
                switch value {
                case .null: try statement.bind(.null, at: index)
                case .integer(let number): try statement.bind(.integer(number), at: index)
                case .real(let number): try statement.bind(.real(number), at: index)
                case .bytes(let start, let count, let text):
                    try statement.bindBorrowed(UnsafeRawBufferPointer(rebasing: bytes[start..<start + count]), asText: text, at: index)
                }
            }
            return try body()
        }
    }
}
