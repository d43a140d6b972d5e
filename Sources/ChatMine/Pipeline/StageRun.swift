@preconcurrency import Glibc

/// Records a stage command run alone (`chatmine cluster`, `score`, `metrics`, `report`,
/// `export`) in `runs`, as nightly and ingest record theirs: a 'running' row with the pid first,
/// then 'ok' with counts or 'failed' with the error. A row left 'running' by a killed process is
/// marked failed by the next nightly.
public enum StageRun {
    /// Runs `body`, recording it under `command`; `counts` names the figures of its result.
    public static func record<T>(_ db: Database, command: String, counts: (T) -> [(String, Int)] = { _ in [] },
                                 _ body: () throws -> T) throws -> T {
        try db.execute("INSERT INTO runs (command, started_at, pid) VALUES (?, ?, ?)", [command, Timestamp.iso(Timestamp.now()), Int(getpid())])
        let id = db.lastInsertedRowID
        let result: T
        do {
            result = try body()
        } catch {
            try? db.execute("UPDATE runs SET ended_at = ?, status = 'failed', error = ? WHERE id = ?",
                            [Timestamp.iso(Timestamp.now()), "\(error)", id])
            throw error
        }
        let json = "{" + counts(result).map { "\(StageLog.quoted($0.0)):\($0.1)" }.joined(separator: ",") + "}"
        try db.execute("UPDATE runs SET ended_at = ?, status = 'ok', counts = ? WHERE id = ?", [Timestamp.iso(Timestamp.now()), json, id])
        return result
    }
}
