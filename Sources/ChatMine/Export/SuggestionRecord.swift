/// A suggested intent with its review state, as `chatmine suggestions` shows it.
public struct SuggestionRecord: Sendable, Equatable {
    /// The lineage id (`C00042`): stays the same from clustering run to run.
    public var lineageID: String
    /// The name clustering gave it.
    public var name: String
    /// pending, accepted, rejected or merged.
    public var status: String
    /// The name chosen by a reviewer (accept --as, rename).
    public var acceptedName: String?
    /// The intent it was merged into.
    public var mergedInto: String?
    /// Why it was rejected.
    public var reason: String?
    /// When it was last decided (ISO-8601).
    public var decidedAt: String?
    /// add_phrases, new_intent or none.
    public var recommendation: String
    /// The most similar known intent.
    public var nearestIntent: String?
    /// Its cosine similarity to the cluster.
    public var similarity: Double?
    /// How far it leads the runner-up.
    public var margin: Double?
    /// Utterances in the cluster at its latest run.
    public var size: Int
    /// new, growing, stable, shrinking or gone.
    public var trend: String
    /// Volume × the escalation or fallback rate of its conversations.
    public var gain: Double
    /// Rank by gain in its latest run.
    public var rank: Int?
    /// The cluster's top terms.
    public var topTerms: [String]
    /// Its most representative distinct phrases.
    public var phrases: [String]

    /// The intent its phrases train once decided: the accepted name, the merge target, or nil.
    public var trainedIntent: String? {
        switch status {
        case "accepted": return acceptedName ?? name
        case "merged": return mergedInto
        default: return nil
        }
    }

    /// The name to show: the reviewer's choice when there is one.
    public var displayName: String { acceptedName ?? name }
}

/// One past decision on a suggestion (table `suggestion_decisions`).
public struct SuggestionDecision: Sendable, Equatable {
    /// accept, reject, rename or merge.
    public var action: String
    /// The name or intent the decision gave (nil for reject).
    public var value: String?
    /// The reason given (reject).
    public var reason: String?
    /// When (ISO-8601).
    public var decidedAt: String
}
