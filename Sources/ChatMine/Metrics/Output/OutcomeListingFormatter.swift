/// Renders `chatmine outcomes` listings as table, CSV or JSON, stamped with the rules.
public enum OutcomeListingFormatter {
    /// The listings in `format`; start times shown in `zone`.
    public static func render(_ listings: [OutcomeListing], as format: MetricsFormat, zone: LocalTime, rulesVersion: String, rulesHash: String) -> String {
        func start(_ listing: OutcomeListing) -> String {
            listing.startedAt.map { zone.dayKey($0) + " " + zone.hourKey($0) + "h" } ?? ""
        }
        switch format {
        case .table:
            var table = TextTable(header: ["conversation", "start", "outcome", "intent", "deflected", "reason"])
            for listing in listings {
                table.append([listing.conversation, start(listing), listing.outcome, listing.intent ?? "", listing.deflected ? "yes" : "", listing.reason])
            }
            return "Rules \(rulesVersion) (sha256 \(rulesHash.prefix(12))); \(listings.count) conversations\n\n" + table.text
        case .csv:
            var writer = CSVWriter(header: ["conversation", "started_at", "outcome", "reason", "intent", "channel", "user_id", "deflected", "durably_resolved", "rules_version", "rules_hash"])
            for listing in listings {
                writer.append([listing.conversation, listing.startedAt.map(MetricsFormatter.iso) ?? "", listing.outcome, listing.reason,
                               listing.intent ?? "", listing.channel ?? "", listing.userID ?? "", listing.deflected ? "true" : "false",
                               listing.durablyResolved ? "true" : "false", rulesVersion, rulesHash])
            }
            return writer.text
        case .json:
            let rows = listings.map { listing in
                JSONText.object([
                    ("conversation", JSONText.string(listing.conversation)),
                    ("started_at", listing.startedAt.map { JSONText.string(MetricsFormatter.iso($0)) } ?? "null"),
                    ("outcome", JSONText.string(listing.outcome)), ("reason", JSONText.string(listing.reason)),
                    ("intent", listing.intent.map(JSONText.string) ?? "null"), ("channel", listing.channel.map(JSONText.string) ?? "null"),
                    ("user_id", listing.userID.map(JSONText.string) ?? "null"),
                    ("deflected", listing.deflected ? "true" : "false"), ("durably_resolved", listing.durablyResolved ? "true" : "false"),
                ], indent: 2)
            }
            return JSONText.object([
                ("rules", JSONText.object([("version", JSONText.string(rulesVersion)), ("hash", JSONText.string(rulesHash))], indent: 1)),
                ("conversations", JSONText.array(rows, indent: 1)),
            ]) + "\n"
        }
    }
}
