/// One numbered schema change.
public struct Migration: Sendable {
    /// The `user_version` the database has after this migration.
    public let version: Int
    /// What it adds, for logs.
    public let name: String
    /// The SQL it runs, inside the migration's transaction.
    public let sql: String
}

/// Applies numbered migrations keyed on `PRAGMA user_version`, each in its own transaction.
public struct Migrator: Sendable {
    /// Migrations in version order.
    public let migrations: [Migration]

    /// The product's schema history.
    public static let standard = Migrator(migrations: Schema.migrations)

    /// Brings the database to the newest version; refuses a database newer than this binary.
    public func migrate(_ db: Database) throws {
        let current = try db.userVersion
        let newest = migrations.last?.version ?? 0
        if current > newest {
            throw DatabaseError(code: 1, message: "the database \(db.path) has schema version \(current), newer than this chatmine (\(newest)); upgrade chatmine")
        }
        for migration in migrations where migration.version > current {
            try db.inTransaction {
                try db.execute(migration.sql)
                try db.execute("PRAGMA user_version = \(migration.version)")
            }
        }
    }
}
