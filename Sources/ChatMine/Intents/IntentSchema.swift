extension Schema {
    /// Migration 4: intent discovery runs, clusters with lineage, members and suggestions.
    /// Documented in docs/SCHEMA-intents.md.
    static let intentDiscovery = """
    CREATE TABLE cluster_runs (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        since_ts INTEGER,
        until_ts INTEGER,
        embedder TEXT NOT NULL,
        seed INTEGER NOT NULL,
        k_requested INTEGER,
        k_chosen INTEGER NOT NULL,
        min_cluster_size INTEGER NOT NULL,
        candidates INTEGER NOT NULL,
        distinct_texts INTEGER NOT NULL,
        clustered INTEGER NOT NULL,
        noise INTEGER NOT NULL,
        seconds REAL NOT NULL
    );

    CREATE TABLE clusters (
        id INTEGER PRIMARY KEY,
        cluster_run_id INTEGER NOT NULL REFERENCES cluster_runs(id) ON DELETE CASCADE,
        lineage_id TEXT NOT NULL,
        name TEXT NOT NULL,
        top_terms TEXT NOT NULL,
        phrases TEXT NOT NULL,
        example_conversations TEXT NOT NULL,
        size INTEGER NOT NULL,
        distinct_texts INTEGER NOT NULL,
        share REAL NOT NULL,
        cohesion REAL NOT NULL,
        centroid BLOB,
        dimensions INTEGER NOT NULL,
        trend TEXT NOT NULL CHECK (trend IN ('new', 'growing', 'stable', 'shrinking', 'gone')),
        previous_size INTEGER,
        matched_similarity REAL,
        matched_overlap REAL,
        nearest_intent TEXT,
        similarity REAL,
        margin REAL,
        recommendation TEXT NOT NULL CHECK (recommendation IN ('add_phrases', 'new_intent', 'none')),
        conversations INTEGER NOT NULL,
        escalation_rate REAL NOT NULL,
        fallback_rate REAL NOT NULL,
        gain REAL NOT NULL,
        UNIQUE (cluster_run_id, lineage_id)
    );
    CREATE INDEX clusters_lineage ON clusters(lineage_id, cluster_run_id);

    CREATE TABLE cluster_members (
        cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
        turn_id INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
        similarity REAL NOT NULL,
        PRIMARY KEY (cluster_id, turn_id)
    ) WITHOUT ROWID;
    CREATE INDEX cluster_members_turn ON cluster_members(turn_id);

    CREATE TABLE suggestions (
        lineage_id TEXT PRIMARY KEY,
        cluster_id INTEGER REFERENCES clusters(id) ON DELETE SET NULL,
        cluster_run_id INTEGER REFERENCES cluster_runs(id) ON DELETE SET NULL,
        name TEXT NOT NULL,
        recommendation TEXT NOT NULL CHECK (recommendation IN ('add_phrases', 'new_intent', 'none')),
        nearest_intent TEXT,
        similarity REAL,
        margin REAL,
        size INTEGER NOT NULL,
        trend TEXT NOT NULL,
        gain REAL NOT NULL,
        rank INTEGER,
        top_terms TEXT NOT NULL,
        phrases TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected', 'merged')),
        accepted_name TEXT,
        merged_into TEXT,
        reason TEXT,
        decided_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX suggestions_rank ON suggestions(status, gain DESC);
    """
}
