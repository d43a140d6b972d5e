import Foundation

/// A cluster of an earlier run, as lineage matching needs it.
struct StoredCluster {
    var rowID: Int64
    var lineageID: String
    var name: String
    var size: Int
    var phrases: [String]
    var members: Set<Int64>
    /// Length of that run's window in milliseconds, when it had both bounds.
    var windowMilliseconds: Int64?
}

/// Reads earlier clusters and writes a run's clusters, members and suggestions. Values are
/// always bound; suggestion review fields are never overwritten by a new run.
struct ClusterStore {
    let db: Database

    /// The latest appearance of every lineage that was alive (not gone) at its latest run.
    func livingLineages() throws -> [StoredCluster] {
        let rows = try db.rows("""
            SELECT c.id, c.lineage_id, c.name, c.size, c.phrases, r.until_ts - r.since_ts FROM clusters c
            JOIN (SELECT lineage_id, MAX(cluster_run_id) AS run FROM clusters GROUP BY lineage_id) latest
              ON latest.lineage_id = c.lineage_id AND latest.run = c.cluster_run_id
            JOIN cluster_runs r ON r.id = c.cluster_run_id
            WHERE c.trend <> 'gone'
            ORDER BY c.lineage_id
            """)
        let memberStatement = try db.prepare("SELECT turn_id FROM cluster_members WHERE cluster_id = ?1")
        return try rows.map { row in
            let id = row[0].int64 ?? 0
            var members = Set<Int64>()
            try memberStatement.forEachRow([id]) { if let turn = $0[0].int64 { members.insert(turn) } }
            return StoredCluster(rowID: id, lineageID: row[1].string ?? "", name: row[2].string ?? "",
                                 size: Int(row[3].int64 ?? 0), phrases: JSONText.stringArray(row[4].string ?? "[]"),
                                 members: members, windowMilliseconds: row[5].int64)
        }
    }

    /// The next unused lineage number (ids look like `C00042`).
    func nextLineageNumber() throws -> Int {
        var highest = 0
        try db.prepare("SELECT DISTINCT lineage_id FROM clusters").forEachRow { row in
            if let id = row[0].string, id.hasPrefix("C"), let number = Int(id.dropFirst()) { highest = max(highest, number) }
        }
        return highest + 1
    }

    /// Everything a run stores.
    struct RunRecord {
        var since: Int64?
        var until: Int64?
        var embedder: String
        var settings: ClusteringSettings
        var chosenK: Int
        var candidates: Int
        var distinctTexts: Int
        var clustered: Int
        var noise: Int
        var seconds: Double
        var clusters: [ClusterSummary]
        var centroids: [[Float]]
        /// Per cluster: (turn id, similarity) of each member.
        var members: [[(Int64, Float)]]
        var gone: [StoredCluster]
    }

    /// Writes one run in a single transaction and returns its id.
    @discardableResult
    func write(_ record: RunRecord) throws -> Int64 {
        let now = ISO8601DateFormatter().string(from: Date())
        return try db.inTransaction {
            try db.execute("""
                INSERT INTO cluster_runs (created_at, since_ts, until_ts, embedder, seed, k_requested, k_chosen,
                    min_cluster_size, candidates, distinct_texts, clustered, noise, seconds)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                """, [now, record.since.map { DatabaseValue.integer($0) } ?? .null, record.until.map { DatabaseValue.integer($0) } ?? .null,
                      record.embedder, Int64(bitPattern: record.settings.seed), record.settings.k, record.chosenK,
                      record.settings.minimumClusterSize, record.candidates, record.distinctTexts, record.clustered,
                      record.noise, record.seconds])
            let runID = db.lastInsertedRowID
            let insertCluster = try db.prepare("""
                INSERT INTO clusters (cluster_run_id, lineage_id, name, top_terms, phrases, example_conversations, size,
                    distinct_texts, share, cohesion, centroid, dimensions, trend, previous_size, nearest_intent, similarity,
                    margin, recommendation, conversations, escalation_rate, fallback_rate, gain, matched_similarity, matched_overlap)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)
                """)
            let insertMember = try db.prepare("INSERT INTO cluster_members (cluster_id, turn_id, similarity) VALUES (?1, ?2, ?3)")
            let upsertSuggestion = try db.prepare("""
                INSERT INTO suggestions (lineage_id, cluster_id, cluster_run_id, name, recommendation, nearest_intent,
                    similarity, margin, size, trend, gain, rank, top_terms, phrases, created_at, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)
                ON CONFLICT (lineage_id) DO UPDATE SET
                    cluster_id = excluded.cluster_id, cluster_run_id = excluded.cluster_run_id, name = excluded.name,
                    recommendation = excluded.recommendation, nearest_intent = excluded.nearest_intent,
                    similarity = excluded.similarity, margin = excluded.margin, size = excluded.size,
                    trend = excluded.trend, gain = excluded.gain, rank = excluded.rank, top_terms = excluded.top_terms,
                    phrases = excluded.phrases, updated_at = excluded.updated_at
                """)
            for (index, cluster) in record.clusters.enumerated() {
                let centroid = record.centroids[index]
                try insertCluster.execute([
                    runID, cluster.lineageID, cluster.name, JSONText.compactStrings(cluster.topTerms), JSONText.compactStrings(cluster.phrases),
                    JSONText.compactStrings(cluster.exampleConversations), cluster.size, cluster.distinctTexts, cluster.share,
                    cluster.cohesion, DatabaseValue.blob(Self.blob(centroid)), centroid.count, cluster.trend.rawValue,
                    cluster.previousSize, cluster.nearestIntent, cluster.similarity, cluster.margin, cluster.recommendation,
                    cluster.conversations, cluster.escalationRate, cluster.fallbackRate, cluster.gain,
                    cluster.matchedSimilarity, cluster.matchedOverlap,
                ])
                let clusterID = db.lastInsertedRowID
                for (turn, similarity) in record.members[index] {
                    try insertMember.execute([clusterID, turn, Double(similarity)])
                }
                try upsertSuggestion.execute([
                    cluster.lineageID, clusterID, runID, cluster.name, cluster.recommendation, cluster.nearestIntent,
                    cluster.similarity, cluster.margin, cluster.size, cluster.trend.rawValue, cluster.gain, cluster.rank,
                    JSONText.compactStrings(cluster.topTerms), JSONText.compactStrings(cluster.phrases), now,
                ])
            }
            for gone in record.gone {
                try db.execute("""
                    INSERT INTO clusters (cluster_run_id, lineage_id, name, top_terms, phrases, example_conversations, size,
                        distinct_texts, share, cohesion, centroid, dimensions, trend, previous_size, recommendation,
                        conversations, escalation_rate, fallback_rate, gain)
                    SELECT ?1, lineage_id, name, top_terms, phrases, '[]', 0, 0, 0, 0, NULL, 0, 'gone', size, 'none', 0, 0, 0, 0
                    FROM clusters WHERE id = ?2
                    """, [runID, gone.rowID])
                try db.execute("""
                    UPDATE suggestions SET trend = 'gone', size = 0, gain = 0, rank = NULL, cluster_id = NULL,
                        cluster_run_id = ?1, updated_at = ?2 WHERE lineage_id = ?3
                    """, [runID, now, gone.lineageID])
            }
            return runID
        }
    }

    /// Float32 values as little-endian bytes.
    static func blob(_ values: [Float]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 4)
        for value in values {
            let bits = value.bitPattern.littleEndian
            bytes.append(contentsOf: [UInt8(bits & 0xff), UInt8((bits >> 8) & 0xff), UInt8((bits >> 16) & 0xff), UInt8(bits >> 24)])
        }
        return bytes
    }

    /// The Float32 values of a blob written by `blob`.
    static func floats(_ bytes: [UInt8]) -> [Float] {
        stride(from: 0, to: bytes.count - 3, by: 4).map { i in
            Float(bitPattern: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
        }
    }
}
