/// What a generator run wrote.
public struct GenerationSummary: Sendable, Equatable {
    /// Conversations written.
    public var conversations = 0
    /// Turns (user, bot and agent messages).
    public var messages = 0
    /// Events (api calls, handoffs, CSAT, ...).
    public var events = 0
    /// Conversations per outcome name.
    public var outcomes: [String: Int] = [:]
}

/// Writes realistic synthetic bot conversations and their ground truth, streaming one
/// conversation at a time: memory holds the plan (a few dozen bytes per conversation), never the text.
public struct SyntheticLogGenerator: Sendable {
    /// What to generate.
    public let options: GeneratorOptions

    /// A generator with `options` (validated by the caller).
    public init(options: GeneratorOptions) {
        self.options = options
    }

    /// Writes the log to `log` and, when given, the ground truth to `truth`; `progress` hears
    /// the number of conversations written every 4,096 conversations.
    @discardableResult
    public func write(to log: ByteSink, truth: ByteSink? = nil, progress: ((Int, Int) -> Void)? = nil) throws -> GenerationSummary {
        let plan = SessionPlanner(options: options).plan()
        let idWidth = max(6, String(plan.count).count)
        var summary = GenerationSummary()
        if options.format == .csv { log.append(GeneratedLogFormat.csvHeader) }
        for (index, planned) in plan.enumerated() {
            let conversationID = options.idPrefix + "c" + zeroPadded(index + 1, idWidth)
            let userID = planned.user >= 0 ? "u" + zeroPadded(Int(planned.user) + 1, 5) : nil
            var script = ConversationScript(
                conversationID: conversationID, userID: userID, channel: generatedChannels[Int(planned.channel)],
                style: planned.style, start: planned.start,
                random: GeneratorRandom(seed: options.seed, stream: UInt64(index) + 1))
            script.play(planned)
            for record in script.records {
                switch options.format {
                case .jsonl: record.writeJSON(to: log)
                case .csv: record.writeCSV(to: log)
                }
                if record.messageID != nil { summary.messages += 1 } else { summary.events += 1 }
            }
            try log.flushIfFull()
            if let truth {
                let gap = planned.nextStart == .max ? Int64.max : planned.nextStart - script.endTime
                ConversationTruth(
                    conversationID: conversationID, userID: userID, channel: script.channel, outcome: planned.outcome,
                    returnsWithin24h: gap <= SessionPlanner.day, returnsWithin7d: gap <= 7 * SessionPlanner.day,
                    csat: script.csat, language: planned.style.truthName
                ).write(to: truth)
                for turn in script.turns { turn.write(conversationID: conversationID, to: truth) }
                try truth.flushIfFull()
            }
            summary.conversations += 1
            if let progress, summary.conversations % 4096 == 0 { progress(summary.conversations, plan.count) }
            summary.outcomes[planned.outcome.rawValue, default: 0] += 1
        }
        try log.flush()
        try truth?.flush()
        return summary
    }

    private func zeroPadded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
