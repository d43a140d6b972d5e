/// The formats `chatmine export training` writes.
public enum TrainingFormat: String, Sendable, CaseIterable {
    /// Rasa `nlu.yml` (version "3.1").
    case rasa
    /// CSV `text,intent`.
    case csv
    /// One JSON object per line: text, intent, source, count.
    case jsonl
}

/// What to export and how.
public struct ExportOptions: Sendable {
    /// The output format.
    public var format: TrainingFormat
    /// Also export confidently labelled production utterances.
    public var includeTraffic: Bool
    /// The confidence a labelled utterance needs to be exported.
    public var minConfidence: Double
    /// At most this many (most recent) utterances per intent from traffic.
    public var trafficPerIntent: Int
    /// At most this many member utterances per suggestion (besides its representative phrases).
    public var phrasesPerSuggestion: Int
    /// A phrase more similar to another intent than to its own by this much is held back.
    public var collisionMargin: Double
    /// Where to list held-back phrases (CSV); nil: beside the output (`FILE.collisions.csv`), or nowhere for stdout.
    public var collisionsPath: String?

    /// Creates options with the defaults of the command line.
    public init(format: TrainingFormat = .rasa, includeTraffic: Bool = false, minConfidence: Double = 0.9,
                trafficPerIntent: Int = 500, phrasesPerSuggestion: Int = 100, collisionMargin: Double = 0.1,
                collisionsPath: String? = nil) {
        self.format = format; self.includeTraffic = includeTraffic; self.minConfidence = minConfidence
        self.trafficPerIntent = trafficPerIntent; self.phrasesPerSuggestion = phrasesPerSuggestion
        self.collisionMargin = collisionMargin; self.collisionsPath = collisionsPath
    }
}

/// What an export wrote.
public struct ExportSummary: Sendable {
    /// Examples written.
    public var examples: Int
    /// Intents with at least one example.
    public var intents: Int
    /// Decided suggestions (accepted or merged) that contributed.
    public var suggestions: Int
    /// Examples from traffic.
    public var fromTraffic: Int
    /// Duplicates folded into an earlier phrase.
    public var duplicatesFolded: Int
    /// Phrases held back as collisions.
    public var heldBack: [TrainingCollision]
    /// The output file (nil: stdout).
    public var outputPath: String?
    /// The collisions file, when one was written.
    public var collisionsPath: String?

    /// One line for the terminal.
    public var line: String {
        var text = "exported \(examples) phrases for \(intents) intents (\(suggestions) reviewed suggestions, \(fromTraffic) from traffic; \(duplicatesFolded) duplicates folded)"
        if let outputPath { text += " to \(outputPath)" }
        if !heldBack.isEmpty { text += "; held back \(heldBack.count) colliding phrases" + (collisionsPath.map { ", listed in \($0)" } ?? "") }
        return text
    }
}

/// A phrase held back because it reads more like another intent than its own.
public struct TrainingCollision: Sendable, Equatable {
    /// The phrase.
    public var text: String
    /// The intent it was labelled with.
    public var intent: String
    /// The intent it is nearer to.
    public var nearestIntent: String
    /// Similarity to its own intent (the centroid of its other phrases).
    public var ownSimilarity: Double
    /// Similarity to the nearest other intent.
    public var nearestSimilarity: Double
    /// "nearer to another intent" or "same text under several intents".
    public var reason: String
    /// Where the phrase came from.
    public var source: String
}
