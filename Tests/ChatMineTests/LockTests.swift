@preconcurrency import Glibc
import Foundation
import Testing
@testable import ChatMine

@Suite struct LockTests {
    @Test func aSecondRunIsRefusedWithTheHoldersPidAndStartTime() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("store.sqlite.lock")
        let first = try RunLock(path: path, startedAt: "2026-11-25T01:00:00.000Z")
        do {
            _ = try RunLock(path: path)
            Issue.record("the second lock was granted")
        } catch let held as RunLockHeld {
            #expect(held.pid == Int(getpid()))
            #expect(held.startedAt == "2026-11-25T01:00:00.000Z")
            #expect(held.description == "another run (pid \(getpid()), started 2026-11-25T01:00:00.000Z) holds the lock \(path)")
        }
        first.release()
        let again = try RunLock(path: path)
        again.release()
    }

    @Test func aLockFileLeftByADeadProcessIsTakenOver() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("store.sqlite.lock")
        // What a killed run leaves: the file with its pid, but no flock (the kernel dropped it).
        try folder.write("store.sqlite.lock", "pid 424242\nstarted 2026-11-24T01:00:00.000Z\n")
        let lock = try RunLock(path: path, startedAt: "2026-11-25T02:00:00.000Z")
        let content = try String(contentsOfFile: path, encoding: .utf8)
        #expect(content == "pid \(getpid())\nstarted 2026-11-25T02:00:00.000Z\n")
        lock.release()
    }

    @Test func nightlyRefusesToRunWhileTheStoreIsLocked() throws {
        let folder = try TemporaryFolder()
        try folder.write("inbox/a.jsonl", NightlyLogs.conversation("c1", day: "2026-11-10"))
        let lock = try RunLock(path: RunLock.path(forDatabase: folder.file("store.sqlite")))
        let (nightly, lines) = NightlyLogs.nightly(folder)
        #expect(throws: RunLockHeld.self) { try nightly.run() }
        #expect(lines.lines.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.file("store.sqlite")))
        lock.release()
        #expect(try nightly.run().stage("ingest")?.count("turns") == 2)
    }
}
