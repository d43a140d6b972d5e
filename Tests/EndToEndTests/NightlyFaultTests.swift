@preconcurrency import Glibc
import ChatMine
import Foundation
import Testing

/// Crash safety, small: nightly killed with SIGKILL at random moments, then run to the end, gives
/// the same store as one clean run (bench/faults.sh is the long version).
@Suite struct NightlyFaultTests {
    /// Rows of bench/store_checksum.sql, hashed: the content of the data tables.
    static func fingerprint(_ path: String) throws -> (rows: Int, digest: String) {
        let sql = try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("bench/store_checksum.sql"), encoding: .utf8)
        let db = try Database(path: path, readOnly: true)
        var hasher = ContentHash()
        var rows = 0
        let statements = sql.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n").split(separator: ";")
        for statement in statements where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            for row in try db.rows(String(statement)) {
                rows += 1
                hasher.update("\(row.values)\n")
            }
        }
        return (rows, hasher.digest().map { String(format: "%02x", $0) }.joined())
    }

    static func spawn(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func killedRunsLoseAndDuplicateNothing() throws {
        let scratch = try NightlyEndToEndTests.Scratch()
        try FileManager.default.createDirectory(atPath: scratch.file("inbox"), withIntermediateDirectories: true)
        let generated = try BinaryRunner.run(["generate", "-n", "150", "--seed", "3", "--start", "2026-11-10", "--days", "2", "-o", scratch.file("inbox/logs.jsonl"), "-q"])
        #expect(generated.status == 0)
        func nightly(_ name: String) -> [String] {
            ["nightly", "--db", scratch.file("\(name).sqlite"), "--inbox", scratch.file("inbox"), "--out", scratch.file("out-\(name)"), "--quiet"]
        }
        let started = Date()
        let clean = try BinaryRunner.run(nightly("clean"))
        #expect(clean.status == 0, "\(clean.stderr)")
        let cleanSeconds = Date().timeIntervalSince(started)
        let expected = try Self.fingerprint(scratch.file("clean.sqlite"))
        #expect(expected.rows > 1000)

        var random = SystemRandomNumberGenerator()
        for _ in 0..<3 {
            let process = try Self.spawn(nightly("faulty"))
            usleep(UInt32(Double.random(in: 0.05...0.95, using: &random) * cleanSeconds * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let finish = try BinaryRunner.run(nightly("faulty"))
        #expect(finish.status == 0, "\(finish.stderr)")
        let got = try Self.fingerprint(scratch.file("faulty.sqlite"))
        #expect(got.rows == expected.rows)
        #expect(got.digest == expected.digest)
        let db = try Database(path: scratch.file("faulty.sqlite"))
        #expect(try db.scalar("PRAGMA integrity_check")?.string == "ok")
        #expect(try db.count("SELECT COUNT(*) FROM runs WHERE status = 'running'") == 0)
    }
}
