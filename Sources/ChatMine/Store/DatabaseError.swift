/// An error reported by SQLite, with its extended result code, message and the SQL it ran.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    /// SQLite's extended result code.
    public let code: Int32
    /// SQLite's own message.
    public let message: String
    /// The statement being prepared or run, if any.
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql {
            let oneLine = sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            let cut = oneLine.count > 200 ? String(oneLine.prefix(200)) + "…" : oneLine
            text += " — while executing `\(cut)`"
        }
        return text
    }
}

import Foundation
