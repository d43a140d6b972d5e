import ChatMine

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

    /// A `--since`/`--until` value read in `zone` (YYYY-MM-DD is that day's midnight there).
    static func instant(_ text: String?, option: String, zone: LocalTime) throws -> Int64? {
        guard let text else { return nil }
        guard let value = zone.parseInstant(text) else {
            throw UsageError("Invalid value '\(text)' for '--\(option)': expected YYYY-MM-DD or an ISO-8601 date and time")
        }
        return value
    }
}
