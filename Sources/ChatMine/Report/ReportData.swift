/// The KPIs of one group ("all", a day, an intent, a channel), by KPI name.
struct KPIGroup {
    /// The group key.
    var key: String
    /// Rows by KPI name.
    var rows: [String: KPIRow]

    subscript(_ kpi: String) -> KPIRow? { rows[kpi] }

    /// The conversations in the group.
    var conversations: Double { rows["conversations"]?.value ?? 0 }
}

/// The report's time window, as requested and as found in the store.
struct ReportWindow {
    var since: Int64?
    var until: Int64?
    var zone: LocalTime
    /// First and last conversation start in the window (nil when there are none).
    var firstStart: Int64?
    var lastStart: Int64?
    /// "2026-11-01 – 2026-11-28 (UTC)".
    var label: String
}

/// The change a KPI card shows: what it is compared with, and those KPIs.
struct ReportComparison {
    /// "vs 2026-10-04 – 2026-10-31" or "last 7 days vs the 7 before".
    var label: String
    /// The KPIs of the recent period (equal to the report's window when a window was given).
    var recent: KPIGroup
    /// The KPIs of the earlier period.
    var earlier: KPIGroup
}

/// One failing API.
struct APIFailures {
    var name: String
    var row: KPIRow
    /// Conversations with a failed call to this API, and those of them that escalated.
    var failedConversations: Int = 0
    var escalatedAfterFailure: Int = 0
}

/// Sentiment of the window's conversations (from `chatmine score`).
struct SentimentOverview: Codable, Equatable {
    /// Conversations with a mean, per bin of width 0.2 from −1 to 1.
    var histogram: [Int]
    var scored: Int
    /// The sum of the scored conversations' means (so days add up).
    var sum = 0.0
    var mean: Double?
    /// Conversations with a first-to-last change, and the sum of those changes.
    var changes = 0
    var changeSum = 0.0
    /// First-to-last change: improved (> +0.1), unchanged, worsened (< −0.1).
    var improved: Int
    var unchanged: Int
    var worsened: Int
    var meanChange: Double?
    var frustrated: Int
    /// User turns by label.
    var negativeTurns: Int
    var neutralTurns: Int
    var positiveTurns: Int
}

/// One suggested intent as the report shows it.
struct SuggestionView {
    var lineageID: String
    var name: String
    var status: String
    var acceptedName: String?
    var mergedInto: String?
    var reason: String?
    var decidedAt: String?
    var recommendation: String
    var nearestIntent: String?
    var similarity: Double?
    var margin: Double?
    var size: Int
    var previousSize: Int?
    var trend: String
    var gain: Double
    var rank: Int?
    var topTerms: [String]
    var phrases: [String]
    var escalationRate: Double?
    var fallbackRate: Double?
}

/// What the data-quality panel shows.
struct DataQuality {
    var files: Int
    var records: Int
    var rejects: Int
    var topReasons: [(reason: String, count: Int)]
    var filesWithRejects: [(path: String, rejects: Int, records: Int)]
    var turns: Int
    var turnsWithoutTime: Int
    var userTurns: Int
    var userTurnsWithoutIntent: Int
    var conversationsWithoutChannel: Int
    var conversationsWithoutUser: Int
    var unscoredTurns: Int?
    var lastClusterRun: String?

    /// Rejected records ÷ all records read.
    var unparsedShare: Double? { records + rejects > 0 ? Double(rejects) / Double(records + rejects) : nil }
}

/// Everything the page and its CSV files are built from.
struct ReportData {
    var title: String
    var generatedAt: String
    var database: String
    var window: ReportWindow
    var rulesVersion: String
    var rulesHash: String
    var total: KPIGroup
    var comparison: ReportComparison?
    /// Days (or weeks, for long windows) in order, with gaps filled by empty groups.
    var series: [KPIGroup]
    var seriesUnit: String
    var outcomeMix: [(outcome: String, count: Int)]
    var byIntent: [KPIGroup]
    var byChannel: [KPIGroup]
    /// Conversations per "1 Mon 09" key.
    var weekHours: [String: Double]
    var apis: [APIFailures]
    var sentiment: SentimentOverview?
    var suggestions: [SuggestionView]
    var suggestionCounts: [String: Int]
    var quality: DataQuality
    var skipped: [String]
    var queryNames: [String]
}
