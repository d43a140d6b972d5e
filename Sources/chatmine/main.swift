@preconcurrency import Glibc
import ChatMine

requireBuiltCPUFeatures()  // first: the library may hold AVX2/AVX-512 code (Package.swift)

// Commands in the order of the pipeline, then the tools around it; help lists them so.
let tool = CommandLineTool(commands: [
    IngestCommand.self,
    ScoreCommand.self,
    ClusterCommand.self,
    MetricsCommand.self,
    OutcomesCommand.self,
    ReportCommand.self,
    SuggestionsListCommand.self,
    SuggestionsShowCommand.self,
    SuggestionsAcceptCommand.self,
    SuggestionsRejectCommand.self,
    SuggestionsRenameCommand.self,
    SuggestionsMergeCommand.self,
    ExportTrainingCommand.self,
    NightlyCommand.self,
    GenerateCommand.self,
    EvalClustersCommand.self,
    EvalSentimentCommand.self,
    SentimentCommand.self,
    EmbedCommand.self,
    DemoCommand.self,
    VersionCommand.self,
])
exit(tool.main(CommandLine.arguments))
