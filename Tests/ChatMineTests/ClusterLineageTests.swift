import Testing
@testable import ChatMine

/// Builds a small store of conversations for intent discovery tests.
struct IntentStoreBuilder {
    let db: Database
    private(set) var next = 0

    init() throws {
        db = try Database(path: ":memory:")
    }

    /// One single-turn conversation; returns the turn id.
    @discardableResult
    mutating func userTurn(_ text: String, at ts: Int64, intent: String? = nil, confidence: Double? = nil, handoff: Bool = false) throws -> Int64 {
        next += 1
        // As ingest does: a conversation spans the times of its records.
        try db.execute("INSERT INTO conversations (external_id, started_at, ended_at) VALUES (?1, ?2, ?3)",
                       ["conv\(next)", ts, handoff ? ts + 1 : ts])
        let conversation = db.lastInsertedRowID
        try db.execute("""
            INSERT INTO turns (conversation_id, record_key, content_hash, ts, role, text, intent, confidence)
            VALUES (?1, ?2, ?2, ?3, 'user', ?4, ?5, ?6)
            """, [conversation, DatabaseValue.blob(Array("t\(next)".utf8)), ts, text, intent, confidence])
        let turn = db.lastInsertedRowID
        if handoff {
            try db.execute("INSERT INTO events (conversation_id, record_key, content_hash, ts, kind) VALUES (?1, ?2, ?2, ?3, 'handoff')",
                           [conversation, DatabaseValue.blob(Array("e\(next)".utf8)), ts + 1])
        }
        return turn
    }
}

@Suite("Cluster lineage and the cluster command's store")
struct ClusterLineageTests {
    let day1: Int64 = 1_793_491_200_000
    let day: Int64 = 86_400_000

    @Test func candidatesAreTheTurnsNotUnderstood() throws {
        var store = try IntentStoreBuilder()
        let fallbackIntent = try store.userTurn("a", at: day1, intent: "NLU_Fallback", confidence: 0.9)
        let noIntent = try store.userTurn("b", at: day1)
        let lowConfidence = try store.userTurn("c", at: day1, intent: "track_order", confidence: 0.3)
        try store.userTurn("d", at: day1, intent: "track_order", confidence: 0.95)
        try store.userTurn("e", at: day1 + day, intent: nil)
        // A fallback event right after an otherwise confident turn.
        let withEvent = try store.userTurn("f", at: day1, intent: "greet", confidence: 0.99)
        try store.db.execute("INSERT INTO events (conversation_id, record_key, content_hash, ts, kind) SELECT conversation_id, X'01', X'01', ts + 5, 'fallback' FROM turns WHERE id = ?1", [withEvent])
        let found = try CandidateSource(db: store.db).candidates(since: day1, until: day1 + day).map(\.turnID)
        #expect(found == [fallbackIntent, noIntent, lowConfidence, withEvent])
    }

    @Test func matcherPairsBySimilarityAndOverlap() {
        let a = LineageCandidate(centroid: [1, 0, 0], members: [1, 2, 3], size: 3)
        let b = LineageCandidate(centroid: [0, 1, 0], members: [4, 5], size: 2)
        let previous = [b, a]
        let nowA = LineageCandidate(centroid: [0.96, 0.28, 0], members: [], size: 5)
        let nowNew = LineageCandidate(centroid: [0, 0, 1], members: [], size: 4)
        let nowB = LineageCandidate(centroid: [0, 0.6, 0.8], members: [4, 5, 9], size: 3)
        let matches = ClusterLineage().match(current: [nowA, nowNew, nowB], previous: previous)
        #expect(matches[0]?.previous == 1)
        #expect(matches[1] == nil)
        #expect(matches[2]?.previous == 0)
        #expect(matches[2]?.overlap == 1)
    }

    @Test func trendsFollowSizes() {
        #expect(ClusterTrend.between(previous: nil, current: 5) == .new)
        #expect(ClusterTrend.between(previous: 10, current: 20) == .growing)
        #expect(ClusterTrend.between(previous: 10, current: 11) == .stable)
        #expect(ClusterTrend.between(previous: 10, current: 5) == .shrinking)
        // 30 in a 3-day window is 40 for a 4-day one: 40 now is stable, not growing.
        let scaled = ClusterRun.comparableSize(30, window: 3 * day, current: 4 * day)
        #expect(scaled == 40)
        #expect(ClusterTrend.between(previous: scaled, current: 40) == .stable)
        #expect(ClusterRun.comparableSize(30, window: nil, current: 4 * day) == 30)
    }

    @Test func aGrownClusterKeepsItsIdAndANewTopicGetsANewOne() throws {
        var store = try IntentStoreBuilder()
        let password = IntentSamples.topics["reset_password"] ?? []
        let order = IntentSamples.topics["track_order"] ?? []
        let subscription = IntentSamples.topics["cancel_subscription"] ?? []
        for text in password + order { try store.userTurn(text, at: day1, intent: "nlu_fallback", confidence: 0.2, handoff: true) }
        for text in ["what is my balance", "show my balance", "balance please", "how much money do i have"] {
            try store.userTurn(text, at: day1, intent: "check_balance", confidence: 0.97)
        }
        var settings = ClusteringSettings()
        settings.seed = 7
        let run = ClusterRun(db: store.db, discovery: IntentDiscovery(embedder: TFIDFEmbedder(), settings: settings))
        let first = try run.run(since: day1, until: day1 + day)
        #expect(first.clusters.count == 2)
        #expect(first.clusters.allSatisfy { $0.trend == .new })
        let passwordBefore = try #require(first.clusters.first { $0.topTerms.contains("password") })
        try store.db.execute("UPDATE suggestions SET status = 'accepted', accepted_name = 'reset_password' WHERE lineage_id = ?1", [passwordBefore.lineageID])

        // Day 2: the password topic doubles, orders stay, subscriptions appear.
        for text in password + password + order + subscription {
            try store.userTurn(text, at: day1 + day, intent: nil)
        }
        let second = try run.run(since: day1 + day, until: day1 + 2 * day)
        #expect(second.clusters.count == 3)
        let passwordAfter = try #require(second.clusters.first { $0.topTerms.contains("password") })
        #expect(passwordAfter.lineageID == passwordBefore.lineageID)
        #expect(passwordAfter.trend == .growing)
        #expect(passwordAfter.recommendation == "add_phrases")
        #expect(passwordAfter.nearestIntent == "reset_password")
        let subscriptionAfter = try #require(second.clusters.first { $0.topTerms.contains("subscription") })
        #expect(!first.clusters.map(\.lineageID).contains(subscriptionAfter.lineageID))
        #expect(subscriptionAfter.trend == .new)
        #expect(subscriptionAfter.recommendation == "new_intent")
        let status = try store.db.scalar("SELECT status FROM suggestions WHERE lineage_id = ?1", [passwordBefore.lineageID])
        #expect(status?.string == "accepted")
        let members = try store.db.count("SELECT COUNT(*) FROM cluster_members m JOIN clusters c ON c.id = m.cluster_id WHERE c.cluster_run_id = ?1", [second.runID])
        #expect(members == second.clustered)
    }

    @Test func aVanishedClusterIsMarkedGone() throws {
        var store = try IntentStoreBuilder()
        let password = IntentSamples.topics["reset_password"] ?? []
        let order = IntentSamples.topics["track_order"] ?? []
        for text in password + order { try store.userTurn(text, at: day1) }
        let run = ClusterRun(db: store.db, discovery: IntentDiscovery(embedder: TFIDFEmbedder()))
        let first = try run.run(since: day1, until: day1 + day)
        for text in password { try store.userTurn(text, at: day1 + day) }
        let second = try run.run(since: day1 + day, until: day1 + 2 * day)
        let orderBefore = try #require(first.clusters.first { $0.topTerms.contains("order") })
        #expect(second.gone == [orderBefore.lineageID])
        let trend = try store.db.scalar("SELECT trend FROM clusters WHERE cluster_run_id = ?1 AND lineage_id = ?2", [second.runID, orderBefore.lineageID])
        #expect(trend?.string == "gone")
    }
}
