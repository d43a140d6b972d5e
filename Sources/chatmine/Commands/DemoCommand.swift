import ChatMine

/// `chatmine demo`: the whole pipeline on the bundled fixtures, into ./chatmine-demo/.
struct DemoCommand: Command {
    static let spec = CommandSpec(
        name: "demo",
        abstract: "Run the whole pipeline on the bundled sample logs, into ./chatmine-demo/.",
        options: [
            .option("out", value: "dir", help: "Where to write the demo (default ./chatmine-demo)."),
            .option("synthetic", value: "n", help: "Synthetic conversations added to the fixtures (default 3000; 0 for none)."),
            CommonOptions.quiet,
        ]
    )

    let folder: String
    let quiet: Bool
    let synthetic: Int?

    init(_ arguments: ParsedArguments) throws {
        folder = arguments.value("out") ?? "chatmine-demo"
        synthetic = try arguments.int("synthetic")
        if let synthetic, synthetic < 0 { throw UsageError("Invalid value '\(synthetic)' for '--synthetic': expected 0 or more") }
        quiet = arguments.flag("quiet")
    }

    func run() throws -> Int32 {
        var demo = Demo(folder: folder, quiet: quiet)
        if let synthetic { demo.syntheticConversations = synthetic }
        let outcome = try demo.run()
        if !quiet {
            for line in outcome.lines { print(line) }
        }
        return 0
    }
}
