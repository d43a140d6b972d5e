import Foundation

/// The review loop over suggested intents: list, show, accept, reject, rename, merge. Decisions
/// live in `suggestions` (keyed by lineage id, which clustering keeps from run to run and never
/// overwrites the review fields of) and in the history table `suggestion_decisions`.
public struct SuggestionReview {
    /// The store.
    public let db: Database
    /// The clock for `decided_at` (tests pin it).
    public var now: () -> Date = Date.init

    /// Creates a reviewer over `db`.
    public init(db: Database) {
        self.db = db
    }

    private static let columns = """
        lineage_id, name, status, accepted_name, merged_into, reason, decided_at, recommendation, nearest_intent,
        similarity, margin, size, trend, gain, rank, top_terms, phrases
        """

    /// Suggestions, best gain first; only one status when `status` is given; gone ones only when asked.
    public func list(status: String? = nil, includeGone: Bool = false) throws -> [SuggestionRecord] {
        try db.rows("""
            SELECT \(Self.columns) FROM suggestions
            WHERE (?1 IS NULL OR status = ?1) AND (?2 = 1 OR trend <> 'gone' OR status <> 'pending')
            ORDER BY CASE status WHEN 'pending' THEN 0 WHEN 'accepted' THEN 1 WHEN 'merged' THEN 2 ELSE 3 END,
                     trend = 'gone', gain DESC, lineage_id
            """, [status.map { DatabaseValue.text($0) } ?? .null, includeGone]).map(Self.record)
    }

    /// The suggestion with this id: `C00042`, `c42` or `42` all name lineage C00042.
    public func find(_ id: String) throws -> SuggestionRecord {
        let key = Self.lineageKey(id)
        guard let row = try db.rows("SELECT \(Self.columns) FROM suggestions WHERE lineage_id = ?", [key]).first else {
            throw ChatMineError("no suggestion \(id)", hint: "see 'chatmine suggestions list' for the ids (like C00042)")
        }
        return Self.record(row)
    }

    /// Past decisions on a suggestion, oldest first.
    public func history(_ id: String) throws -> [SuggestionDecision] {
        try db.rows("SELECT action, value, reason, decided_at FROM suggestion_decisions WHERE lineage_id = ? ORDER BY id",
                    [Self.lineageKey(id)]).map {
            SuggestionDecision(action: $0[0].string ?? "", value: $0[1].string, reason: $0[2].string, decidedAt: $0[3].string ?? "")
        }
    }

    /// Distinct texts of the suggestion's latest cluster with how often each was said, most frequent first.
    public func members(_ id: String, limit: Int = 20) throws -> [(text: String, count: Int)] {
        try db.rows("""
            SELECT t.text, COUNT(*) AS n FROM suggestions s
            JOIN cluster_members m ON m.cluster_id = s.cluster_id JOIN turns t ON t.id = m.turn_id
            WHERE s.lineage_id = ? GROUP BY t.text ORDER BY n DESC, MAX(m.similarity) DESC LIMIT ?
            """, [Self.lineageKey(id), limit]).map { ($0[0].string ?? "", Int($0[1].int64 ?? 0)) }
    }

    /// Accepts the suggestion as a new intent named `name` (default: its current name).
    @discardableResult
    public func accept(_ id: String, as name: String? = nil) throws -> SuggestionRecord {
        let record = try find(id)
        let chosen = try Self.validIntentName(name ?? record.displayName)
        if try knownIntents(excluding: record.lineageID).contains(chosen) {
            throw ChatMineError("'\(chosen)' is already an intent", hint: "to add these phrases to it, run 'chatmine suggestions merge \(record.lineageID) --into \(chosen)'")
        }
        return try decide(record, action: "accept", status: "accepted", acceptedName: chosen, mergedInto: nil, reason: nil)
    }

    /// Rejects the suggestion, with an optional reason.
    @discardableResult
    public func reject(_ id: String, reason: String? = nil) throws -> SuggestionRecord {
        let record = try find(id)
        let text = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        return try decide(record, action: "reject", status: "rejected", acceptedName: record.acceptedName, mergedInto: nil,
                          reason: text?.isEmpty == false ? text : nil)
    }

    /// Gives the suggestion a new name, keeping its status.
    @discardableResult
    public func rename(_ id: String, to name: String) throws -> SuggestionRecord {
        let record = try find(id)
        guard record.status != "merged" else {
            throw ChatMineError("\(record.lineageID) is merged into \(record.mergedInto ?? "an intent"); it has no name of its own",
                                hint: "accept it under a new name instead: 'chatmine suggestions accept \(record.lineageID) --as NAME'")
        }
        let chosen = try Self.validIntentName(name)
        if try knownIntents(excluding: record.lineageID).contains(chosen) {
            throw ChatMineError("'\(chosen)' is already an intent", hint: "to add these phrases to it, run 'chatmine suggestions merge \(record.lineageID) --into \(chosen)'")
        }
        return try decide(record, action: "rename", status: record.status, acceptedName: chosen, mergedInto: nil, reason: record.reason)
    }

    /// Merges the suggestion's phrases into an existing intent.
    @discardableResult
    public func merge(_ id: String, into intent: String) throws -> SuggestionRecord {
        let record = try find(id)
        let target = try Self.validIntentName(intent)
        let known = try knownIntents(excluding: record.lineageID)
        guard known.contains(target) else {
            let sample = known.sorted().prefix(12).joined(separator: ", ")
            throw ChatMineError("no intent named '\(target)' in the store", hint: known.isEmpty ? "merge into an intent the logs use" : "known intents include: \(sample)")
        }
        return try decide(record, action: "merge", status: "merged", acceptedName: record.acceptedName, mergedInto: target, reason: nil)
    }

    /// The intents the bot knows: those on confidently labelled user turns, and accepted suggestions' names.
    public func knownIntents(excluding lineageID: String? = nil) throws -> Set<String> {
        var names = Set<String>()
        try db.prepare("""
            SELECT DISTINCT trim(intent) FROM turns WHERE role = 'user' AND intent IS NOT NULL AND trim(intent) <> ''
            """).forEachRow { row in
            if let name = row[0].string, !TrainingExamples.isFallbackIntent(name) { names.insert(name) }
        }
        try db.prepare("SELECT COALESCE(accepted_name, name) FROM suggestions WHERE status = 'accepted' AND lineage_id <> ?")
            .forEachRow([lineageID ?? ""]) { row in if let name = row[0].string { names.insert(name) } }
        return names
    }

    private func decide(_ record: SuggestionRecord, action: String, status: String, acceptedName: String?, mergedInto: String?,
                        reason: String?) throws -> SuggestionRecord {
        let stamp = ISO8601DateFormatter().string(from: now())
        try db.inTransaction {
            try db.execute("""
                UPDATE suggestions SET status = ?, accepted_name = ?, merged_into = ?, reason = ?, decided_at = ?, updated_at = ?
                WHERE lineage_id = ?
                """, [status, acceptedName.map { DatabaseValue.text($0) } ?? .null, mergedInto.map { DatabaseValue.text($0) } ?? .null,
                      reason.map { DatabaseValue.text($0) } ?? .null, stamp, stamp, record.lineageID])
            let value = action == "merge" ? mergedInto : action == "reject" ? nil : acceptedName
            try db.execute("INSERT INTO suggestion_decisions (lineage_id, action, value, reason, decided_at) VALUES (?, ?, ?, ?, ?)",
                           [record.lineageID, action, value.map { DatabaseValue.text($0) } ?? .null,
                            (action == "reject" ? reason : nil).map { DatabaseValue.text($0) } ?? .null, stamp])
        }
        return try find(record.lineageID)
    }

    // MARK: - Parsing

    /// `C00042`, `c42` or `42` → `C00042`; anything else is looked up as given.
    static func lineageKey(_ id: String) -> String {
        let text = id.trimmingCharacters(in: .whitespaces)
        let digits = text.first.map { $0 == "C" || $0 == "c" } == true ? String(text.dropFirst()) : text
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let number = Int(digits), number >= 0 else { return text }
        return String(format: "C%05d", number)
    }

    /// An intent name a bot platform accepts: 1–64 letters (any script), digits, `_`, `-` or `.`,
    /// starting with a letter or digit.
    public static func validIntentName(_ name: String) throws -> String {
        let text = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let allowed = text.unicodeScalars.allSatisfy { scalar in
            scalar == "_" || scalar == "-" || scalar == "." || CharacterSet.alphanumerics.contains(scalar)
        }
        guard !text.isEmpty, text.count <= 64, allowed,
              let first = text.unicodeScalars.first, CharacterSet.alphanumerics.contains(first) else {
            throw ChatMineError("'\(name)' is not a usable intent name",
                                hint: "use 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit (e.g. student_discount)")
        }
        return text
    }

    static func record(_ row: Row) -> SuggestionRecord {
        SuggestionRecord(
            lineageID: row[0].string ?? "", name: row[1].string ?? "", status: row[2].string ?? "pending",
            acceptedName: row[3].string, mergedInto: row[4].string, reason: row[5].string, decidedAt: row[6].string,
            recommendation: row[7].string ?? "none", nearestIntent: row[8].string, similarity: row[9].double, margin: row[10].double,
            size: Int(row[11].int64 ?? 0), trend: row[12].string ?? "", gain: row[13].double ?? 0, rank: row[14].int64.map { Int($0) },
            topTerms: ReportStoreReader.strings(row[15].string), phrases: ReportStoreReader.strings(row[16].string))
    }
}
