import Foundation

/// A one-line progress bar on stderr: share done, bytes, rate and time left.
final class ProgressBar {
    private let total: Int64
    private var doneFiles: Int64 = 0
    private let started = Date()
    private var lastDraw = Date.distantPast

    init(total: Int64) {
        self.total = max(total, 1)
    }

    /// Redraws with `bytes` read of the current file, at most ten times a second.
    func advance(file: String, bytes: Int64) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        draw(done: doneFiles + bytes, label: (file as NSString).lastPathComponent)
    }

    /// Counts a finished file.
    func completeFile(bytes: Int64) {
        doneFiles += bytes
    }

    /// Clears the line.
    func finish() {
        Terminal.errorRaw("\r\u{1B}[2K")
    }

    private func draw(done: Int64, label: String) {
        let share = min(1, Double(done) / Double(total))
        let width = 24
        let filled = Int(share * Double(width))
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let text = String(format: "\r\u{1B}[2K%@ %3.0f%% %.1f/%.1f MB %.1f MB/s ETA %.0fs %@", bar, share * 100,
                          Double(done) / 1_048_576, Double(total) / 1_048_576, rate / 1_048_576, left, String(label.prefix(30)))
        Terminal.errorRaw(text)
    }
}
