import Foundation

/// How a format splits its bytes into records.
public enum Framing: Sendable {
    /// One record per line (JSONL).
    case lines
    /// RFC 4180 records: a newline inside double quotes does not end the record.
    case csv
    /// The whole stream is one record (a JSON document).
    case document
}

/// One record found by the scanner. `bytes` is valid only until the next call to `next()`.
struct ScannedRecord {
    var bytes: UnsafeBufferPointer<UInt8>
    /// 1-based line number where the record starts.
    var line: Int
    /// Whether the stream ended before the record's terminating newline.
    var unterminated: Bool
    /// Set when the record was longer than the limit; `bytes` then holds only its start.
    var tooLong: Int?
}

/// Splits a byte stream into records while tracking the consumed offset, line count and a
/// running hash of every byte consumed, so an ingest can resume exactly where it stopped.
final class RecordScanner {
    private let source: ByteSource
    private let framing: Framing
    private let maxRecordBytes: Int
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var eof = false
    private var atFileStart = true
    private var deliveredUnterminated = false
    private var unterminatedLength = 0
    private var unterminatedLines = 0

    /// Bytes consumed through the end of the last record returned.
    private(set) var offset: Int64 = 0
    /// Lines consumed through the end of the last record returned.
    private(set) var lines = 0
    /// Hash of the bytes `[0, offset)`.
    private(set) var hash = ContentHash()
    /// Total bytes read from the source so far (for progress).
    private(set) var bytesRead: Int64 = 0

    init(source: ByteSource, framing: Framing, maxRecordBytes: Int = 8 << 20, chunkSize: Int = 4 << 20) {
        self.source = source
        self.framing = framing
        self.maxRecordBytes = maxRecordBytes
        let capacity = framing == .document ? max(chunkSize, 1 << 20) : chunkSize
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Reads and hashes exactly `count` bytes without framing them; returns the hash, or nil
    /// when the stream is shorter. Used to check that a file still starts with what was ingested.
    func skip(_ count: Int64) throws -> [UInt8]? {
        var remaining = count
        while remaining > 0 {
            if start == end {
                guard try fill() else { return nil }
            }
            let take = Int(min(Int64(end - start), remaining))
            hash.update(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + take)]))
            lines += countNewlines(start, start + take)
            start += take
            remaining -= Int64(take)
        }
        offset = count
        atFileStart = count == 0
        return hash.digest()
    }

    /// The next record, or nil at the end of the stream.
    func next() throws -> ScannedRecord? {
        if deliveredUnterminated { return nil }
        while true {
            if atFileStart {
                if end - start < 3 && !eof { _ = try fill(); continue }
                atFileStart = false
                if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
                    consume(3, lines: 0)
                }
            }
            // Skip blank lines between records.
            while start < end, buffer[start] == 0x0A || buffer[start] == 0x0D || (framing == .lines && (buffer[start] == 0x20 || buffer[start] == 0x09)) {
                let newline = buffer[start] == 0x0A ? 1 : 0
                consume(1, lines: newline)
            }
            if start == end {
                if eof { return nil }
                _ = try fill()
                continue
            }
            if let record = try scanRecord() { return record }
        }
    }

    /// Counts an unterminated last record as consumed (it was complete after all).
    func acceptUnterminated() {
        guard unterminatedLength > 0 else { return }
        hash.update(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + unterminatedLength)]))
        start += unterminatedLength
        offset += Int64(unterminatedLength)
        lines += unterminatedLines
        unterminatedLength = 0
    }

    private func slice(_ from: Int, _ to: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeRawBufferPointer(rebasing: buffer[from..<to]).bindMemory(to: UInt8.self)
    }

    private func consume(_ count: Int, lines newlines: Int) {
        hash.update(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + count)]))
        start += count
        offset += Int64(count)
        lines += newlines
    }

    private func scanRecord() throws -> ScannedRecord? {
        var cursor = start
        var inQuotes = false
        var newlines = 0
        while true {
            if framing == .document {
                if !eof {
                    if end == buffer.count && start == 0 { try grow() } else { _ = try fill() }
                    if end - start > maxRecordBytes { return try tooLong(line: lines + 1) }
                    continue
                }
                let record = slice(start, end)
                let count = end - start
                newlines = countNewlines(start, end)
                return deliver(record, length: count, consumed: count, newlines: newlines, unterminated: false)
            }
            while cursor < end {
                let byte = buffer[cursor]
                if framing == .csv && byte == 0x22 {
                    inQuotes.toggle()
                } else if byte == 0x0A {
                    if !inQuotes {
                        var stop = cursor
                        if stop > start && buffer[stop - 1] == 0x0D { stop -= 1 }
                        let record = slice(start, stop)
                        return deliver(record, length: stop - start, consumed: cursor + 1 - start, newlines: newlines + 1, unterminated: false)
                    }
                    newlines += 1
                }
                cursor += 1
            }
            if cursor - start > maxRecordBytes { return try tooLong(line: lines + 1) }
            if eof {
                var stop = end
                if stop > start && buffer[stop - 1] == 0x0D { stop -= 1 }
                let record = slice(start, stop)
                return deliver(record, length: stop - start, consumed: end - start, newlines: newlines, unterminated: true)
            }
            let scanned = cursor - start
            if start == 0 && end == buffer.count { try grow() } else { _ = try fill() }
            cursor = start + scanned
        }
    }

    private func deliver(_ record: UnsafeBufferPointer<UInt8>, length: Int, consumed: Int, newlines: Int, unterminated: Bool) -> ScannedRecord {
        let line = lines + 1
        if unterminated {
            // Left unconsumed unless the caller accepts it: a file being written may not have
            // finished its last record yet.
            unterminatedLength = consumed
            unterminatedLines = newlines
            deliveredUnterminated = true
        } else {
            hash.update(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + consumed)]))
            start += consumed
            offset += Int64(consumed)
            lines += newlines
        }
        return ScannedRecord(bytes: record, line: line, unterminated: unterminated, tooLong: nil)
    }

    /// Skips the rest of an over-long record, hashing it, and reports its start.
    private func tooLong(line: Int) throws -> ScannedRecord {
        var total = 0
        var newlines = 0
        var preview = [UInt8](UnsafeRawBufferPointer(rebasing: buffer[start..<min(end, start + 200)]))
        while true {
            var cursor = start
            var found = false
            while cursor < end {
                if buffer[cursor] == 0x0A && framing != .document { found = true; break }
                cursor += 1
            }
            let take = found ? cursor + 1 - start : cursor - start
            total += take
            if found { newlines += 1 }
            hash.update(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + take)]))
            offset += Int64(take)
            start += take
            if found { break }
            start = 0
            end = 0
            guard try fill() else { break }
        }
        lines += newlines
        if preview.isEmpty { preview = [0x20] }
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: preview.count)
        _ = copy.initialize(from: preview)
        scratch?.deallocate()
        scratch = copy
        return ScannedRecord(bytes: UnsafeBufferPointer(copy), line: line, unterminated: false, tooLong: total)
    }
    private var scratch: UnsafeMutableBufferPointer<UInt8>?

    private func countNewlines(_ from: Int, _ to: Int) -> Int {
        var count = 0
        var index = from
        while index < to {
            if buffer[index] == 0x0A { count += 1 }
            index += 1
        }
        return count
    }

    /// Moves unconsumed bytes to the front and reads more; false at the end of the stream.
    @discardableResult
    private func fill() throws -> Bool {
        if start > 0 {
            let remaining = end - start
            if remaining > 0 {
                memmove(buffer.baseAddress!, buffer.baseAddress! + start, remaining)
            }
            start = 0
            end = remaining
        }
        if end == buffer.count { try grow() }
        let count = try source.read(into: buffer.baseAddress! + end, capacity: buffer.count - end)
        if count == 0 {
            eof = true
            return false
        }
        end += count
        bytesRead += Int64(count)
        return true
    }

    private func grow() throws {
        let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
        bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
        end -= start
        start = 0
        buffer.deallocate()
        buffer = bigger
        if !eof {
            let count = try source.read(into: buffer.baseAddress! + end, capacity: buffer.count - end)
            if count == 0 { eof = true } else { end += count; bytesRead += Int64(count) }
        }
    }

    /// Releases the scratch copy of an over-long record's preview.
    func finish() {
        scratch?.deallocate()
        scratch = nil
    }
}
