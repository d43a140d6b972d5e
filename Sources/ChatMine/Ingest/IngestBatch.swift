/// A decoded record with its identity, ready to store.
struct KeyedRecord: Sendable {
    var record: LogRecord
    /// The record's identity: its id when it has one, else its content and position.
    var key: Digest128
    /// A hash of what the record says, to tell a re-sent record from a conflicting one.
    var contentHash: Digest128
    /// Whether the key came from an id in the log (so a different content is a conflict).
    var keyedByID: Bool
    /// 1-based line in the source.
    var line: Int
}

/// A record that could not be stored.
struct RejectedRecord: Sendable {
    var line: Int
    var reason: String
    /// The record's start, cut to a bound and made valid UTF-8.
    var raw: String
}

/// Where reading a source has got to: everything before `offset` is in the store.
struct SourceProgress: Sendable {
    var offset: Int64
    var lines: Int
    var records: Int
    var hash: [UInt8]
}

/// One unit of work handed from the parsing thread to the writing thread; written in one
/// transaction together with the source's progress, so a crash never half-stores a batch.
struct IngestBatch: Sendable {
    var records: [KeyedRecord] = []
    var rejects: [RejectedRecord] = []
    var progress: SourceProgress
    /// Bytes read from the stream so far, for the progress bar.
    var bytesRead: Int64
    /// Set on the last batch of a source: why the last record was left for a later run.
    var pendingNote: String?
}

/// Identity of records. The store keeps keys unique per conversation, so its index grows
/// at the right edge as new conversations arrive instead of scattering inserts over one big
/// B-tree of random hashes.
enum RecordIdentity {

    /// The key and content hash of a decoded record.
    static func keys(for record: LogRecord, raw: UnsafeBufferPointer<UInt8>, position: Int, part: Int) -> (key: Digest128, content: Digest128, byID: Bool) {
        var content = ContentHash()
        switch record {
        case .turn(let turn):
            content.update(turn.role.rawValue)
            content.update(turn.text)
            content.update(Int(turn.timestamp ?? -1))
            content.update(turn.intent ?? "\u{0}")
            if let id = turn.messageID {
                var key = ContentHash()
                key.update("turn\u{0}")
                key.update(turn.conversationID)
                key.update("\u{0}")
                key.update(id)
                return (key.digest128(), content.digest128(), true)
            }
        case .event(let event):
            content.update(event.kind.rawValue)
            content.update(Int(event.timestamp ?? -1))
            content.update(event.name ?? "\u{0}")
            content.update(event.status ?? "\u{0}")
            content.update(Int((event.score ?? -1) * 1000))
            if let id = event.eventID {
                var key = ContentHash()
                key.update("event\u{0}")
                key.update(event.conversationID)
                key.update("\u{0}")
                key.update(id)
                return (key.digest128(), content.digest128(), true)
            }
        }
        var key = ContentHash()
        key.update("pos\u{0}")
        key.update(UnsafeRawBufferPointer(raw))
        key.update(position)
        key.update(part)
        return (key.digest128(), content.digest128(), false)
    }

    /// A printable, bounded copy of a rejected record's bytes.
    static func preview(_ raw: UnsafeBufferPointer<UInt8>, limit: Int = 1000) -> String {
        let cut = UnsafeBufferPointer(rebasing: raw.prefix(limit))
        var text = String(decoding: cut, as: UTF8.self)
        text = String(text.unicodeScalars.map { $0.value == 0 ? "\u{FFFD}" : Character($0) })
        return raw.count > limit ? text + "…" : text
    }
}
