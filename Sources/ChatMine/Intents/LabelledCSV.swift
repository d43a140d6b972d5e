import Foundation

/// Labelled utterances for `eval clusters`: an RFC 4180 CSV with a header, or a JSON list of
/// objects (SMP2020 style, `[{"text": …, "domain": …, "intent": …}]`).
public struct LabelledUtterances: Sendable {
    /// The utterances.
    public var texts: [String]
    /// The label of each.
    public var labels: [String]

    /// Reads `path`, taking text and label from the named columns (or JSON keys). Rows with an
    /// empty text or label are skipped.
    public static func load(path: String, textColumn: String, labelColumn: String) throws -> LabelledUtterances {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ChatMineError("cannot read \(path)", hint: "check the path")
        }
        let firstByte = data.first(where: { ![0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf].contains($0) })
        if firstByte == UInt8(ascii: "[") {
            return try fromJSON(data, path: path, textColumn: textColumn, labelColumn: labelColumn)
        }
        let text = String(decoding: data, as: UTF8.self)
        var rows = CSVReader.parse(text)
        guard !rows.isEmpty else { throw ChatMineError("\(path) is empty", hint: "give a CSV with a header row") }
        let header = rows.removeFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        guard let t = header.firstIndex(of: textColumn) else {
            throw ChatMineError("\(path) has no column '\(textColumn)' (columns: \(header.joined(separator: ", ")))", hint: "name the text column with --text-column")
        }
        guard let l = header.firstIndex(of: labelColumn) else {
            throw ChatMineError("\(path) has no column '\(labelColumn)' (columns: \(header.joined(separator: ", ")))", hint: "name the label column with --label-column")
        }
        var result = LabelledUtterances(texts: [], labels: [])
        for row in rows where row.count > max(t, l) {
            let value = row[t], label = row[l]
            if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || label.isEmpty { continue }
            result.texts.append(value)
            result.labels.append(label)
        }
        return result
    }

    private static func fromJSON(_ data: Data, path: String, textColumn: String, labelColumn: String) throws -> LabelledUtterances {
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: data) } catch {
            throw ChatMineError("\(path) is not valid JSON: \(error.localizedDescription)", hint: "give a JSON list of objects or a CSV file")
        }
        guard let list = parsed as? [[String: Any]] else {
            throw ChatMineError("\(path) is not a JSON list of objects", hint: "expected [{\"text\": …, \"\(labelColumn)\": …}, …]")
        }
        var result = LabelledUtterances(texts: [], labels: [])
        for object in list {
            guard let value = object[textColumn] as? String, let label = object[labelColumn].map({ "\($0)" }),
                  !value.isEmpty, !label.isEmpty else { continue }
            result.texts.append(value)
            result.labels.append(label)
        }
        if result.texts.isEmpty {
            throw ChatMineError("\(path) has no objects with '\(textColumn)' and '\(labelColumn)'", hint: "name the keys with --text-column and --label-column")
        }
        return result
    }
}

/// An RFC 4180 CSV parser: quoted fields may hold commas, doubled quotes and newlines; CRLF or LF.
enum CSVReader {
    /// All records of `text`, each a list of fields; blank lines are skipped.
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xef, 0xbb, 0xbf]) { bytes.removeFirst(3) }
        var i = 0
        func endField() { record.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true) }
        func endRecord() {
            endField()
            if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
            record = []
        }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 1 } else { inQuotes = false }
                } else {
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\"") && field.isEmpty {
                inQuotes = true
            } else if b == UInt8(ascii: ",") {
                endField()
            } else if b == UInt8(ascii: "\n") {
                endRecord()
            } else if b == UInt8(ascii: "\r") {
                if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                endRecord()
            } else {
                field.append(b)
            }
            i += 1
        }
        if !field.isEmpty || !record.isEmpty { endRecord() }
        return records
    }
}
