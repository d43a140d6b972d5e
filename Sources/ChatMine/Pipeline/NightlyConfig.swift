import Foundation

/// What nightly does with an inbox file once it is in the store.
public enum ProcessedFiles: Sendable, Equatable {
    /// Leave it (ingest skips files it has read; a file that grew adds only its new part).
    case keep
    /// Move it into this folder.
    case move(String)
    /// Delete it.
    case delete
}

/// Everything one nightly run needs, from `--config FILE` or the command line.
public struct NightlyOptions: Sendable {
    /// The store.
    public var databasePath: String
    /// The folder new log files arrive in (nil: no ingest, only the later stages).
    public var inbox: String?
    /// Which inbox files to read (fnmatch pattern on the file name).
    public var glob = "*"
    /// What happens to an inbox file once it is in the store.
    public var processed: ProcessedFiles = .keep
    /// Where the HTML report and its CSV files go (nil: no report).
    public var reportFolder: String?
    /// Where the retraining data goes (nil: no export).
    public var exportFolder: String?
    /// rasa, csv or jsonl.
    public var exportFormat = "rasa"
    /// The window of cluster and report (epoch ms, until exclusive); nil: the days the new files touched.
    public var since: Int64?
    /// The window's exclusive end (epoch ms); nil: see `since`.
    public var until: Int64?
    /// Days before the new data that the window also covers, for trends.
    public var trendDays = 28
    /// Days before the new data that the cluster stage also covers (at most `trendDays`).
    public var clusterDays = 0
    /// The time zone of days and hours in metrics and the report.
    public var timeZone = "UTC"
    /// Outcome rules (JSON file); nil: the rules last used on this store.
    public var rulesPath: String?
    /// PII redaction before text is stored (mask by default in nightly).
    public var redaction: RedactionMode = .mask
    /// Raw text of turns older than this many days is removed (nil: kept forever).
    public var retentionDays: Int?
    /// Above this share of rejected records the run ends with exit code 2.
    public var maxRejectRate = 0.05
    /// Input format of inbox files ("auto" recognises each file).
    public var format = "auto"

    /// Options with defaults for everything but the store.
    public init(databasePath: String) {
        self.databasePath = databasePath
    }
}

/// Reads nightly's JSON configuration file (docs/NIGHTLY.md). Relative paths in it are taken
/// from the file's own folder, so a config works from any working directory (cron's is $HOME).
public enum NightlyConfig {
    /// The keys a config may have; any other is an error (a typo must not silently do nothing).
    static let topKeys: Set<String> = ["database", "inbox", "report_folder", "export_folder", "export_format", "window",
                                       "time_zone", "rules", "redaction", "retention_days", "max_reject_rate", "format"]
    static let inboxKeys: Set<String> = ["folder", "glob", "processed", "processed_folder"]
    static let windowKeys: Set<String> = ["since", "until", "trend_days", "cluster_days"]

    /// Loads the file at `path`; a bad file throws `ChatMineError` naming the key.
    public static func load(path: String) throws -> NightlyOptions {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ChatMineError("cannot read the config file \(path)", hint: "check the path given to --config")
        }
        let base = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        return try parse(data, origin: path, baseFolder: base)
    }

    /// Parses a config; relative paths are resolved against `baseFolder`.
    public static func parse(_ data: Data, origin: String, baseFolder: String) throws -> NightlyOptions {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ChatMineError("\(origin) is not valid JSON: \(error.localizedDescription)", hint: "see docs/NIGHTLY.md for an example config")
        }
        guard let top = object as? [String: Any] else { throw ChatMineError("\(origin): the config must be a JSON object") }
        let reader = ConfigReader(origin: origin, base: baseFolder)
        try reader.checkKeys(top, allowed: topKeys, in: nil)
        guard let database = try reader.path(top, "database") else {
            throw ChatMineError("\(origin): \"database\" is missing", hint: "name the store, e.g. \"database\": \"chatmine.sqlite\"")
        }
        var options = NightlyOptions(databasePath: database)
        if let inbox = top["inbox"] {
            guard let inbox = inbox as? [String: Any] else { throw reader.error("inbox", "must be an object with \"folder\"") }
            try reader.checkKeys(inbox, allowed: inboxKeys, in: "inbox")
            guard let folder = try reader.path(inbox, "folder", key: "inbox.folder") else { throw reader.error("inbox.folder", "is missing") }
            options.inbox = folder
            options.glob = try reader.string(inbox, "glob", key: "inbox.glob") ?? "*"
            switch try reader.string(inbox, "processed", key: "inbox.processed") ?? "keep" {
            case "keep": options.processed = .keep
            case "delete": options.processed = .delete
            case "move":
                guard let target = try reader.path(inbox, "processed_folder", key: "inbox.processed_folder") else {
                    throw reader.error("inbox.processed_folder", "is needed when \"processed\" is \"move\"")
                }
                options.processed = .move(target)
            case let other: throw reader.error("inbox.processed", "is '\(other)'; use keep, move or delete")
            }
        }
        options.reportFolder = try reader.path(top, "report_folder")
        options.exportFolder = try reader.path(top, "export_folder")
        if let format = try reader.string(top, "export_format") {
            guard ["rasa", "csv", "jsonl"].contains(format) else { throw reader.error("export_format", "is '\(format)'; use rasa, csv or jsonl") }
            options.exportFormat = format
        }
        if let window = top["window"] {
            guard let window = window as? [String: Any] else { throw reader.error("window", "must be an object") }
            try reader.checkKeys(window, allowed: windowKeys, in: "window")
            options.since = try reader.string(window, "since", key: "window.since").map { try reader.instant($0, key: "window.since") }
            options.until = try reader.string(window, "until", key: "window.until").map { try reader.instant($0, key: "window.until") }
            if let days = try reader.integer(window, "trend_days", key: "window.trend_days") {
                guard days >= 0 else { throw reader.error("window.trend_days", "must be 0 or more") }
                options.trendDays = days
            }
            if let days = try reader.integer(window, "cluster_days", key: "window.cluster_days") {
                guard days >= 0 else { throw reader.error("window.cluster_days", "must be 0 or more") }
                options.clusterDays = days
            }
        }
        if let zone = try reader.string(top, "time_zone") {
            guard TimeZone(identifier: zone) != nil else { throw reader.error("time_zone", "'\(zone)' is not a time zone; use an IANA name such as Europe/Berlin") }
            options.timeZone = zone
        }
        options.rulesPath = try reader.path(top, "rules")
        if let mode = try reader.string(top, "redaction") {
            guard let parsed = RedactionMode(rawValue: mode) else { throw reader.error("redaction", "is '\(mode)'; use mask, hash or none") }
            options.redaction = parsed
        }
        if let days = try reader.integer(top, "retention_days") {
            guard days >= 1 else { throw reader.error("retention_days", "must be 1 or more (leave it out to keep text forever)") }
            options.retentionDays = days
        }
        if let rate = try reader.number(top, "max_reject_rate") {
            guard (0...1).contains(rate) else { throw reader.error("max_reject_rate", "must be between 0 and 1") }
            options.maxRejectRate = rate
        }
        if let format = try reader.string(top, "format") {
            guard LogFormats.names.contains(format) else { throw reader.error("format", "is '\(format)'; use one of \(LogFormats.names.joined(separator: ", "))") }
            options.format = format
        }
        if let since = options.since, let until = options.until, until <= since {
            throw reader.error("window.until", "must be after window.since (until is exclusive)")
        }
        return options
    }
}

/// Typed access to a config object with errors that name the key.
private struct ConfigReader {
    let origin: String
    let base: String

    func error(_ key: String, _ problem: String) -> ChatMineError {
        ChatMineError("\(origin): \"\(key)\" \(problem)", hint: "see docs/NIGHTLY.md for every key")
    }

    func checkKeys(_ object: [String: Any], allowed: Set<String>, in parent: String?) throws {
        for key in object.keys.sorted() where !allowed.contains(key) && !key.hasPrefix("_") {
            let name = parent.map { "\($0).\(key)" } ?? key
            throw error(name, "is not a config key (known: \(allowed.sorted().joined(separator: ", ")); keys starting with _ are comments)")
        }
    }

    func string(_ object: [String: Any], _ name: String, key: String? = nil) throws -> String? {
        guard let value = object[name], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw error(key ?? name, "must be a string") }
        return text
    }

    func path(_ object: [String: Any], _ name: String, key: String? = nil) throws -> String? {
        guard let text = try string(object, name, key: key) else { return nil }
        guard !text.isEmpty else { throw error(key ?? name, "is empty") }
        let expanded = (text as NSString).expandingTildeInPath
        return expanded.hasPrefix("/") ? expanded : URL(fileURLWithPath: base).appendingPathComponent(expanded).standardizedFileURL.path
    }

    func number(_ object: [String: Any], _ name: String, key: String? = nil) throws -> Double? {
        guard let value = object[name], !(value is NSNull) else { return nil }
        if let number = value as? Int { return Double(number) }
        guard let number = value as? Double else { throw error(key ?? name, "must be a number") }
        return number
    }

    func integer(_ object: [String: Any], _ name: String, key: String? = nil) throws -> Int? {
        guard let value = try number(object, name, key: key) else { return nil }
        guard value == value.rounded(), abs(value) < 1e12 else { throw error(key ?? name, "must be a whole number") }
        return Int(value)
    }

    func instant(_ text: String, key: String) throws -> Int64 {
        guard let value = NightlyWindow.parseDate(text) else { throw error(key, "'\(text)' is not YYYY-MM-DD or ISO-8601") }
        return value
    }
}
