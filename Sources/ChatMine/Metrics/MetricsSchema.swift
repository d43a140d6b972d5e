/// Migration 3: the outcome of every conversation and the daily aggregates of the KPI engine.
/// Documented column by column in docs/SCHEMA-metrics.md.
enum MetricsSchema {
    /// The migration's SQL.
    static let sql = """
    CREATE TABLE outcomes (
        conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
        outcome TEXT NOT NULL CHECK (outcome IN ('resolved', 'escalated', 'abandoned', 'unengaged')),
        engaged INTEGER NOT NULL,
        escalated INTEGER NOT NULL,
        contained INTEGER NOT NULL,
        resolved INTEGER NOT NULL,
        resolved_by TEXT CHECK (resolved_by IN ('event', 'csat', 'confirmation')),
        intent TEXT,
        channel TEXT,
        user_id TEXT,
        started_at INTEGER,
        ended_at INTEGER,
        duration_ms INTEGER,
        turns INTEGER NOT NULL,
        user_turns INTEGER NOT NULL,
        bot_user_turns INTEGER NOT NULL,
        fallback_turns INTEGER NOT NULL,
        bot_turns INTEGER NOT NULL,
        agent_turns INTEGER NOT NULL,
        csat REAL,
        api_calls INTEGER NOT NULL,
        api_failures INTEGER NOT NULL,
        escalated_after_api_failure INTEGER NOT NULL,
        next_started_at INTEGER,
        deflected INTEGER NOT NULL DEFAULT 0,
        durably_resolved INTEGER NOT NULL DEFAULT 0,
        rules_hash TEXT NOT NULL,
        computed_at INTEGER NOT NULL
    );
    CREATE INDEX outcomes_started ON outcomes(started_at);
    CREATE INDEX outcomes_user ON outcomes(user_id, started_at);

    CREATE TABLE daily_metrics (
        tz TEXT NOT NULL,
        day TEXT NOT NULL,
        channel TEXT NOT NULL,
        intent TEXT NOT NULL,
        conversations INTEGER NOT NULL,
        engaged INTEGER NOT NULL,
        contained INTEGER NOT NULL,
        escalated INTEGER NOT NULL,
        resolved INTEGER NOT NULL,
        abandoned INTEGER NOT NULL,
        unengaged INTEGER NOT NULL,
        deflected INTEGER NOT NULL,
        durably_resolved INTEGER NOT NULL,
        turns INTEGER NOT NULL,
        user_turns INTEGER NOT NULL,
        bot_user_turns INTEGER NOT NULL,
        fallback_turns INTEGER NOT NULL,
        csat_responses INTEGER NOT NULL,
        csat_sum REAL NOT NULL,
        csat_satisfied INTEGER NOT NULL,
        api_calls INTEGER NOT NULL,
        api_failures INTEGER NOT NULL,
        escalated_after_api_failure INTEGER NOT NULL,
        duration_ms_sum INTEGER NOT NULL,
        duration_n INTEGER NOT NULL,
        rules_hash TEXT NOT NULL,
        computed_at INTEGER NOT NULL,
        PRIMARY KEY (tz, day, channel, intent)
    );
    """
}
