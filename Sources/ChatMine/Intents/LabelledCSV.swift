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
        var rows = CSVText.rows(text)
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
