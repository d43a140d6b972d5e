import Foundation
@testable import ChatMine

/// A fresh temporary folder per test, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("chatmine-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A path inside the folder.
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes text to a file in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Writes bytes to a file in the folder and returns its path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// A fresh store inside the folder.
    func database() throws -> Database { try Database(path: file("store.sqlite")) }
}

/// Paths of the committed fixtures.
enum Fixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("fixtures").path
    }()

    static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }
}

/// Ingests paths with default options and no progress bar.
func ingest(_ paths: [String], into db: Database, configure: (inout IngestOptions) -> Void = { _ in }) throws -> IngestSummary {
    var options = IngestOptions()
    options.showProgress = false
    configure(&options)
    return try Ingestor(db: db, options: options).ingest(paths)
}
