/// Writes RFC 4180 CSV, neutralising cells a spreadsheet would run as a formula.
public struct CSVWriter: Sendable {
    /// The header row.
    public let header: [String]
    private var lines: [String]

    /// Starts a document with this header.
    public init(header: [String]) {
        self.header = header
        lines = [header.map(Self.cell).joined(separator: ",")]
    }

    /// Appends one record. Cells at the indices in `numeric` are numbers this program wrote
    /// (a leading "-" is a sign there, not a formula) and are not neutralised.
    public mutating func append(_ cells: [String], numeric: Set<Int> = []) {
        lines.append(cells.enumerated().map { numeric.contains($0.offset) ? $0.element : Self.cell($0.element) }.joined(separator: ","))
    }

    /// The document, CRLF-free (one "\n" per record, the last one included).
    public var text: String { lines.joined(separator: "\n") + "\n" }

    /// One cell: a leading =, +, -, @, tab or CR gets a single quote in front (so a spreadsheet
    /// shows text instead of running a formula), then quoting when needed.
    public static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            text = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}
