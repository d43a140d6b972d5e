/// A usage mistake: printed with the usage line and a pointer to help, exit 64.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// The options, flags and positional arguments of one command line, checked against a spec.
struct ParsedArguments {
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []
    /// True when -h/--help was given.
    private(set) var wantsHelp = false

    /// Parses `arguments` (after the command name) against `spec`.
    init(_ arguments: [String], spec: CommandSpec) throws {
        var index = 0
        var onlyPositionals = false
        func find(_ name: String) throws -> OptionSpec {
            guard let option = spec.options.first(where: { $0.name == name }) else {
                throw UsageError("Unknown option '--\(name)'")
            }
            return option
        }
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") || Double(argument) != nil {
                positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            if argument == "-h" || argument == "--help" { wantsHelp = true; continue }
            var option: OptionSpec
            var inlineValue: String?
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                if let equals = body.firstIndex(of: "=") {
                    option = try find(String(body[..<equals]))
                    inlineValue = String(body[body.index(after: equals)...])
                } else {
                    option = try find(String(body))
                }
            } else {
                let letters = Array(argument.dropFirst())
                guard letters.count == 1, let match = spec.options.first(where: { $0.short == letters[0] }) else {
                    throw UsageError("Unknown option '\(argument)'")
                }
                option = match
            }
            if option.valueName == nil {
                if inlineValue != nil { throw UsageError("The flag '--\(option.name)' does not take a value") }
                flags.insert(option.name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw UsageError("Missing value for '--\(option.name) <\(option.valueName ?? "value")>'") }
                value = arguments[index]
                index += 1
            }
            if !option.repeatable, values[option.name] != nil {
                throw UsageError("The option '--\(option.name)' was given more than once")
            }
            values[option.name, default: []].append(value)
        }
        if wantsHelp { return }
        let required = spec.arguments.filter { !$0.optional }.count
        if positionals.count < required {
            let missing = spec.arguments[positionals.count]
            throw UsageError("Missing expected argument '<\(missing.name)>'")
        }
        let variadic = spec.arguments.contains { $0.variadic }
        if !variadic, positionals.count > spec.arguments.count {
            throw UsageError("Unexpected argument '\(positionals[spec.arguments.count])'")
        }
    }

    /// The single value of an option, or nil.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable option.
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// Whether a flag was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of an option converted with `transform`, or a usage error naming the option.
    func value<T>(_ name: String, as what: String, _ transform: (String) -> T?) throws -> T? {
        guard let raw = value(name) else { return nil }
        guard let converted = transform(raw) else {
            throw UsageError("Invalid value '\(raw)' for '--\(name)': expected \(what)")
        }
        return converted
    }

    /// An integer option.
    func int(_ name: String) throws -> Int? { try value(name, as: "an integer") { Int($0) } }

    /// A decimal option.
    func double(_ name: String) throws -> Double? { try value(name, as: "a number") { Double($0) } }

    /// An option restricted to a set of choices.
    func choice(_ name: String, _ choices: [String]) throws -> String? {
        try value(name, as: "one of \(choices.joined(separator: ", "))") { choices.contains($0) ? $0 : nil }
    }
}
