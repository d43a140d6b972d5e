@preconcurrency import Glibc
import ChatMine

let tool = CommandLineTool(commands: [
    VersionCommand.self,
    ClusterCommand.self,
    EvalClustersCommand.self,
])
exit(tool.main(CommandLine.arguments))
