/// A table of the report, rendered both as HTML (bounded, sortable) and as the CSV file beside it.
struct ReportTable {
    /// A column: its heading, whether it holds numbers (right-aligned), and its CSV column names.
    struct Column {
        var title: String
        var numeric: Bool
        var csvNames: [String]

        static func text(_ title: String, csv: String) -> Column { Column(title: title, numeric: false, csvNames: [csv]) }
        static func number(_ title: String, csv: String) -> Column { Column(title: title, numeric: true, csvNames: [csv]) }
        /// A rate: one HTML column, three CSV columns (value and its 95 % interval).
        static func rate(_ title: String, csv: String) -> Column {
            Column(title: title, numeric: true, csvNames: [csv, csv + "_ci_low", csv + "_ci_high"])
        }
    }

    /// A cell: its HTML markup (already escaped), its CSV values and a sort key.
    struct Cell {
        var html: String
        var csv: [String]
        /// Cells the program wrote as numbers (a leading "-" is a sign, not a formula).
        var numeric: Bool
        var sortKey: String?

        /// User-written or program text, escaped.
        static func text(_ value: String, limit: Int = 80) -> Cell {
            Cell(html: HTML.escape(value, limit: limit), csv: [value], numeric: false, sortKey: nil)
        }

        /// Markup the report built itself (badges), with the plain text for the CSV.
        static func markup(_ html: String, csv: String) -> Cell { Cell(html: html, csv: [csv], numeric: false, sortKey: nil) }

        /// A number shown as `display`.
        static func number(_ value: Double?, display: String) -> Cell {
            Cell(html: HTML.escape(display), csv: [ReportFormat.csv(value)], numeric: true, sortKey: value.map { ReportFormat.csv($0) } ?? "")
        }

        /// A count.
        static func count(_ value: Double?) -> Cell { number(value, display: ReportFormat.count(value)) }

        /// A rate with its interval in the tooltip and a flag when its denominator is small.
        static func rate(_ row: KPIRow?) -> Cell {
            guard let row, let value = row.value else {
                return Cell(html: "<span class=\"muted\">–</span>", csv: ["", "", ""], numeric: true, sortKey: "")
            }
            let interval = row.ciLow.map { low in "95% CI \(ReportFormat.percent(low)) – \(ReportFormat.percent(row.ciHigh))" } ?? ""
            let title = "\(interval); \(ReportFormat.count(row.numerator)) of \(ReportFormat.count(row.denominator))"
            var html = "<span title=\"\(HTML.escape(title))\">\(HTML.escape(ReportFormat.percent(value)))</span>"
            if row.smallN { html += ReportHTML.smallFlag }
            return Cell(html: html, csv: [ReportFormat.csv(value), ReportFormat.csv(row.ciLow), ReportFormat.csv(row.ciHigh)],
                        numeric: true, sortKey: ReportFormat.csv(value))
        }
    }

    var id: String
    var csvFile: String
    var columns: [Column]
    var rows: [[Cell]]
    /// Rows there were before the CSV limit cut the list (nil when none were cut).
    var totalRows: Int?

    /// The table as HTML, with at most `limit` rows and a note pointing at the CSV for the rest.
    func html(limit: Int) -> String {
        guard !rows.isEmpty else { return "<p class=\"empty\">Nothing in this window.</p>" }
        var html = "<div class=\"table-wrap\"><table class=\"data\" id=\"\(HTML.escape(id))\"><thead><tr>"
        for column in columns {
            html += column.numeric ? "<th class=\"num\" data-type=\"num\">" : "<th>"
            html += HTML.escape(column.title) + "</th>"
        }
        html += "</tr></thead><tbody>"
        for row in rows.prefix(limit) {
            html += "<tr>"
            for (index, cell) in row.enumerated() {
                let numeric = index < columns.count && columns[index].numeric
                html += numeric ? "<td class=\"num\"" : "<td"
                if let key = cell.sortKey { html += " data-sort=\"\(HTML.escape(key))\"" }
                html += ">" + cell.html + "</td>"
            }
            html += "</tr>"
        }
        html += "</tbody></table></div>"
        let total = totalRows ?? rows.count
        if total > limit {
            html += "<p class=\"note\">Showing \(ReportFormat.count(min(limit, rows.count))) of \(ReportFormat.count(total)) rows; "
            html += total > rows.count ? "the first \(ReportFormat.count(rows.count)) are in " : "all are in "
            html += csvLink + ".</p>"
        } else {
            html += "<p class=\"note\">Data: " + csvLink + "</p>"
        }
        return html
    }

    /// A link to the CSV file beside the page.
    var csvLink: String { "<a href=\"\(HTML.escape(csvFile))\">\(HTML.escape(csvFile))</a>" }

    /// Only the pointer to the CSV file (for tables whose page shows a chart instead).
    var csvNote: String { "<p class=\"note\">Data: " + csvLink + "</p>" }

    /// The table as CSV: every row (up to the limit the source applied), formula-looking cells neutralised.
    var csv: String {
        var writer = CSVWriter(header: columns.flatMap(\.csvNames))
        for row in rows {
            var cells: [String] = []
            var numeric = Set<Int>()
            for cell in row {
                for value in cell.csv {
                    if cell.numeric { numeric.insert(cells.count) }
                    cells.append(value)
                }
            }
            writer.append(cells, numeric: numeric)
        }
        return writer.text
    }
}
