/// One option or flag a command accepts.
struct OptionSpec {
    /// Long name without dashes, e.g. "db".
    let name: String
    /// Optional one-letter short name, e.g. "q".
    let short: Character?
    /// Placeholder for the value, nil for a flag.
    let valueName: String?
    /// One line of help.
    let help: String
    /// Whether the option may be given more than once.
    let repeatable: Bool

    static func option(_ name: String, short: Character? = nil, value: String, help: String, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, short: short, valueName: value, help: help, repeatable: repeatable)
    }

    static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, valueName: nil, help: help, repeatable: false)
    }
}

/// A positional argument.
struct ArgumentSpec {
    let name: String
    let help: String
    /// Whether it may be omitted.
    let optional: Bool
    /// Whether it takes every remaining argument.
    let variadic: Bool

    init(_ name: String, help: String, optional: Bool = false, variadic: Bool = false) {
        self.name = name
        self.help = help
        self.optional = optional
        self.variadic = variadic
    }
}

/// What a command accepts and how to describe it in help.
struct CommandSpec {
    /// The command path after "chatmine", e.g. "suggestions accept".
    let name: String
    let abstract: String
    var discussion: String = ""
    var arguments: [ArgumentSpec] = []
    var options: [OptionSpec] = []

    /// The usage line.
    var usage: String {
        var parts = ["chatmine", name]
        if !options.isEmpty { parts.append("[<options>]") }
        for argument in arguments {
            var text = "<\(argument.name)>"
            if argument.variadic { text += " ..." }
            if argument.optional { text = "[\(text)]" }
            parts.append(text)
        }
        return parts.joined(separator: " ")
    }

    /// The full help text: OVERVIEW, USAGE, ARGUMENTS, OPTIONS.
    var help: String {
        var text = "OVERVIEW: \(abstract)\n"
        if !discussion.isEmpty { text += "\n\(discussion)\n" }
        text += "\nUSAGE: \(usage)\n"
        if !arguments.isEmpty {
            text += "\nARGUMENTS:\n"
            for argument in arguments {
                text += Self.row("<\(argument.name)>", argument.help)
            }
        }
        text += "\nOPTIONS:\n"
        for option in options {
            var label = option.short.map { "-\($0), " } ?? ""
            label += "--\(option.name)"
            if let value = option.valueName { label += " <\(value)>" }
            text += Self.row(label, option.help)
        }
        text += Self.row("-h, --help", "Show help information.")
        return text
    }

    private static func row(_ label: String, _ help: String) -> String {
        let padded = label.count < 26 ? label + String(repeating: " ", count: 26 - label.count) : label + "\n" + String(repeating: " ", count: 28)
        return "  \(padded)\(help)\n"
    }
}
