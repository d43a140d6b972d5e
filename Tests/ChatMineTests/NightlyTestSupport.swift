import Foundation
@testable import ChatMine

/// Collects stage lines written by a nightly run.
final class CollectedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var lines: [String] { lock.withLock { stored } }
    func append(_ line: String) { lock.withLock { stored.append(line) } }
}

/// Hand-made log lines for nightly tests: one conversation per call, on a given day.
enum NightlyLogs {
    /// A small conversation on `day` (YYYY-MM-DD): a user turn with `text`, a bot answer, a resolved event.
    static func conversation(_ id: String, day: String, text: String = "where is my order", hour: Int = 9) -> String {
        let ts = "\(day)T\(hour < 10 ? "0" : "")\(hour):00:00Z"
        let later = "\(day)T\(hour < 10 ? "0" : "")\(hour):00:05Z"
        return """
        {"conversation_id":"\(id)","message_id":"\(id)-1","timestamp":"\(ts)","role":"user","text":"\(text)","intent":"track_order","confidence":0.9,"channel":"web","user_id":"u-\(id)"}
        {"conversation_id":"\(id)","message_id":"\(id)-2","timestamp":"\(later)","role":"bot","text":"It arrives tomorrow.","channel":"web","user_id":"u-\(id)"}
        {"conversation_id":"\(id)","timestamp":"\(later)","event":"resolved"}

        """
    }

    /// A run over `folder`'s inbox into its store, with lines collected.
    static func nightly(_ folder: TemporaryFolder, configure: (inout NightlyOptions) -> Void = { _ in }) -> (Nightly, CollectedLines) {
        var options = NightlyOptions(databasePath: folder.file("store.sqlite"))
        options.inbox = folder.file("inbox")
        configure(&options)
        let lines = CollectedLines()
        let log = StageLog(format: .text, sink: { lines.append($0) })
        return (Nightly(options: options, log: log), lines)
    }

    static func day(_ text: String) -> Int64 { NightlyWindow.parseDate(text) ?? 0 }
}
