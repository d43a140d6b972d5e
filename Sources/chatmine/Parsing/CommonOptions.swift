/// Options many commands share, defined once so their help reads the same everywhere.
enum CommonOptions {
    static let db = OptionSpec.option("db", value: "path", help: "The store (default: $CHATMINE_DB, else ./chatmine.sqlite).")
    static let quiet = OptionSpec.flag("quiet", short: "q", help: "Print nothing but errors (for cron).")
    static let since = OptionSpec.option("since", value: "date", help: "Start of the window, YYYY-MM-DD or ISO-8601 (inclusive).")
    static let until = OptionSpec.option("until", value: "date", help: "End of the window, YYYY-MM-DD or ISO-8601 (exclusive).")
    static let tz = OptionSpec.option("tz", value: "Area/City", help: "Time zone for days and hours (default UTC).")
    static func format(_ choices: [String]) -> OptionSpec {
        .option("format", value: choices.joined(separator: "|"), help: "Output format (default \(choices[0])).")
    }
}
