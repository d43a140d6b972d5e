@preconcurrency import Glibc
import Foundation

/// Loads log files into the store: recognises each file's format, continues files that grew,
/// skips files already read, parses on one thread while writing on another, and keeps every
/// bad record in `rejects`.
public final class Ingestor {
    private let db: Database
    private let options: IngestOptions
    private let writer: LogWriter
    private var progress: ProgressBar?

    public init(db: Database, options: IngestOptions) throws {
        self.db = db
        self.options = options
        self.writer = try LogWriter(db: db)
        // A larger page cache keeps the unique-key index in memory during big loads.
        try db.execute("PRAGMA cache_size = -32768")
        // Fewer, larger checkpoints: each one syncs the database file.
        try db.execute("PRAGMA wal_autocheckpoint = 16384")
    }

    /// Ingests files, folders and "-" (stdin); returns what was done.
    public func ingest(_ paths: [String]) throws -> IngestSummary {
        let started = Date()
        let files = try InputPaths.expand(paths)
        if options.format != "auto", LogFormats.named(options.format) == nil {
            throw ChatMineError("unknown format '\(options.format)'", hint: "use one of: " + LogFormats.names.joined(separator: ", "))
        }
        var summary = IngestSummary()
        // The writer takes every turn's and event's conversation and source ids from rows it has
        // written in the same transaction, so checking those foreign keys per record (two index
        // look-ups each) protects nothing; the setting is the connection's, restored on return.
        let checksForeignKeys = try db.count("PRAGMA foreign_keys") != 0
        if checksForeignKeys { try db.execute("PRAGMA foreign_keys = OFF") }
        defer { if checksForeignKeys { try? db.execute("PRAGMA foreign_keys = ON") } }
        let runID = try startRun()
        var totalBytes: Int64 = 0
        for file in files where file != "-" {
            totalBytes += (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int64) ?? 0
        }
        if options.showProgress && Terminal.stderrIsTerminal {
            progress = ProgressBar(total: totalBytes)
        }
        do {
            for file in files {
                if file == "-" {
                    let spooled = try spoolStandardInput()
                    defer { unlink(spooled) }
                    try ingestFile(spooled, displayPath: "-", into: &summary)
                } else {
                    let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
                    try ingestFile(file, displayPath: absolute, into: &summary)
                }
            }
        } catch {
            progress?.finish()
            try? finishRun(runID, summary: summary, status: "failed", error: "\(error)")
            throw error
        }
        progress?.finish()
        summary.seconds = Date().timeIntervalSince(started)
        try finishRun(runID, summary: summary, status: summary.rejectRate > options.maxRejectRate ? "rejected" : "ok", error: nil)
        return summary
    }

    // MARK: - One file

    private func ingestFile(_ path: String, displayPath: String, into summary: inout IngestSummary) throws {
        let sample = try Self.sample(path, name: displayPath)
        let format: LogFormat
        if options.format == "auto" {
            guard let recognised = LogFormats.recognise(sample) else {
                throw ChatMineError("cannot tell the format of \(displayPath)", hint: "pass --format " + LogFormats.names.dropFirst().joined(separator: "|"))
            }
            format = recognised
        } else if let named = LogFormats.named(options.format) {
            format = named
        } else {
            throw ChatMineError("unknown format '\(options.format)'")
        }
        summary.files += 1
        summary.formats[format.name, default: 0] += 1
        let headHash = sample.rawHead.withUnsafeBytes { ContentHash.of($0) }
        let sizeOnDisk = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        let earlier = try findEarlier(path: displayPath, headHash: headHash, format: format.name)

        var parseJob = ParseJob(path: path, format: format, context: options.context, resumeFrom: earlier?.progress)
        parseJob.textTransform = options.textTransform
        let job = parseJob
        let queue = BoundedQueue<ParserOutput>(capacity: 2)
        let thread = Thread { SourceParser.run(job, into: queue) }
        thread.stackSize = 8 << 20
        thread.start()

        var sourceID: Int64?
        let now = Timestamp.iso(Timestamp.now())
        var consumedBefore: Int64 = 0
        var sawNewRecords = false
        // Batches go into transactions of about `recordsPerTransaction` records: every commit
        // rewrites each index page it touched (new conversations land all over the user index),
        // so fewer, larger commits write less. Each batch carries the source's progress, so any
        // commit is a consistent point to resume from. When the store fails, the open transaction
        // is rolled back (the next run reads those records again); when reading fails, the
        // batches written so far are committed.
        var transaction = OpenTransaction(db: db)
        defer { transaction.commitQuietly() }
        while let output = queue.take() {
            switch output {
            case .failed(let message):
                while queue.take() != nil {}
                throw ChatMineError("\(displayPath): \(message)")
            case .batch(let batch, let resumed, let last):
                if batch.records.isEmpty && batch.rejects.isEmpty && resumed, let earlier, batch.progress.offset == earlier.progress.offset {
                    summary.unchangedFiles += 1
                    sourceID = earlier.id
                    try db.execute("UPDATE sources SET path = ?, size = ?, last_ingested_at = ? WHERE id = ?", [displayPath, sizeOnDisk, now, earlier.id])
                    continue
                }
                if resumed, let earlier, sourceID == nil {
                    summary.resumedFiles += 1
                    consumedBefore = earlier.progress.offset
                }
                sawNewRecords = true
                try transaction.write(records: batch.records.count + batch.rejects.count, last: last) {
                    let id = try sourceID ?? (resumed ? earlier?.id : nil) ?? createSource(path: displayPath, format: format.name, compressed: sample.compressed, headHash: headHash, now: now)
                    sourceID = id
                    let counts = try writer.write(batch, sourceID: id, path: displayPath, now: now)
                    summary.turns += counts.turns
                    summary.events += counts.events
                    summary.duplicates += counts.duplicates
                    summary.rejects += counts.rejects
                    try db.execute("""
                        UPDATE sources SET path = ?, size = ?, head_hash = ?, consumed_hash = ?, bytes_consumed = ?, records_consumed = ?,
                            lines_consumed = ?, turns = turns + ?, events = events + ?, rejects = rejects + ?, last_ingested_at = ?
                        WHERE id = ?
                        """, [displayPath, sizeOnDisk, DatabaseValue.blob(headHash), DatabaseValue.blob(batch.progress.hash), batch.progress.offset,
                              batch.progress.records, batch.progress.lines, counts.turns, counts.events, counts.rejects, now, id])
                }
                if let note = batch.pendingNote { summary.notes.append(note) }
                progress?.advance(file: displayPath, bytes: batch.bytesRead)
                if last { summary.bytes += batch.progress.offset - consumedBefore }
            }
        }
        progress?.completeFile(bytes: sizeOnDisk)
        _ = sawNewRecords
    }

    /// Records per transaction (see `ingestFile`).
    static let recordsPerTransaction = 65_536

    /// The transaction batches are being written in, if one is open.
    private struct OpenTransaction {
        let db: Database
        var open = false
        var records = 0

        /// Writes one batch inside the open transaction or a new one; commits when the
        /// transaction holds enough records or the batch is the source's last. (Not a savepoint
        /// per batch: savepoints made every statement keep copies of the pages it changed.)
        mutating func write(records count: Int, last: Bool, _ body: () throws -> Void) throws {
            if !open {
                try db.execute("BEGIN IMMEDIATE")
                open = true
            }
            do {
                try body()
            } catch {
                try? db.execute("ROLLBACK")
                open = false
                records = 0
                throw error
            }
            records += count
            if last || records >= Ingestor.recordsPerTransaction { try commit() }
        }

        mutating func commit() throws {
            guard open else { return }
            try db.execute("COMMIT")
            open = false
            records = 0
        }

        /// Commits what was completely written, on the way out of an error.
        mutating func commitQuietly() {
            if open { try? commit() }
            if open { try? db.execute("ROLLBACK") }
        }
    }

    /// An earlier ingest of this file: same path or same first bytes, same format.
    private func findEarlier(path: String, headHash: [UInt8], format: String) throws -> (id: Int64, progress: SourceProgress)? {
        let rows = try db.rows("""
            SELECT id, bytes_consumed, lines_consumed, records_consumed, consumed_hash FROM sources
            WHERE format = ? AND (path = ? OR head_hash = ?)
            ORDER BY (path = ?) DESC, bytes_consumed DESC
            LIMIT 1
            """, [format, path, DatabaseValue.blob(headHash), path])
        guard let row = rows.first, let id = row["id"].int64, case .blob(let hash) = row["consumed_hash"] else { return nil }
        let progress = SourceProgress(offset: row["bytes_consumed"].int64 ?? 0, lines: Int(row["lines_consumed"].int64 ?? 0),
                                      records: Int(row["records_consumed"].int64 ?? 0), hash: hash)
        return (id, progress)
    }

    private func createSource(path: String, format: String, compressed: Bool, headHash: [UInt8], now: String) throws -> Int64 {
        try db.execute("""
            INSERT INTO sources (path, format, compressed, head_hash, consumed_hash, size, bytes_consumed, records_consumed, lines_consumed, first_seen_at, last_ingested_at)
            VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?)
            """, [path, format, compressed, DatabaseValue.blob(headHash), DatabaseValue.blob(ContentHash().digest()), now, now])
        return db.lastInsertedRowID
    }

    // MARK: - Runs

    private func startRun() throws -> Int64 {
        try db.execute("INSERT INTO runs (command, started_at, pid) VALUES ('ingest', ?, ?)", [Timestamp.iso(Timestamp.now()), Int(getpid())])
        return db.lastInsertedRowID
    }

    private func finishRun(_ id: Int64, summary: IngestSummary, status: String, error: String?) throws {
        let counts = "{\"files\":\(summary.files),\"turns\":\(summary.turns),\"events\":\(summary.events),\"duplicates\":\(summary.duplicates),\"rejects\":\(summary.rejects)}"
        try db.execute("UPDATE runs SET ended_at = ?, status = ?, counts = ?, error = ? WHERE id = ?",
                       [Timestamp.iso(Timestamp.now()), status, counts, error, id])
    }

    // MARK: - Input helpers

    /// The first 64 KiB of a file (decompressed), for recognising its format and identity.
    static func sample(_ path: String, name: String) throws -> FormatSample {
        let source = try ByteSource(path: path)
        defer { source.close() }
        var bytes = [UInt8](repeating: 0, count: 65_536)
        var filled = 0
        while filled < bytes.count {
            let count: Int
            do {
                count = try bytes.withUnsafeMutableBytes { try source.read(into: $0.baseAddress! + filled, capacity: $0.count - filled) }
            } catch {
                break
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        var lowered = (name as NSString).lastPathComponent.lowercased()
        if lowered.hasSuffix(".gz") { lowered = String(lowered.dropLast(3)) }
        return FormatSample(rawHead: bytes, name: lowered, compressed: source.isCompressed)
    }

    /// Copies standard input to a temporary file so it can be framed and resumed like a file.
    private func spoolStandardInput() throws -> String {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("chatmine-stdin-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw ChatMineError("cannot create a temporary file for standard input") }
        defer { close(fd) }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { unlink(path); throw ChatMineError("cannot read standard input: \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            var written = 0
            while written < count {
                let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + written, count - written) }
                if n < 0 { unlink(path); throw ChatMineError("cannot spool standard input: \(String(cString: strerror(errno)))") }
                written += n
            }
        }
        return path
    }
}
