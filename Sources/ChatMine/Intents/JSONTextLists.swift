import Foundation

/// JSON arrays of strings stored in TEXT columns (top terms, phrases, example ids).
extension JSONText {
    /// `["a","b"]` on one line, for a list of strings.
    static func compactStrings(_ values: [String]) -> String {
        "[" + values.map(string).joined(separator: ",") + "]"
    }

    /// The strings of a JSON array, or none when the text is not one.
    static func stringArray(_ text: String) -> [String] {
        guard let list = try? JSONParser.parse(text).array else { return [] }
        return list.compactMap(\.text)
    }
}
