import ChatMine

/// `chatmine demo`: the whole pipeline on the bundled fixtures, into ./chatmine-demo/.
struct DemoCommand: Command {
    static let spec = CommandSpec(
        name: "demo",
        abstract: "Run the whole pipeline on the bundled sample logs, into ./chatmine-demo/.",
        options: [
            .option("out", value: "dir", help: "Where to write the demo (default ./chatmine-demo)."),
            CommonOptions.quiet,
        ]
    )

    let folder: String
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        folder = arguments.value("out") ?? "chatmine-demo"
        quiet = arguments.flag("quiet")
    }

    func run() throws -> Int32 {
        let outcome = try Demo(folder: folder, quiet: quiet).run()
        if !quiet {
            for line in outcome.lines { print(line) }
        }
        return 0
    }
}
