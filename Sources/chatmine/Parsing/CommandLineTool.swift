@preconcurrency import Glibc
import ChatMine

/// Finds the command named on the command line, parses its arguments, runs it and maps errors
/// to exit codes: 64 for usage errors, 1 for runtime errors.
struct CommandLineTool {
    let commands: [any Command.Type]

    func main(_ argv: [String]) -> Int32 {
        let arguments = Array(argv.dropFirst())
        if arguments.isEmpty || arguments == ["-h"] || arguments == ["--help"] || arguments == ["help"] {
            print(overview)
            return 0
        }
        if arguments == ["--version"] {
            print(ChatMineVersion.current)
            return 0
        }
        var rest = arguments
        var helpRequested = false
        if rest.first == "help" {
            helpRequested = true
            rest.removeFirst()
        }
        guard let (command, consumed) = match(rest) else {
            let group = commands.filter { $0.spec.name.hasPrefix(rest[0] + " ") }
            if !group.isEmpty {
                if helpRequested || rest.count == 1 || rest.dropFirst().first.map({ $0 == "-h" || $0 == "--help" }) == true {
                    print(groupHelp(rest[0], group))
                    return helpRequested || rest.count > 1 ? 0 : 64
                }
                return usageFailure("Unknown subcommand '\(rest.count > 1 ? rest[1] : "")' of '\(rest[0])'", usage: group.map { "chatmine " + $0.spec.name }.joined(separator: "\n       "), helpCommand: rest[0])
            }
            return usageFailure("Unknown command '\(rest[0])'", usage: "chatmine <command> [<options>]", helpCommand: nil)
        }
        let spec = command.spec
        if helpRequested {
            print(spec.help)
            return 0
        }
        do {
            let parsed = try ParsedArguments(Array(rest.dropFirst(consumed)), spec: spec)
            if parsed.wantsHelp {
                print(spec.help)
                return 0
            }
            let instance = try command.init(parsed)
            try SupportGlossary.checkEnvironment()
            return try instance.run()
        } catch let error as UsageError {
            return usageFailure(error.message, usage: spec.usage, helpCommand: spec.name)
        } catch {
            Terminal.error("Error: \(error)")
            return 1
        }
    }

    /// The command whose name matches the start of the arguments, and how many words it took.
    private func match(_ arguments: [String]) -> ((any Command.Type), Int)? {
        var best: ((any Command.Type), Int)?
        for command in commands {
            let words = command.spec.name.split(separator: " ").map(String.init)
            if words.count <= arguments.count, Array(arguments.prefix(words.count)) == words, words.count > (best?.1 ?? 0) {
                best = (command, words.count)
            }
        }
        return best
    }

    private func usageFailure(_ message: String, usage: String, helpCommand: String?) -> Int32 {
        Terminal.error("Error: \(message)")
        Terminal.error("Usage: \(usage)")
        Terminal.error("  See 'chatmine \(helpCommand.map { $0 + " " } ?? "")--help' for more information.")
        return 64
    }

    private func groupHelp(_ group: String, _ members: [any Command.Type]) -> String {
        var text = "OVERVIEW: chatmine \(group) commands\n\nUSAGE: chatmine \(group) <subcommand>\n\nSUBCOMMANDS:\n"
        for member in members {
            let name = String(member.spec.name.dropFirst(group.count + 1))
            text += "  " + name.padding(toLength: 24, withPad: " ", startingAt: 0) + member.spec.abstract + "\n"
        }
        text += "\n  See 'chatmine help \(group) <subcommand>' for detailed help."
        return text
    }

    private var overview: String {
        var text = """
        OVERVIEW: chatmine turns chatbot and support-chat logs into KPIs, sentiment, suggested
        intents, an HTML dashboard and retraining data. Offline, one binary, SQLite inside.

        USAGE: chatmine <command> [<options>]

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        COMMANDS:

        """
        var seenGroups: Set<String> = []
        for command in commands {
            let words = command.spec.name.split(separator: " ")
            if words.count > 1 {
                let group = String(words[0])
                if seenGroups.insert(group).inserted {
                    text += "  " + group.padding(toLength: 24, withPad: " ", startingAt: 0) + "(see 'chatmine \(group) --help')\n"
                }
                continue
            }
            text += "  " + command.spec.name.padding(toLength: 24, withPad: " ", startingAt: 0) + command.spec.abstract + "\n"
        }
        text += "\n  See 'chatmine help <command>' for detailed help."
        return text
    }
}
