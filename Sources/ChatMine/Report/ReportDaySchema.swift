/// Migration 6: the report's per-day parts (docs/SCHEMA.md, "report_days").
enum ReportDaySchema {
    /// The migration's SQL. The tables are caches: empty after the migration, filled day by day
    /// by the next report, and rebuilt for a day whenever its outcomes or scores change.
    static let sql = """
    CREATE TABLE report_days (
        tz TEXT NOT NULL,
        day TEXT NOT NULL,
        format INTEGER NOT NULL,
        rules_hash TEXT NOT NULL,
        lexicon TEXT NOT NULL,
        part TEXT NOT NULL,
        computed_at INTEGER NOT NULL,
        PRIMARY KEY (tz, day)
    );

    CREATE TABLE report_day_values (
        tz TEXT NOT NULL,
        day TEXT NOT NULL,
        measure TEXT NOT NULL,
        value INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (tz, measure, day, value)
    ) WITHOUT ROWID;
    """

    /// Forgets the parts of these local days of a zone (their conversations changed).
    static func invalidate(db: Database, zone: String, days: [String]) throws {
        guard try exists(db) else { return }
        let parts = try db.prepare("DELETE FROM report_days WHERE tz = ? AND day = ?")
        let values = try db.prepare("DELETE FROM report_day_values WHERE tz = ? AND day = ? AND measure = ?")
        for day in days {
            try parts.execute([zone, day])
            for measure in ReportDayValues.storedMeasures { try values.execute([zone, day, measure]) }
        }
    }

    /// Forgets the parts of a zone's days before `day` (YYYY-MM-DD): nightly keeps only what its
    /// next windows can use, so the cache does not grow with the store; an older window asked
    /// for by hand computes its days again.
    static func prune(db: Database, zone: String, before day: String) throws {
        guard try exists(db) else { return }
        try db.inTransaction {
            try db.execute("DELETE FROM report_days WHERE tz = ? AND day < ?", [zone, day])
            for measure in ReportDayValues.storedMeasures {
                try db.execute("DELETE FROM report_day_values WHERE tz = ? AND measure = ? AND day < ?", [zone, measure, day])
            }
        }
    }

    /// Forgets every part of a zone.
    static func invalidateAll(db: Database, zone: String) throws {
        guard try exists(db) else { return }
        try db.execute("DELETE FROM report_days WHERE tz = ?", [zone])
        try db.execute("DELETE FROM report_day_values WHERE tz = ?", [zone])
    }

    /// False on a store opened by code older than migration 6 (tests that build schemas by hand).
    private static func exists(_ db: Database) throws -> Bool {
        try db.count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'report_days'") > 0
    }
}
