import Foundation
import Testing

/// `chatmine generate` run as a separate process: output must not depend on the process
/// (no per-process hashing or system randomness), and files and exit codes behave.
@Suite("generate command")
struct GenerateCommandTests {
    @Test func twoProcessesWithOneSeedWriteIdenticalFiles() throws {
        let folder = try WorkFolder()
        for run in ["a", "b"] {
            let result = try BinaryRunner.run(["generate", "-n", "150", "--seed", "77", "--lang", "mixed", "--format", "csv",
                                               "--out", folder.file("\(run).csv"), "--truth", folder.file("\(run).truth"), "--quiet"])
            #expect(result.status == 0)
            #expect(result.stderr.isEmpty)
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: folder.file("a.csv")))
        let b = try Data(contentsOf: URL(fileURLWithPath: folder.file("b.csv")))
        #expect(!a.isEmpty && a == b)
        let truthA = try Data(contentsOf: URL(fileURLWithPath: folder.file("a.truth")))
        let truthB = try Data(contentsOf: URL(fileURLWithPath: folder.file("b.truth")))
        #expect(!truthA.isEmpty && truthA == truthB)
    }

    @Test func writesToStandardOutputByDefaultWithASummaryOnStandardError() throws {
        let result = try BinaryRunner.run(["generate", "--conversations", "20", "--seed", "3"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count > 20)
        #expect(lines.allSatisfy { $0.hasPrefix("{\"conversation_id\":\"c0000") })
        #expect(result.stderr.contains("Generated 20 conversations"))
        let again = try BinaryRunner.run(["generate", "--conversations", "20", "--seed", "3", "--out", "-"])
        #expect(again.stdout == result.stdout)
    }

    @Test func badCommandLinesExit64AndUnwritableFilesExit1() throws {
        for arguments in [["generate"], ["generate", "-n", "0"], ["generate", "-n", "5", "--lang", "fr"],
                          ["generate", "-n", "5", "--format", "xml"], ["generate", "-n", "5", "--start", "2026-02-30"],
                          ["generate", "-n", "5", "--unknown-share", "1.5"], ["generate", "-n", "5", "--days", "0"],
                          ["generate", "-n", "5", "--truth", "-"]] {
            let result = try BinaryRunner.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains("See 'chatmine generate --help'"), "\(arguments)")
        }
        let folder = try WorkFolder()
        let result = try BinaryRunner.run(["generate", "-n", "5", "--out", folder.file("missing/dir/log.jsonl")])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: Cannot write"))
    }
}
