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
    /// The lexicon version of earlier scores when it differs (their scores are not comparable).
    public var previousLexiconVersion: String?
}

/// Incremental sentiment scoring of the store: scores turns without a score and rewrites the
/// summary of every conversation that got new scores, in batched transactions.
public struct SentimentStore {
    /// The settings key recording the lexicon the stored scores came from.
    public static let lexiconSettingKey = "sentiment.lexicon"
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
            }
        }
        let previous = try database.scalar("SELECT value FROM settings WHERE key = ?", [Self.lexiconSettingKey])?.string
        let hasScores = try database.count("SELECT EXISTS (SELECT 1 FROM turn_sentiment)") == 1
        let pending = try unscoredTurns()
        var conversations = 0
        var start = 0
        let insertTurn = try database.prepare("INSERT INTO turn_sentiment (turn_id, score, label) VALUES (?, ?, ?)")
        let writer = try ConversationSummaryWriter(database: database, signals: signals)
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
                var ids: [Int64] = []
                for turn in batch where ids.last != turn.conversation { ids.append(turn.conversation) }
                conversations += try writer.rewrite(conversations: ids)
                try database.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [Self.lexiconSettingKey, version])
            }
            start = end
        }
        return ScoreRunSummary(
            turnsScored: pending.count,
            conversationsUpdated: conversations,
            seconds: Date().timeIntervalSince(started),
            lexiconVersion: version,
            previousLexiconVersion: !rescore && hasScores && previous != nil && previous != version ? previous : nil
        )
    }

    /// A turn still to score.
    struct PendingTurn {
        let id: Int64
        let conversation: Int64
        let text: String
    }

    /// Every turn without a score, grouped by conversation.
    private func unscoredTurns() throws -> [PendingTurn] {
        var result: [PendingTurn] = []
        let statement = try database.prepare("""
            SELECT t.id, t.conversation_id, t.text FROM turns t
            WHERE NOT EXISTS (SELECT 1 FROM turn_sentiment s WHERE s.turn_id = t.id)
            ORDER BY t.conversation_id, t.id
            """)
        try statement.forEachRow { row in
            guard let id = row[0].int64, let conversation = row[1].int64 else { return }
            result.append(PendingTurn(id: id, conversation: conversation, text: row[2].string ?? ""))
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
        write = try database.prepare("""
            INSERT OR REPLACE INTO conversation_sentiment
                (conversation_id, user_turns, mean, first_to_last, minimum, frustrated, reasons)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Rewrites the rows of `conversations` (inside the caller's transaction); returns how many.
    func rewrite(conversations: [Int64]) throws -> Int {
        try clearBatch.execute()
        for id in conversations {
            try addToBatch.bind(.integer(id), at: 1)
            try addToBatch.executeBound()
        }
        var turnsByConversation: [Int64: [ConversationSentiment.UserTurn]] = [:]
        try userTurns.forEachRow { row in
            guard let id = row[0].int64 else { return }
            turnsByConversation[id, default: []].append(.init(text: row[1].string ?? "", score: row[2].double ?? 0))
        }
        let groups = conversations.map { turnsByConversation[$0] ?? [] }
        var summaries = [ConversationSentiment?](repeating: nil, count: groups.count)
        let signals = self.signals
        summaries.withUnsafeMutableBufferPointer { output in
            let output = SendableBuffer(output)
            SentimentScorer.forEachChunk(count: groups.count, minimumChunk: 256) { range in
                for index in range { output.buffer[index] = ConversationSentiment(userTurns: groups[index], signals: signals) }
            }
        }
        for (id, computed) in zip(conversations, summaries) {
            guard let summary = computed else { continue }
            try write.execute([
                id, summary.userTurns, summary.mean, summary.firstToLast, summary.minimum,
                summary.frustrated, summary.reasonsText,
            ])
        }
        return conversations.count
    }
}
