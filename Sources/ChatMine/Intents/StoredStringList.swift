import Foundation

/// JSON arrays of strings stored in TEXT columns (top terms, phrases, example ids).
enum StoredStringList {
    /// `["a","b"]` for a list of strings.
    static func array(_ values: [String]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: values, options: [.withoutEscapingSlashes]) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The strings of a JSON array, or none when the text is not one.
    static func stringArray(_ text: String) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)), let list = object as? [Any] else { return [] }
        return list.compactMap { $0 as? String }
    }
}
