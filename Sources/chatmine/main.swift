@preconcurrency import Glibc
import ChatMine

let tool = CommandLineTool(commands: [
    VersionCommand.self,
    GenerateCommand.self,
])
exit(tool.main(CommandLine.arguments))
