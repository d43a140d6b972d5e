@preconcurrency import Glibc
import Foundation

/// Why a run could not take the lock: another live process holds it.
public struct RunLockHeld: Error, CustomStringConvertible, Sendable {
    /// The holder's process id, as it wrote it (0 when unreadable).
    public let pid: Int
    /// When the holder started (ISO-8601), as it wrote it.
    public let startedAt: String
    /// The lock file.
    public let path: String

    /// The line printed to the user.
    public var description: String {
        "another run (pid \(pid), started \(startedAt)) holds the lock \(path)"
    }
}

/// An exclusive lock on a file beside the database, taken with flock(2) so the kernel releases
/// it when the holder dies (even by SIGKILL): a file left behind by a dead process is simply
/// locked again. The file holds the holder's pid and start time for the message others see.
public final class RunLock {
    /// The lock file's path.
    public let path: String
    private var descriptor: Int32

    /// `DATABASE.lock`, the lock file of a store.
    public static func path(forDatabase database: String) -> String { database + ".lock" }

    /// Takes the lock or throws `RunLockHeld` at once (never waits).
    public init(path: String, startedAt: String = Timestamp.iso(Timestamp.now())) throws {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ChatMineError("cannot open the lock file \(path): \(String(cString: strerror(errno)))",
                                hint: "the folder of the database must be writable")
        }
        var result: Int32
        repeat { result = flock(fd, LOCK_EX | LOCK_NB) } while result != 0 && errno == EINTR
        if result != 0 {
            let failure = errno
            let holder = Self.readHolder(fd)
            close(fd)
            if failure == EWOULDBLOCK {
                throw RunLockHeld(pid: holder.pid, startedAt: holder.startedAt, path: path)
            }
            throw ChatMineError("cannot lock \(path): \(String(cString: strerror(failure)))")
        }
        descriptor = fd
        let content = "pid \(getpid())\nstarted \(startedAt)\n"
        _ = ftruncate(fd, 0)
        _ = content.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit { release() }

    /// Releases the lock (also done when the object goes away or the process ends).
    public func release() {
        guard descriptor >= 0 else { return }
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    /// The pid and start time written by the holder.
    private static func readHolder(_ fd: Int32) -> (pid: Int, startedAt: String) {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return (0, "at an unknown time") }
        let text = String(decoding: buffer.prefix(count), as: UTF8.self)
        var pid = 0
        var started = "at an unknown time"
        for line in text.split(separator: "\n") {
            if line.hasPrefix("pid ") { pid = Int(line.dropFirst(4)) ?? 0 }
            if line.hasPrefix("started ") { started = String(line.dropFirst(8)) }
        }
        return (pid, started)
    }
}
