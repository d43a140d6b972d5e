import Foundation
import Testing

@Suite("Command line")
struct CommandLineTests {
    @Test func versionAndHelp() throws {
        let version = try BinaryRunner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.split(separator: ".").count == 3)
        let help = try BinaryRunner.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("OVERVIEW:") && help.stdout.contains("ingest"))
        for form in [["ingest", "--help"], ["ingest", "-h"], ["help", "ingest"]] {
            let result = try BinaryRunner.run(form)
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE: chatmine ingest"))
            #expect(result.stdout.contains("OPTIONS:") && result.stdout.contains("--max-reject-rate"))
        }
    }

    @Test func usageErrorsExit64WithUsageAndHint() throws {
        let unknown = try BinaryRunner.run(["ingest", "--foo", "x"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("Error: Unknown option '--foo'"))
        #expect(unknown.stderr.contains("See 'chatmine ingest --help'"))
        let missing = try BinaryRunner.run(["ingest"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("Missing expected argument"))
        let badValue = try BinaryRunner.run(["ingest", "--max-reject-rate=lots", "x.jsonl"])
        #expect(badValue.status == 64)
        let command = try BinaryRunner.run(["frobnicate"])
        #expect(command.status == 64)
        #expect(command.stderr.contains("Unknown command 'frobnicate'"))
    }

    @Test func anUnreadableGlossaryStopsTheRunInsteadOfBeingReplaced() throws {
        let folder = try WorkFolder()
        let missing = folder.file("no-such-glossary.tsv")
        let result = try BinaryRunner.run(["cluster", "--db", folder.file("s.sqlite")], environment: ["CHATMINE_GLOSSARY": missing])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot read the glossary \(missing)"))
    }

    @Test func runtimeErrorsExit1WithAHint() throws {
        let folder = try WorkFolder()
        let result = try BinaryRunner.run(["ingest", "--db", folder.file("s.sqlite"), folder.file("missing.jsonl")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Error: no such file or folder"))
        #expect(result.stderr.contains("Hint:"))
    }

    @Test func ingestUsesTheEnvironmentStoreAndReportsRejectsWithExit2() throws {
        let folder = try WorkFolder()
        let db = folder.file("env.sqlite")
        let good = try BinaryRunner.run(["ingest", BinaryRunner.fixture("generic/support.jsonl"), "--quiet"], environment: ["CHATMINE_DB": db])
        #expect(good.status == 0)
        #expect(good.stdout.isEmpty)
        #expect(FileManager.default.fileExists(atPath: db))
        let bad = try BinaryRunner.run(["ingest", BinaryRunner.fixture("generic/rejects.jsonl"), "--db=\(db)"])
        #expect(bad.status == 2)
        #expect(bad.stdout.contains("2 turns") && bad.stdout.contains("8 rejected"))
        let tolerant = try BinaryRunner.run(["ingest", BinaryRunner.fixture("generic/rejects.jsonl"), "--db", folder.file("other.sqlite"), "--max-reject-rate", "0.9"])
        #expect(tolerant.status == 0)
    }

    @Test func ingestReadsStandardInputAndDefaultsToTheWorkingFolder() throws {
        let folder = try WorkFolder()
        let input = try Data(contentsOf: URL(fileURLWithPath: BinaryRunner.fixture("generic/support.csv")))
        let result = try BinaryRunner.run(["ingest", "-", "--format", "csv"], in: folder.path, stdin: input)
        #expect(result.status == 0)
        #expect(result.stdout.contains("5 turns, 1 events"))
        #expect(FileManager.default.fileExists(atPath: folder.file("chatmine.sqlite")))
    }
}
