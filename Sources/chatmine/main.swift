@preconcurrency import Glibc
import ChatMine

let tool = CommandLineTool(commands: [
    VersionCommand.self,
    EmbedCommand.self,
])
exit(tool.main(CommandLine.arguments))
