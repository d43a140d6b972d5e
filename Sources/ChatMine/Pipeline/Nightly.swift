@preconcurrency import Glibc
import Foundation

/// What a nightly run did.
public struct NightlySummary: Sendable {
    /// One result per stage, in order.
    public var stages: [StageResult] = []
    /// The window of cluster and report (nil: the store is empty and no window was given).
    public var window: NightlyWindow?
    /// The rejected share of the records ingest looked at.
    public var rejectRate = 0.0
    /// 0, or 2 when more input was rejected than the options allow.
    public var exitCode: Int32 = 0

    /// The result of a stage by name.
    public func stage(_ name: String) -> StageResult? { stages.first { $0.stage == name } }
}

/// The whole batch for cron: new inbox files → ingest (with redaction) → score → cluster →
/// metrics → report → export → retention, under a lock, with a row in `runs`.
///
/// Every stage is restartable: ingest commits each batch with the source's progress; score,
/// cluster and metrics commit atomically or continue from what is stored; report and export
/// are written to a temporary folder and renamed. A run killed at any point is finished by the
/// next one, which also still covers the window the killed run owed.
public struct Nightly {
    /// What to run on, and how.
    public var options: NightlyOptions
    /// Where the stage lines go.
    public var log: StageLog
    /// The report and export stages.
    public var publishers: NightlyPublishers
    /// "Now" for retention (tests move it).
    public var now: () -> Int64 = { Timestamp.now() }

    /// A run with these options, logging to `log`.
    public init(options: NightlyOptions, log: StageLog, publishers: NightlyPublishers = .builtIn) {
        self.options = options
        self.log = log
        self.publishers = publishers
    }

    /// Runs every stage; throws `RunLockHeld` when another run holds the lock, or the first
    /// stage error (after recording it in `runs`).
    public func run() throws -> NightlySummary {
        let path = options.databasePath
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            throw ChatMineError("the folder of the database \(path) does not exist", hint: "create it, or point the config's \"database\" / --db elsewhere")
        }
        let lock = try RunLock(path: RunLock.path(forDatabase: path))
        defer { lock.release() }
        try Retention.prepareNewStore(path: path)
        let db: Database
        do {
            db = try Database(path: path)
        } catch let error as DatabaseError {
            throw ChatMineError("cannot open the store \(path): \(error.message)", hint: "check the path and its permissions")
        }
        try markInterruptedRuns(db)
        try db.execute("INSERT INTO runs (command, started_at, pid) VALUES ('nightly', ?, ?)", [Timestamp.iso(Timestamp.now()), Int(getpid())])
        let runID = db.lastInsertedRowID
        var summary = NightlySummary()
        do {
            try runStages(db, into: &summary)
        } catch {
            let status = StageResult(stage: "nightly", status: "failed", note: "\(error)".split(separator: "\n").first.map(String.init))
            log.write(status)
            try? finish(db, runID: runID, summary: summary, status: "failed", error: "\(error)")
            throw error
        }
        try finish(db, runID: runID, summary: summary, status: summary.exitCode == 2 ? "rejected" : "ok", error: nil)
        return summary
    }

    // MARK: - Stages

    private func runStages(_ db: Database, into summary: inout NightlySummary) throws {
        let marks = (turn: Int64(try db.count("SELECT COALESCE(MAX(id), 0) FROM turns")),
                     event: Int64(try db.count("SELECT COALESCE(MAX(id), 0) FROM events")))
        var rejectRate = 0.0
        try stage("ingest", &summary) { try ingest(db, rejectRate: &rejectRate) }
        summary.rejectRate = rejectRate
        if rejectRate > options.maxRejectRate { summary.exitCode = 2 }
        summary.window = try window(db, marks: marks)
        let window = summary.window
        try stage("score", &summary) {
            let lexicon = try SentimentLexicon.load(path: nil, mode: .extend)
            let scored = try SentimentStore(database: db, scorer: SentimentScorer(lexicon: lexicon)).run()
            return StageResult(stage: "score", counts: [("turns", scored.turnsScored), ("conversations", scored.conversationsUpdated)])
        }
        // Clustering covers the new days plus `clusterDays` before, not the report's trend days:
        // its cost follows the candidates it reads, and lineage carries clusters from night to night.
        let explicit = options.since != nil || options.until != nil
        let clusterWindow = explicit ? window : window?.keepingTrendDays(options.clusterDays, of: options.trendDays)
        try stage("cluster", &summary) {
            let discovery = IntentDiscovery(embedder: TFIDFEmbedder(), settings: ClusteringSettings())
            let clustered = try ClusterRun(db: db, discovery: discovery).run(since: clusterWindow?.since, until: clusterWindow?.until)
            return StageResult(stage: "cluster", counts: [("candidates", clustered.candidates), ("clusters", clustered.clusters.count),
                                                          ("noise", clustered.noise)], note: clusterWindow.map { "window \($0)" })
        }
        try stage("metrics", &summary) {
            let rules = try OutcomeEngine.resolveRules(db: db, path: options.rulesPath)
            let zones = options.timeZone == "UTC" ? [] : [try LocalTime(identifier: options.timeZone)]
            let refreshed = try OutcomeEngine.refresh(db: db, rules: rules, timeZones: zones)
            return StageResult(stage: "metrics", counts: [("conversations", refreshed.recomputedConversations), ("days", refreshed.recomputedDays)])
        }
        try publish("report", folder: options.reportFolder, function: publishers.report.map { report in { try report(db, window, options, $0) } }, &summary)
        if let window, options.reportFolder != nil {
            // The report's day parts older than this window's comparison period serve no later night.
            let zone = try LocalTime(identifier: options.timeZone)
            try ReportDaySchema.prune(db: db, zone: zone.identifier, before: zone.dayKey(window.since - (window.until - window.since)))
        }
        try publish("export", folder: options.exportFolder, function: publishers.export.map { export in { try export(db, options, $0) } }, &summary)
        if let days = options.retentionDays {
            try stage("retention", &summary) {
                let kept = try Retention(db: db).run(days: days, now: now())
                return StageResult(stage: "retention", counts: [("turns_cleared", kept.turnsCleared), ("pages_reclaimed", kept.pagesReclaimed)],
                                   note: kept.enabledAutoVacuum ? "switched the store to incremental auto-vacuum (one full VACUUM)" : nil)
            }
        }
        try NightlyWindow.clearPending(db: db)
    }

    /// Runs one stage, timing it and writing its line.
    private func stage(_ name: String, _ summary: inout NightlySummary, _ body: () throws -> StageResult) throws {
        let started = Date()
        let cpuStart = Self.cpuSeconds()
        do {
            var result = try body()
            result.seconds = Date().timeIntervalSince(started)
            result.cpuSeconds = Self.cpuSeconds() - cpuStart
            log.write(result)
            summary.stages.append(result)
        } catch {
            let failed = StageResult(stage: name, status: "failed", seconds: Date().timeIntervalSince(started),
                                     note: "\(error)".split(separator: "\n").first.map(String.init))
            log.write(failed)
            summary.stages.append(failed)
            throw error
        }
    }

    private func ingest(_ db: Database, rejectRate: inout Double) throws -> StageResult {
        guard let folder = options.inbox else {
            return StageResult(stage: "ingest", status: "skipped", note: "no inbox")
        }
        let inbox = Inbox(folder: folder, glob: options.glob, processed: options.processed)
        let files = try inbox.files()
        guard !files.isEmpty else {
            return StageResult(stage: "ingest", counts: [("files", 0)], note: "nothing new in \(folder)")
        }
        var ingestOptions = IngestOptions()
        ingestOptions.format = options.format
        ingestOptions.maxRejectRate = options.maxRejectRate
        ingestOptions.showProgress = false
        ingestOptions.textTransform = try StoredRedaction.textTransform(mode: options.redaction, db: db)
        let ingested = try Ingestor(db: db, options: ingestOptions).ingest(files)
        var disposed = 0
        // A file whose last record was incomplete stays in the inbox, to be finished next time.
        for file in files where !ingested.notes.contains(where: { $0.contains(file) }) {
            if try inbox.dispose(file) { disposed += 1 }
        }
        rejectRate = ingested.rejectRate
        var result = StageResult(stage: "ingest", counts: [
            ("files", ingested.files), ("unchanged", ingested.unchangedFiles), ("turns", ingested.turns), ("events", ingested.events),
            ("duplicates", ingested.duplicates), ("rejects", ingested.rejects), ("moved_or_deleted", disposed),
        ])
        result.note = "redaction \(options.redaction.rawValue)"
        return result
    }

    /// The window: the options' when given; else the days new data touched plus the trend days,
    /// joined with any window an interrupted run still owed; else the newest days in the store.
    private func window(_ db: Database, marks: (turn: Int64, event: Int64)) throws -> NightlyWindow? {
        if options.since != nil || options.until != nil {
            return NightlyWindow(since: options.since ?? 0, until: options.until ?? Int64.max / 2)
        }
        let zone = try LocalTime(identifier: options.timeZone)
        var window: NightlyWindow?
        if let span = try NightlyWindow.newDataSpan(db: db, afterTurn: marks.turn, afterEvent: marks.event) {
            window = NightlyWindow.covering(first: span.first, last: span.last, trendDays: options.trendDays, zone: zone)
        }
        if let owed = try NightlyWindow.pending(db: db) {
            window = window.map { $0.union(owed) } ?? owed
        }
        if let window {
            try NightlyWindow.savePending(window, db: db)
            return window
        }
        guard let newest = try NightlyWindow.newestData(db: db) else { return nil }
        return NightlyWindow.covering(first: newest, last: newest, trendDays: options.trendDays, zone: zone)
    }

    private func publish(_ name: String, folder: String?, function: ((String) throws -> [(String, Int)])?, _ summary: inout NightlySummary) throws {
        guard let folder else { return }
        guard let function else {
            let skipped = StageResult(stage: name, status: "skipped", note: "not in this build yet")
            log.write(skipped)
            summary.stages.append(skipped)
            return
        }
        try stage(name, &summary) {
            StageResult(stage: name, counts: try function(folder), note: folder)
        }
    }

    /// User and system CPU seconds of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Rows left 'running' by processes that died: every nightly row (this run holds the lock),
    /// and ingest rows whose process is gone (a live `chatmine ingest` may run beside nightly).
    private func markInterruptedRuns(_ db: Database) throws {
        let mark = try db.prepare("""
            UPDATE runs SET status = 'failed', ended_at = COALESCE(ended_at, ?),
                error = COALESCE(error, 'interrupted: the process ended before the run finished') WHERE id = ?
            """)
        for row in try db.rows("SELECT id, command, pid FROM runs WHERE status = 'running'") {
            guard let id = row[0].int64 else { continue }
            let pid = pid_t(truncatingIfNeeded: row[2].int64 ?? 0)
            let alive = pid > 0 && pid != getpid() && (kill(pid, 0) == 0 || errno == EPERM)
            if row[1].string == "nightly" || !alive {
                try mark.execute([Timestamp.iso(Timestamp.now()), id])
            }
        }
    }

    private func finish(_ db: Database, runID: Int64, summary: NightlySummary, status: String, error: String?) throws {
        let counts = "{" + summary.stages.map { "\(StageLog.quoted($0.stage)):\($0.countsJSON)" }.joined(separator: ",") + "}"
        try db.execute("UPDATE runs SET ended_at = ?, status = ?, counts = ?, error = ? WHERE id = ?",
                       [Timestamp.iso(Timestamp.now()), status, counts, error, runID])
    }
}
