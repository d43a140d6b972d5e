import Foundation

/// Where the store lives: `--db PATH`, else `$CHATMINE_DB`, else `./chatmine.sqlite`.
public enum StoreLocation {
    /// The database path chosen by the option and the environment.
    public static func resolve(_ option: String?) -> String {
        if let option, !option.isEmpty { return option }
        if let environment = ProcessInfo.processInfo.environment["CHATMINE_DB"], !environment.isEmpty { return environment }
        return "chatmine.sqlite"
    }

    /// Opens the store for a command, with an error that says which file failed.
    public static func open(_ option: String?) throws -> Database {
        let path = resolve(option)
        do {
            return try Database(path: path)
        } catch let error as DatabaseError {
            throw ChatMineError("cannot open the store \(path): \(error.message)", hint: "pass --db PATH or set CHATMINE_DB to a writable file")
        }
    }

    /// Opens an existing store read-write, refusing to create an empty one by mistake.
    public static func openExisting(_ option: String?) throws -> Database {
        let path = resolve(option)
        guard FileManager.default.fileExists(atPath: path) else {
            throw ChatMineError("no store at \(path)", hint: "run 'chatmine ingest FILES' first, or pass --db PATH / set CHATMINE_DB")
        }
        return try open(option)
    }
}
