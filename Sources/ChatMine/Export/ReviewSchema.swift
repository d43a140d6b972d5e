extension Schema {
    /// Migration 5: the history of review decisions on suggested intents (the current state
    /// lives in `suggestions`; this keeps who-decided-what-when for `suggestions show`).
    static let reviewHistory = """
    CREATE TABLE suggestion_decisions (
        id INTEGER PRIMARY KEY,
        lineage_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'rename', 'merge')),
        value TEXT,
        reason TEXT,
        decided_at TEXT NOT NULL
    );
    CREATE INDEX suggestion_decisions_lineage ON suggestion_decisions(lineage_id, id);
    """
}
