/// A command of the `chatmine` tool: its spec, a validating initialiser and its run.
protocol Command {
    /// What the command accepts, for parsing and help.
    static var spec: CommandSpec { get }
    /// Reads and validates the parsed arguments; throws `UsageError` for a bad command line.
    init(_ arguments: ParsedArguments) throws
    /// Does the work; returns the exit code (0, or 2 when too much input was rejected).
    func run() throws -> Int32
}
