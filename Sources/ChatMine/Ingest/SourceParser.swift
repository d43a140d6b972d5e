import Foundation

/// What the parsing thread knows of a source before it starts: the format, and where an
/// earlier ingest of the same file stopped (if any).
struct ParseJob: Sendable {
    var path: String
    var format: LogFormat
    var context: ReaderContext
    /// An earlier ingest to resume from, when the file still starts with the same bytes.
    var resumeFrom: SourceProgress?
    var batchRecords = 4096
    var textTransform: (@Sendable (String) -> String)?
}

/// What the parsing thread hands to the writer.
enum ParserOutput: Sendable {
    /// A batch; `resumed` says whether the earlier progress was confirmed and continued.
    case batch(IngestBatch, resumed: Bool, last: Bool)
    /// The source could not be read at all.
    case failed(String)
}

/// Reads one source on a background thread: frames records, decodes them with the format's
/// reader, computes their identity and hands batches to the writer through a bounded queue.
enum SourceParser {
    /// Parses `job` into `queue`, then closes it.
    static func run(_ job: ParseJob, into queue: BoundedQueue<ParserOutput>) {
        defer { queue.close() }
        do {
            try parse(job, into: queue)
        } catch {
            queue.put(.failed("\(error)"))
        }
    }

    private static func parse(_ job: ParseJob, into queue: BoundedQueue<ParserOutput>) throws {
        var source = try ByteSource(path: job.path)
        var scanner = RecordScanner(source: source, framing: job.format.framing)
        var reader = job.format.makeReader(job.context)
        var resumed = false
        var records = 0
        if let earlier = job.resumeFrom, earlier.offset > 0 {
            if job.format.needsFirstRecordOnResume {
                // Prime the reader with the file's first record (a CSV header) from a second handle.
                let headerSource = try ByteSource(path: job.path)
                let headerScanner = RecordScanner(source: headerSource, framing: job.format.framing)
                if let first = try headerScanner.next() {
                    _ = try? reader.decode(first.bytes, position: 0)
                }
                headerScanner.finish()
            }
            if let digest = try scanner.skip(earlier.offset), digest == earlier.hash {
                resumed = true
                records = earlier.records
            } else {
                source.close()
                source = try ByteSource(path: job.path)
                scanner = RecordScanner(source: source, framing: job.format.framing)
                reader = job.format.makeReader(job.context)
            }
        }
        defer { scanner.finish() }
        var batch = IngestBatch(progress: progress(scanner, records), bytesRead: 0)
        // A batch ends at the first record past `batchRecords`; reserving that (and a line's worth
        // more) spares copying the records each time the array would grow.
        batch.records.reserveCapacity(job.batchRecords + 64)
        func flush(last: Bool) {
            batch.progress = progress(scanner, records)
            batch.bytesRead = scanner.bytesRead
            queue.put(.batch(batch, resumed: resumed, last: last))
            batch = IngestBatch(progress: batch.progress, bytesRead: batch.bytesRead)
            if !last { batch.records.reserveCapacity(job.batchRecords + 64) }
        }
        while true {
            let scanned: ScannedRecord?
            do {
                scanned = try scanner.next()
            } catch {
                batch.rejects.append(RejectedRecord(line: scanner.lines + 1, reason: "\(error)", raw: ""))
                break
            }
            guard let record = scanned else { break }
            let position = records
            if let length = record.tooLong {
                records += 1
                batch.rejects.append(RejectedRecord(line: record.line, reason: "record of \(length) bytes is longer than the 8 MiB limit", raw: job.textTransform.map { $0(RecordIdentity.preview(record.bytes, limit: 200)) } ?? RecordIdentity.preview(record.bytes, limit: 200)))
            } else {
                do {
                    let decoded = try reader.decode(record.bytes, position: position)
                    if record.unterminated { scanner.acceptUnterminated() }
                    records += 1
                    for (part, item) in decoded.enumerated() {
                        let identity = RecordIdentity.keys(for: item, raw: record.bytes, position: position, part: part)
                        batch.records.append(KeyedRecord(record: transform(item, job.textTransform), key: identity.key, contentHash: identity.content,
                                                         keyedByID: identity.byID, line: record.line))
                    }
                } catch {
                    if record.unterminated {
                        batch.pendingNote = "the last record of \(job.path) (line \(record.line)) is incomplete; it is left for the next run"
                    } else {
                        records += 1
                        // The raw start of a record is stored too, so it is redacted like text.
                        let preview = RecordIdentity.preview(record.bytes)
                        batch.rejects.append(RejectedRecord(line: record.line, reason: error.reason, raw: job.textTransform.map { $0(preview) } ?? preview))
                    }
                }
            }
            if batch.records.count + batch.rejects.count >= job.batchRecords { flush(last: false) }
        }
        if !source.endedCleanly {
            batch.rejects.append(RejectedRecord(line: scanner.lines + 1, reason: "truncated or corrupt gzip stream after line \(scanner.lines)", raw: ""))
        }
        flush(last: true)
    }

    private static func progress(_ scanner: RecordScanner, _ records: Int) -> SourceProgress {
        SourceProgress(offset: scanner.offset, lines: scanner.lines, records: records, hash: scanner.hash.digest())
    }

    private static func transform(_ record: LogRecord, _ transform: (@Sendable (String) -> String)?) -> LogRecord {
        guard let transform, case .turn(var turn) = record else { return record }
        turn.text = transform(turn.text)
        return .turn(turn)
    }
}
