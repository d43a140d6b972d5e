import ChatMine

/// `chatmine version`: the same as `--version`.
struct VersionCommand: Command {
    static let spec = CommandSpec(name: "version", abstract: "Print chatmine's version.")
    init(_ arguments: ParsedArguments) throws {}
    func run() throws -> Int32 {
        print(ChatMineVersion.current)
        return 0
    }
}
