/// PII redaction as ingest applies it to a store: the hash mode's salt lives in the store's
/// settings, made once, so the same value gets the same token every night.
public enum StoredRedaction {
    /// The settings key of the salt.
    public static let saltKey = "redaction.salt"

    /// The store's salt, made (randomly) and saved on first use.
    public static func salt(db: Database) throws -> String {
        try db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", [saltKey, Redactor.randomSalt()])
        guard let salt = try db.scalar("SELECT value FROM settings WHERE key = ?", [saltKey])?.string, !salt.isEmpty else {
            throw ChatMineError("the store has no redaction salt", hint: "settings key \(saltKey) is empty; delete the row to make a new one")
        }
        return salt
    }

    /// The redactor for `mode` on this store (mask and none need no salt, and none is saved).
    public static func redactor(mode: RedactionMode, db: Database) throws -> Redactor {
        mode == .hash ? Redactor(mode: .hash, salt: try salt(db: db)) : Redactor(mode: mode)
    }

    /// The ingest text transform for `mode` (nil for none).
    public static func textTransform(mode: RedactionMode, db: Database) throws -> (@Sendable (String) -> String)? {
        guard mode != .none else { return nil }
        let redactor = try redactor(mode: mode, db: db)
        return { redactor.redact($0) }
    }
}
