import Dispatch
import Foundation

/// Phase timings of intent discovery on stderr when `CHATMINE_TRACE=1`, for tuning.
struct DiscoveryTrace {
    private let enabled = ProcessInfo.processInfo.environment["CHATMINE_TRACE"] == "1"
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Prints the time since the previous mark with a label.
    mutating func mark(_ label: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        Terminal.error(String(format: "[trace] %-28@ %.3f s", label as NSString, Double(now - last) / 1e9))
        last = now
    }
}
