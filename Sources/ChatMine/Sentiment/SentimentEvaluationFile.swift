import Foundation

/// One labelled text of a sentiment evaluation set.
public struct LabelledText: Sendable, Equatable {
    /// The text to score.
    public var text: String
    /// The human rating: a mean valence (VADER's −4 … +4) or a class (1 positive, 0 negative).
    public var truth: Double
}

/// Reads sentiment evaluation sets: VADER's ground-truth TSV (`id<TAB>mean<TAB>text`, no
/// header) or CSV with a header, a text column and a label column.
public enum SentimentEvaluationFile {
    /// Text column names tried, in order, when none is given.
    static let textColumns = ["text", "review", "sentence", "content", "message", "tweet"]
    /// Label column names tried, in order, when none is given.
    static let labelColumns = ["label", "sentiment", "polarity", "score", "mean", "rating"]

    /// Reads the file at `path` ("-" for stdin).
    public static func read(path: String, textColumn: String?, labelColumn: String?) throws -> (items: [LabelledText], skipped: Int) {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ChatMineError("cannot read \(path)", hint: "check the path of the evaluation file")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ChatMineError("\(path) is not UTF-8 text", hint: "convert it to UTF-8")
        }
        let firstLine = text.prefix(while: { $0 != "\n" && $0 != "\r\n" })
        let fields = firstLine.split(separator: "\t", omittingEmptySubsequences: false)
        if textColumn == nil, labelColumn == nil, fields.count >= 3, Double(fields[1].trimmingCharacters(in: .whitespaces)) != nil {
            return try readVADER(text, name: path)
        }
        return try readCSV(text, name: path, textColumn: textColumn, labelColumn: labelColumn)
    }

    /// VADER's ground-truth layout: `id<TAB>mean<TAB>text` per line.
    static func readVADER(_ text: String, name: String) throws -> (items: [LabelledText], skipped: Int) {
        var items: [LabelledText] = []
        var skipped = 0
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            if line.isEmpty { continue }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let mean = Double(fields[1].trimmingCharacters(in: .whitespaces)) else {
                throw ChatMineError("\(name):\(lineNumber): expected `id<TAB>mean<TAB>text`",
                                    hint: "for CSV files give --text-column and --label-column")
            }
            let body = String(fields[2])
            if body.trimmingCharacters(in: .whitespaces).isEmpty { skipped += 1; continue }
            items.append(LabelledText(text: body, truth: mean))
        }
        return (items, skipped)
    }

    /// CSV with a header row; labels are numbers or positive/negative words.
    static func readCSV(_ text: String, name: String, textColumn: String?, labelColumn: String?) throws -> (items: [LabelledText], skipped: Int) {
        let rows = CSVText.rows(text)
        guard let header = rows.first else {
            throw ChatMineError("\(name) is empty", hint: "an evaluation CSV needs a header and one row per text")
        }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ given: String?, _ defaults: [String], _ what: String) throws -> Int {
            if let given {
                guard let index = names.firstIndex(of: given.lowercased()) else {
                    throw ChatMineError("\(name) has no column \"\(given)\"", hint: "its columns are: \(header.joined(separator: ", "))")
                }
                return index
            }
            guard let index = defaults.lazy.compactMap({ names.firstIndex(of: $0) }).first else {
                throw ChatMineError("cannot tell which column of \(name) holds the \(what)",
                                    hint: "give --\(what)-column; its columns are: \(header.joined(separator: ", "))")
            }
            return index
        }
        let textIndex = try column(textColumn, textColumns, "text")
        let labelIndex = try column(labelColumn, labelColumns, "label")
        var items: [LabelledText] = []
        var skipped = 0
        for (offset, row) in rows.dropFirst().enumerated() {
            if row.count == 1, row[0].isEmpty { continue }
            guard row.count > max(textIndex, labelIndex) else {
                throw ChatMineError("\(name): row \(offset + 2) has \(row.count) fields, fewer than the header", hint: "quote fields that contain commas")
            }
            let body = row[textIndex]
            guard let truth = label(row[labelIndex]) else {
                throw ChatMineError("\(name): row \(offset + 2): label \"\(row[labelIndex])\" is neither a number nor positive/negative")
            }
            if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { skipped += 1; continue }
            items.append(LabelledText(text: body, truth: truth))
        }
        return (items, skipped)
    }

    /// A label as a number: numeric text, or positive/negative (1/0).
    static func label(_ raw: String) -> Double? {
        let value = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if let number = Double(value), number.isFinite { return number }
        switch value {
        case "positive", "pos": return 1
        case "negative", "neg": return 0
        default: return nil
        }
    }
}
