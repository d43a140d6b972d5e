@preconcurrency import Glibc
import ChatMine

let tool = CommandLineTool(commands: [
    VersionCommand.self,
    EvalSentimentCommand.self,
    SentimentCommand.self,
    ScoreCommand.self,
])
exit(tool.main(CommandLine.arguments))
