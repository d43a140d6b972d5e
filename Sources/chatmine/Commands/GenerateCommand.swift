import ChatMine

/// `chatmine generate`: synthetic bot conversations with known ground truth.
struct GenerateCommand: Command {
    static let spec = CommandSpec(
        name: "generate",
        abstract: "Write synthetic chatbot logs with known ground truth.",
        discussion: """
        Realistic banking, shopping and travel conversations (known and unknown intents, handoffs,
        API failures, CSAT, abandonment, returning users) in the generic JSONL or CSV format.
        The same options and seed give byte-identical output. --truth writes each conversation's
        outcome and return, and each user turn's true intent and polarity (JSONL).
        """,
        options: [
            .option("conversations", short: "n", value: "N", help: "How many conversations to write (required)."),
            .option("seed", value: "S", help: "Random seed (default 1)."),
            .option("lang", value: "en|zh|mixed", help: "Language of the conversations (default en)."),
            .option("format", value: "jsonl|csv", help: "Output format (default jsonl)."),
            .option("out", short: "o", value: "file", help: "Where to write the log; '-' is stdout (default)."),
            .option("truth", value: "file", help: "Also write the ground truth (JSONL) to this file."),
            .option("start", value: "YYYY-MM-DD", help: "First day, UTC (default 2026-11-01)."),
            .option("days", value: "D", help: "Days the conversations are spread over (default 7)."),
            .option("unknown-share", value: "F", help: "Share of engaged conversations about intents the bot does not know, 0-1 (default 0.15)."),
            .option("id-prefix", value: "P", help: "Put P before every conversation id, e.g. the day, so several files can share one store."),
            .flag("quiet", short: "q", help: "Do not print the summary to stderr."),
        ]
    )

    let options: GeneratorOptions
    let out: String?
    let truth: String?
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        guard let count = try arguments.int("conversations") else {
            throw UsageError("Missing expected option '--conversations <N>'")
        }
        guard count >= 1 else { throw UsageError("'--conversations' must be at least 1") }
        var options = GeneratorOptions(conversations: count)
        if let seed = try arguments.value("seed", as: "an unsigned integer", { UInt64($0) }) { options.seed = seed }
        if let lang = try arguments.choice("lang", GeneratedLanguage.allCases.map(\.rawValue)), let language = GeneratedLanguage(rawValue: lang) {
            options.language = language
        }
        if let format = try arguments.choice("format", GeneratedLogFormat.allCases.map(\.rawValue)), let value = GeneratedLogFormat(rawValue: format) {
            options.format = value
        }
        if let start = try arguments.value("start", as: "a date YYYY-MM-DD", GeneratorOptions.startMillis(fromDate:)) {
            options.startMillis = start
        }
        if let days = try arguments.int("days") {
            guard (1...3650).contains(days) else { throw UsageError("'--days' must be between 1 and 3650") }
            options.days = days
        }
        if let share = try arguments.double("unknown-share") {
            guard (0...1).contains(share) else { throw UsageError("'--unknown-share' must be between 0 and 1") }
            options.unknownShare = share
        }
        if let prefix = arguments.value("id-prefix") {
            guard GeneratorOptions.isValidIDPrefix(prefix) else {
                throw UsageError("'--id-prefix' takes up to 32 letters, digits, '-', '_' or '.'")
            }
            options.idPrefix = prefix
        }
        self.options = options
        out = arguments.value("out")
        truth = arguments.value("truth")
        quiet = arguments.flag("quiet")
        if let truth, truth == "-" || truth == out {
            throw UsageError("'--truth' needs its own file, not stdout or the log file")
        }
    }

    func run() throws -> Int32 {
        let log = try out.map { $0 == "-" ? ByteSink.standardOutput() : try ByteSink.file($0) } ?? .standardOutput()
        let truthFile = try truth.map { try ByteSink.file($0) }
        let showProgress = !quiet && Terminal.stderrIsTerminal && options.conversations >= 20_000
        let summary = try SyntheticLogGenerator(options: options).write(to: log, truth: truthFile) { done, total in
            guard showProgress else { return }
            Terminal.errorRaw("\r\u{1B}[2KGenerating: \(done * 100 / total)% (\(done) of \(total) conversations)")
        }
        if showProgress { Terminal.errorRaw("\r\u{1B}[2K") }
        if !quiet {
            let outcomes = GeneratedOutcome.allCases.map { "\($0.rawValue) \(summary.outcomes[$0.rawValue] ?? 0)" }.joined(separator: ", ")
            Terminal.error("Generated \(summary.conversations) conversations, \(summary.messages) messages, \(summary.events) events (\(outcomes)).")
        }
        return 0
    }
}
