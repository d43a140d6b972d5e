import Foundation

/// What one `chatmine score` run did.
public struct ScoreRunSummary: Sendable, Equatable {
    /// Turns that received a score.
    public var turnsScored: Int
    /// Conversations whose summary was written.
    public var conversationsUpdated: Int
    /// Wall-clock seconds.
    public var seconds: Double
    /// The lexicon version the scores were made with.
    public var lexiconVersion: String
    /// The lexicon version of earlier scores when it differs ("mixed" once several were used);
    /// old and new scores are then not comparable until `--rescore`.
    public var previousLexiconVersion: String?
}

/// Incremental sentiment scoring of the store: scores turns without a score and rewrites the
/// summary of every conversation that got new scores, in batched transactions.
public struct SentimentStore {
    /// The settings key recording the lexicon the stored scores came from.
    public static let lexiconSettingKey = "sentiment.lexicon"
    /// The settings key holding the highest turn id below which every turn has a score (written
    /// when a run completes), so a nightly run reads only the turns added since.
    public static let scoredThroughKey = "sentiment.scored_through"
    /// Turn ids read per pass: bounds memory on a store scored for the first time (a
    /// conversation split between two passes has its summary rewritten from the store).
    var chunkIDs: Int64 = 1_000_000
    /// Turns per transaction (batches end at conversation boundaries).
    static let batchTurns = 50_000

    let database: Database
    let scorer: SentimentScorer
    let signals: FrustrationSignals

    /// A scoring pass over `database` with `scorer`.
    public init(database: Database, scorer: SentimentScorer) throws {
        self.database = database
        self.scorer = scorer
        self.signals = try FrustrationSignals.builtIn()
    }

    /// Scores every unscored turn (all turns with `rescore`) and updates their conversations.
    public func run(rescore: Bool = false) throws -> ScoreRunSummary {
        let started = Date()
        let version = scorer.lexicon.version
        if rescore {
            try database.inTransaction {
                try database.execute("DELETE FROM turn_sentiment; DELETE FROM conversation_sentiment;")
                try database.execute("DELETE FROM settings WHERE key = ?", [Self.scoredThroughKey])
            }
        }
        let scoredThrough = try database.scalar("SELECT value FROM settings WHERE key = ?", [Self.scoredThroughKey])?.string.flatMap { Int64($0) } ?? 0
        let newestTurn = try database.scalar("SELECT max(id) FROM turns")?.int64 ?? 0
        let previous = try database.scalar("SELECT value FROM settings WHERE key = ?", [Self.lexiconSettingKey])?.string
        let hasScores = try database.count("SELECT EXISTS (SELECT 1 FROM turn_sentiment)") == 1
        let mixed = hasScores && previous != nil && previous != version
        // Once scores from two lexicons sit side by side, the setting says so until --rescore.
        let recorded = mixed ? "mixed" : version
        var turnsScored = 0
        var conversations = 0
        let insertTurn = try database.prepare("INSERT INTO turn_sentiment (turn_id, score, label) VALUES (?, ?, ?)")
        let writer = try ConversationSummaryWriter(database: database, signals: signals)
        // Turn ids in ranges of `chunkIDs`, so memory stays bounded however many turns wait.
        var chunkStart = scoredThrough
        while chunkStart < newestTurn {
            let chunkEnd = min(newestTurn, chunkStart + chunkIDs)
            let pending = try unscoredTurns(after: chunkStart, through: chunkEnd)
            var start = 0
            while start < pending.count {
                var end = min(pending.count, start + Self.batchTurns)
                while end < pending.count, pending[end].conversation == pending[end - 1].conversation { end += 1 }
                let batch = pending[start..<end]
                let scores = scorer.scores(batch.map(\.text))
                try database.inTransaction {
                    for (turn, score) in zip(batch, scores) {
                        try insertTurn.bind(.integer(turn.id), at: 1)
                        try insertTurn.bind(.real(score), at: 2)
                        try insertTurn.bind(.text(SentimentLabel(score: score).rawValue), at: 3)
                        try insertTurn.executeBound()
                    }
                    var groups: [(conversation: Int64, turns: [(turn: PendingTurn, score: Double)])] = []
                    for (turn, score) in zip(batch, scores) {
                        if groups.last?.conversation != turn.conversation { groups.append((turn.conversation, [])) }
                        groups[groups.count - 1].turns.append((turn, score))
                    }
                    conversations += try writer.rewrite(groups)
                    try database.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [Self.lexiconSettingKey, recorded])
                }
                start = end
            }
            turnsScored += pending.count
            // Every turn up to the chunk's end now has a score (later turns get higher ids).
            try database.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [Self.scoredThroughKey, String(chunkEnd)])
            chunkStart = chunkEnd
        }
        return ScoreRunSummary(
            turnsScored: turnsScored,
            conversationsUpdated: conversations,
            seconds: Date().timeIntervalSince(started),
            lexiconVersion: version,
            previousLexiconVersion: mixed ? previous : nil
        )
    }

    /// A turn still to score.
    struct PendingTurn: Sendable {
        let id: Int64
        let conversation: Int64
        let text: String
        let isUser: Bool
        let timestamp: Int64?
    }

    /// Every turn without a score whose id is in `(after, through]`, grouped by conversation.
    private func unscoredTurns(after: Int64, through: Int64) throws -> [PendingTurn] {
        var result: [PendingTurn] = []
        let statement = try database.prepare("""
            SELECT t.id, t.conversation_id, t.text, t.role = 'user', t.ts FROM turns t
            WHERE t.id > ?1 AND t.id <= ?2 AND NOT EXISTS (SELECT 1 FROM turn_sentiment s WHERE s.turn_id = t.id)
            ORDER BY t.conversation_id, t.id
            """)
        try statement.forEachRow([after, through]) { row in
            guard let id = row[0].int64, let conversation = row[1].int64 else { return }
            result.append(PendingTurn(id: id, conversation: conversation, text: row[2].string ?? "",
                                      isUser: row[3].int64 == 1, timestamp: row[4].int64))
        }
        return result
    }
}

/// Rewrites `conversation_sentiment` rows from the scored user turns of given conversations.
struct ConversationSummaryWriter {
    let database: Database
    let signals: FrustrationSignals
    private let clearBatch: Statement
    private let addToBatch: Statement
    private let userTurns: Statement
    private let turnCounts: Statement
    private let write: Statement

    init(database: Database, signals: FrustrationSignals) throws {
        self.database = database
        self.signals = signals
        try database.execute("CREATE TEMP TABLE IF NOT EXISTS sentiment_batch (conversation_id INTEGER PRIMARY KEY)")
        clearBatch = try database.prepare("DELETE FROM temp.sentiment_batch")
        addToBatch = try database.prepare("INSERT OR IGNORE INTO temp.sentiment_batch (conversation_id) VALUES (?)")
        userTurns = try database.prepare("""
            SELECT t.conversation_id, t.text, s.score
            FROM temp.sentiment_batch b
            JOIN turns t ON t.conversation_id = b.conversation_id AND t.role = 'user'
            JOIN turn_sentiment s ON s.turn_id = t.id
            ORDER BY t.conversation_id, t.ts, t.id
            """)
        turnCounts = try database.prepare("""
            SELECT b.conversation_id, (SELECT count(*) FROM turns t WHERE t.conversation_id = b.conversation_id)
            FROM temp.sentiment_batch b
            """)
        write = try database.prepare("""
            INSERT OR REPLACE INTO conversation_sentiment
                (conversation_id, user_turns, mean, first_to_last, minimum, frustrated, reasons)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Rewrites the rows of the conversations in `groups` (their newly scored turns, in
    /// conversation order) inside the caller's transaction; returns how many. A conversation
    /// whose every turn is in its group is summarised from memory; one that also has turns
    /// scored earlier is read back from the store.
    func rewrite(_ groups: [(conversation: Int64, turns: [(turn: SentimentStore.PendingTurn, score: Double)])]) throws -> Int {
        try clearBatch.execute()
        for group in groups {
            try addToBatch.bind(.integer(group.conversation), at: 1)
            try addToBatch.executeBound()
        }
        var totals: [Int64: Int] = [:]
        try turnCounts.forEachRow { row in
            if let id = row[0].int64 { totals[id] = Int(row[1].int64 ?? 0) }
        }
        var stored: [Int64: [ConversationSentiment.UserTurn]] = [:]
        if groups.contains(where: { totals[$0.conversation] != $0.turns.count }) {
            try userTurns.forEachRow { row in
                guard let id = row[0].int64 else { return }
                stored[id, default: []].append(.init(text: row[1].string ?? "", score: row[2].double ?? 0))
            }
        }
        let inputs: [[ConversationSentiment.UserTurn]] = groups.map { group in
            if totals[group.conversation] != group.turns.count {
                return stored[group.conversation] ?? []
            }
            // Same order as the store query: by timestamp (missing ones first), then id.
            let users = group.turns.filter { $0.turn.isUser }.sorted { a, b in
                let left = a.turn.timestamp ?? Int64.min
                let right = b.turn.timestamp ?? Int64.min
                return left != right ? left < right : a.turn.id < b.turn.id
            }
            return users.map { ConversationSentiment.UserTurn(text: $0.turn.text, score: $0.score) }
        }
        var summaries = [ConversationSentiment?](repeating: nil, count: inputs.count)
        let signals = self.signals
        summaries.withUnsafeMutableBufferPointer { output in
            let output = SendableBuffer(output)
            SentimentScorer.forEachChunk(count: inputs.count, minimumChunk: 256) { range in
                for index in range { output.buffer[index] = ConversationSentiment(userTurns: inputs[index], signals: signals) }
            }
        }
        for (group, computed) in zip(groups, summaries) {
            guard let summary = computed else { continue }
            try write.bind(.integer(group.conversation), at: 1)
            try write.bind(.integer(Int64(summary.userTurns)), at: 2)
            try write.bind(summary.mean.databaseValue, at: 3)
            try write.bind(summary.firstToLast.databaseValue, at: 4)
            try write.bind(summary.minimum.databaseValue, at: 5)
            try write.bind(.integer(summary.frustrated ? 1 : 0), at: 6)
            try write.bind(summary.reasonsText.databaseValue, at: 7)
            try write.executeBound()
        }
        return groups.count
    }
}
