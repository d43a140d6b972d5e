import Foundation

/// One KPI query file: SQL returning rows of (grp, kpi, kind, numerator, denominator, value).
public struct KPIQuery: Sendable, Equatable {
    /// The file name, e.g. "outcomes.sql".
    public var name: String
    /// The SQL text.
    public var sql: String

    /// Tables named on `-- requires: a, b` lines; the query is skipped while one is missing.
    public var requiredTables: [String] {
        sql.split(whereSeparator: \.isNewline).compactMap { line -> [String]? in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.lowercased().hasPrefix("-- requires:") else { return nil }
            return text.dropFirst("-- requires:".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }.flatMap { $0 }
    }

    /// Creates a query.
    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }

    /// The order in which the built-in families are shown; other files follow by name.
    static let familyOrder = ["outcomes", "deflection", "fallback", "csat", "length", "latency", "api", "savings", "sentiment"]

    /// The queries built into the binary (queries/*.sql), families in their reading order.
    public static func builtIn() -> [KPIQuery] {
        func rank(_ name: String) -> Int { familyOrder.firstIndex(of: String(name.dropLast(4))) ?? familyOrder.count }
        return EmbeddedResources.files
            .filter { $0.key.hasPrefix("queries/") && $0.key.hasSuffix(".sql") && !$0.key.dropFirst(8).contains("/") }
            .map { KPIQuery(name: String($0.key.dropFirst("queries/".count)), sql: $0.value) }
            .sorted { (rank($0.name), $0.name) < (rank($1.name), $1.name) }
    }

    /// The *.sql files of a directory (`--queries DIR`), in name order.
    public static func directory(_ path: String) throws -> [KPIQuery] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw ChatMineError("cannot read the query directory \(path)", hint: "give --queries a folder of .sql files")
        }
        let queries = try names.filter { $0.hasSuffix(".sql") }.sorted().map { name -> KPIQuery in
            let file = (path as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ChatMineError("cannot read \(file)", hint: "check the file's permissions")
            }
            return KPIQuery(name: name, sql: String(decoding: data, as: UTF8.self))
        }
        if queries.isEmpty {
            throw ChatMineError("no .sql files in \(path)", hint: "each KPI query is a .sql file returning grp, kpi, kind, numerator, denominator, value; see queries/README.md")
        }
        return queries
    }
}

/// One computed KPI for one group.
public struct KPIRow: Sendable, Equatable, Codable {
    /// The group ("all", a day, week, hour, channel or intent).
    public var group: String
    /// The KPI's name, e.g. "containment_rate".
    public var kpi: String
    /// rate, count, mean, median, p90 or amount.
    public var kind: String
    /// The numerator (rates, means, counts), if any.
    public var numerator: Double?
    /// The denominator (rates, means) or sample size (quantiles), if any.
    public var denominator: Double?
    /// The value: numerator ÷ denominator for a rate unless the query gave one.
    public var value: Double?
    /// Lower end of the 95% Wilson interval (rates only).
    public var ciLow: Double?
    /// Upper end of the 95% Wilson interval (rates only).
    public var ciHigh: Double?
    /// True when the denominator is under 30.
    public var smallN: Bool

    enum CodingKeys: String, CodingKey {
        case group, kpi, kind, numerator, denominator, value
        case ciLow = "ci_low"
        case ciHigh = "ci_high"
        case smallN = "small_n"
    }

    /// Builds a row, deriving the value, the interval and the small-n flag.
    public init(group: String, kpi: String, kind: String, numerator: Double?, denominator: Double?, value: Double?) {
        self.group = group
        self.kpi = kpi
        self.kind = kind
        self.numerator = numerator
        self.denominator = denominator
        var derived = value
        if derived == nil, kind != "median", kind != "p90", let numerator, let denominator, denominator > 0 {
            derived = numerator / denominator
        }
        if derived == nil, kind == "count" { derived = numerator }
        self.value = derived
        if kind == "rate", let numerator, let denominator, let interval = Wilson.interval(successes: numerator, trials: denominator) {
            ciLow = interval.low
            ciHigh = interval.high
        }
        smallN = denominator.map { $0 < Wilson.smallSample } ?? false
    }
}

/// The 95% Wilson score interval of a proportion.
public enum Wilson {
    /// Denominators under this are flagged as small.
    public static let smallSample = 30.0
    /// The normal quantile for 95%.
    static let z = 1.959963984540054

    /// The interval for `successes` of `trials`; nil when there are no trials.
    public static func interval(successes: Double, trials: Double) -> (low: Double, high: Double)? {
        guard trials > 0 else { return nil }
        let p = successes / trials
        let z2 = z * z
        let centre = p + z2 / (2 * trials)
        let spread = z * ((p * (1 - p) / trials + z2 / (4 * trials * trials)).squareRoot())
        let scale = 1 + z2 / trials
        // At the edges the formula's rounding leaves dust (1e-17); the exact bounds are 0 and 1.
        let low = successes <= 0 ? 0 : max(0, (centre - spread) / scale)
        let high = successes >= trials ? 1 : min(1, (centre + spread) / scale)
        return (low, high)
    }
}
