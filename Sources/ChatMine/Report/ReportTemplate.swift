/// The report's template parts (reports/*.html, *.css, *.js), built into the binary, filled in
/// one pass: `{{name}}` is replaced by trusted markup, and text inserted for one placeholder is
/// never scanned again, so a chat line reading "{{script}}" stays text.
struct ReportTemplate {
    let text: String

    /// The template part `reports/NAME`.
    init(_ name: String) throws {
        guard let text = EmbeddedResources.files["reports/" + name] else {
            throw ChatMineError("the report template reports/\(name) is not built into this binary", hint: "rebuild chatmine from a complete checkout")
        }
        self.text = text
    }

    /// The template with every `{{name}}` replaced by `values[name]` (unknown names become empty).
    func fill(_ values: [String: String]) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + values.values.reduce(0) { $0 + $1.utf8.count })
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            output += values[String(rest[open.upperBound..<close.lowerBound])] ?? ""
            rest = rest[close.upperBound...]
        }
        output += rest
        return output
    }
}
