import Foundation

/// An aligned plain-text table for terminals: columns padded to their widest cell.
public struct TextTable: Sendable {
    /// Column titles.
    public let header: [String]
    /// Which columns are right-aligned (numbers).
    public let rightAligned: Set<Int>
    private var rows: [[String]] = []

    /// Starts a table.
    public init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    /// Appends a row (missing cells are blank).
    public mutating func append(_ cells: [String]) { rows.append(cells) }

    /// The rendered table, a rule under the header.
    public var text: String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], Self.width(cell))
            }
        }
        func render(_ row: [String]) -> String {
            (0..<widths.count).map { index in
                let cell = index < row.count ? row[index] : ""
                let pad = String(repeating: " ", count: widths[index] - Self.width(cell))
                return rightAligned.contains(index) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var lines = [render(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(render)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Display width: East Asian wide characters take two columns.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                return total + 2
            case 0x0300...0x036F, 0x200B...0x200F:
                return total
            default:
                return total + 1
            }
        }
    }
}
