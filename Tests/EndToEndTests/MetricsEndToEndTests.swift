import Foundation
import Testing

/// Runs the built `chatmine` binary: `metrics` and `outcomes` on the KPI fixture, usage errors.
@Suite("metrics end to end")
struct MetricsEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to the test bundle (.build/<config>/chatmine).
    static var binary: URL {
        let beside = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("chatmine")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return root.appendingPathComponent(".build/debug/chatmine")
    }

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "CHATMINE_DB")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chatmine-metrics-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("usage errors exit 64, a missing store exits 1 with a hint")
    func errors() throws {
        let bad = try Self.run(["metrics", "--by", "month"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("Error: Invalid value 'month' for '--by'"))
        #expect(try Self.run(["metrics", "--tz", "Mars/Olympus"]).status == 64)
        #expect(try Self.run(["metrics", "--since", "yesterday", "--db", "/nonexistent/x.sqlite"]).status == 64)
        #expect(try Self.run(["metrics", "--since", "2026-11-05", "--until", "2026-11-01"]).status == 64)
        let missing = try Self.run(["metrics", "--db", try Self.scratch() + "/none.sqlite"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Error: no store at"))
        #expect(missing.stderr.contains("Hint:"))
    }

    @Test("--show-rules prints the default rules as JSON; --show-queries the SQL")
    func show() throws {
        let rules = try Self.run(["metrics", "--show-rules", "--db", try Self.scratch() + "/none.sqlite"])
        #expect(rules.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(rules.stdout.utf8)) as? [String: Any]
        #expect(object?["confidence_threshold"] as? Double == 0.5)
        let queries = try Self.run(["metrics", "--show-queries"])
        #expect(queries.stdout.contains("-- queries/outcomes.sql"))
        #expect(queries.stdout.contains("containment_rate"))
    }
}
