@preconcurrency import Glibc
import ChatMine

let tool = CommandLineTool(commands: [
    VersionCommand.self,
    MetricsCommand.self,
    OutcomesCommand.self,
])
exit(tool.main(CommandLine.arguments))
