import Foundation

/// How nightly's stage lines are written on stderr: for people, or one JSON object per line
/// for log shippers.
public enum StageLogFormat: String, Sendable, CaseIterable {
    case text, json
}

/// What one stage of a nightly run did.
public struct StageResult: Sendable, Equatable {
    /// The stage's name: ingest, score, cluster, metrics, report, export, retention.
    public var stage: String
    /// ok, skipped or failed.
    public var status: String
    /// Named counts, in the order they were added.
    public var counts: [(String, Int)]
    /// How long the stage took.
    public var seconds: Double
    /// CPU time (user + system, all threads) the stage used; on a busy machine the honest figure.
    public var cpuSeconds = 0.0
    /// Why the stage was skipped or failed, or a remark.
    public var note: String?

    /// A result with the given counts.
    public init(stage: String, status: String = "ok", counts: [(String, Int)] = [], seconds: Double = 0, note: String? = nil) {
        self.stage = stage
        self.status = status
        self.counts = counts
        self.seconds = seconds
        self.note = note
    }

    /// The count of `name`, or nil.
    public func count(_ name: String) -> Int? { counts.first { $0.0 == name }?.1 }

    /// Equal stage, status, counts (in order), seconds and note.
    public static func == (lhs: StageResult, rhs: StageResult) -> Bool {
        lhs.stage == rhs.stage && lhs.status == rhs.status && lhs.seconds == rhs.seconds && lhs.note == rhs.note
            && lhs.counts.map(\.0) == rhs.counts.map(\.0) && lhs.counts.map(\.1) == rhs.counts.map(\.1)
    }

    /// `{"files":3,"turns":1200}`: the counts as a JSON object, in order.
    public var countsJSON: String {
        "{" + counts.map { "\(StageLog.quoted($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
}

/// Writes one line per stage: `nightly ingest ok files=3 turns=1200 rejects=0 1.23s`, or JSON.
public struct StageLog: Sendable {
    /// Text or JSON lines.
    public var format: StageLogFormat
    /// Where lines go (stderr in the command; collected in tests).
    public var sink: @Sendable (String) -> Void

    /// A log writing `format` lines to `sink`.
    public init(format: StageLogFormat, sink: @escaping @Sendable (String) -> Void = { Terminal.error($0) }) {
        self.format = format
        self.sink = sink
    }

    /// A log that writes nothing (`--quiet`).
    public static let silent = StageLog(format: .text, sink: { _ in })

    /// Writes the line of one stage.
    public func write(_ result: StageResult) {
        sink(line(result))
    }

    /// The line of one stage in this log's format.
    public func line(_ result: StageResult) -> String {
        let seconds = String(format: "%.2f", result.seconds)
        switch format {
        case .text:
            var parts = ["nightly", result.stage, result.status]
            parts += result.counts.map { "\($0.0)=\($0.1)" }
            parts.append(seconds + "s")
            parts.append(String(format: "cpu %.2fs", result.cpuSeconds))
            if let note = result.note { parts.append("(\(note))") }
            return parts.joined(separator: " ")
        case .json:
            var fields = ["\"time\":\(Self.quoted(Timestamp.iso(Timestamp.now())))", "\"stage\":\(Self.quoted(result.stage))",
                          "\"status\":\(Self.quoted(result.status))", "\"seconds\":\(seconds)",
                          "\"cpu_seconds\":\(String(format: "%.2f", result.cpuSeconds))", "\"counts\":\(result.countsJSON)"]
            if let note = result.note { fields.append("\"note\":\(Self.quoted(note))") }
            return "{" + fields.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String { JSONText.string(text) }
}
