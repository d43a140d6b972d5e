/// The store's schema, as numbered migrations. Documented table by table in docs/SCHEMA.md.
enum Schema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "foundation", sql: foundation),
        Migration(version: 2, name: "sentiment", sql: sentiment),
        Migration(version: 3, name: "outcomes and daily metrics", sql: MetricsSchema.sql),
        Migration(version: 4, name: "intent discovery", sql: intentDiscovery),
        Migration(version: 5, name: "review history", sql: reviewHistory),
        Migration(version: 6, name: "report day parts", sql: ReportDaySchema.sql),
        Migration(version: 7, name: "conversations by end", sql: conversationsByEnd),
    ]

    /// Finds the conversations still active at or after a moment (a window's start) without
    /// reading the whole store: with `started_at`, it bounds a window from both sides.
    static let conversationsByEnd = """
    CREATE INDEX conversations_ended ON conversations(ended_at);
    """

    /// Sources, conversations, turns, events, rejects, runs and settings.
    static let foundation = """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        format TEXT NOT NULL,
        compressed INTEGER NOT NULL DEFAULT 0,
        head_hash BLOB NOT NULL,
        consumed_hash BLOB NOT NULL,
        size INTEGER NOT NULL,
        bytes_consumed INTEGER NOT NULL,
        records_consumed INTEGER NOT NULL,
        lines_consumed INTEGER NOT NULL,
        turns INTEGER NOT NULL DEFAULT 0,
        events INTEGER NOT NULL DEFAULT 0,
        rejects INTEGER NOT NULL DEFAULT 0,
        first_seen_at TEXT NOT NULL,
        last_ingested_at TEXT NOT NULL
    );
    CREATE INDEX sources_path ON sources(path);
    CREATE INDEX sources_head ON sources(head_hash);

    CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        external_id TEXT NOT NULL UNIQUE,
        user_id TEXT,
        channel TEXT,
        started_at INTEGER,
        ended_at INTEGER,
        source_id INTEGER REFERENCES sources(id)
    );
    CREATE INDEX conversations_started ON conversations(started_at);
    CREATE INDEX conversations_user ON conversations(user_id, started_at);

    CREATE TABLE turns (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id),
        record_key BLOB NOT NULL,
        content_hash BLOB,
        message_id TEXT,
        ts INTEGER,
        role TEXT NOT NULL CHECK (role IN ('user', 'bot', 'agent', 'system', 'tool')),
        text TEXT NOT NULL,
        intent TEXT,
        confidence REAL,
        source_id INTEGER REFERENCES sources(id),
        source_line INTEGER,
        UNIQUE (conversation_id, record_key)
    );

    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id),
        record_key BLOB NOT NULL,
        content_hash BLOB,
        event_id TEXT,
        ts INTEGER,
        kind TEXT NOT NULL CHECK (kind IN ('handoff', 'api_call', 'resolved', 'csat', 'fallback', 'session_end')),
        name TEXT,
        status TEXT,
        ok INTEGER,
        latency_ms REAL,
        score REAL,
        source_id INTEGER REFERENCES sources(id),
        source_line INTEGER,
        UNIQUE (conversation_id, record_key)
    );

    CREATE TABLE rejects (
        id INTEGER PRIMARY KEY,
        source_id INTEGER REFERENCES sources(id),
        path TEXT NOT NULL,
        line INTEGER NOT NULL,
        reason TEXT NOT NULL,
        raw TEXT NOT NULL,
        rejected_at TEXT NOT NULL,
        UNIQUE (source_id, line)
    );

    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'ok', 'failed', 'rejected')),
        pid INTEGER,
        counts TEXT,
        error TEXT
    );

    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """

    /// Per-turn sentiment scores and per-conversation sentiment summaries (docs/SCHEMA-sentiment.md).
    static let sentiment = """
    CREATE TABLE turn_sentiment (
        turn_id INTEGER PRIMARY KEY REFERENCES turns(id) ON DELETE CASCADE,
        score REAL NOT NULL,
        label TEXT NOT NULL CHECK (label IN ('negative', 'neutral', 'positive'))
    );

    CREATE TABLE conversation_sentiment (
        conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
        user_turns INTEGER,
        mean REAL,
        first_to_last REAL,
        minimum REAL,
        frustrated INTEGER NOT NULL,
        reasons TEXT
    );
    CREATE INDEX conversation_sentiment_frustrated ON conversation_sentiment(frustrated);
    """
}
