@preconcurrency import Glibc
import ChatMine

let tool = CommandLineTool(commands: [
    IngestCommand.self,
    DemoCommand.self,
    VersionCommand.self,
    GenerateCommand.self,
    EvalSentimentCommand.self,
    SentimentCommand.self,
    ScoreCommand.self,
    MetricsCommand.self,
    OutcomesCommand.self,
    NightlyCommand.self,
    ClusterCommand.self,
    EvalClustersCommand.self,
    EmbedCommand.self,
    ReportCommand.self,
    SuggestionsListCommand.self,
    SuggestionsShowCommand.self,
    SuggestionsAcceptCommand.self,
    SuggestionsRejectCommand.self,
    SuggestionsRenameCommand.self,
    SuggestionsMergeCommand.self,
    ExportTrainingCommand.self,
])
exit(tool.main(CommandLine.arguments))
