/// The conversation-level facts of an OpenAI chat transcript, found in one pass over its members
/// and then its `metadata`: each field is the first of its names (in the order below) that holds
/// text or a number, a member before a metadata entry of the same name; flags are `true` in
/// either; CSAT is the CSAT-named number with the first name (a member before metadata).
struct ConversationFields {
    var id: (rank: Int, value: JSONValue)?
    var user: (rank: Int, value: JSONValue)?
    var channel: (rank: Int, value: JSONValue)?
    var started: (rank: Int, value: JSONValue)?
    var handoff = false
    var resolved = false
    var csat: (key: String, level: Int, score: Double)?

    /// No fields yet; `offer` each member (level 0) and metadata entry (level 1), in any order.
    init() {}

    /// The fields of a parsed conversation object.
    init(_ members: [String: JSONValue]) {
        for (key, value) in members { offer(key, value, level: 0) }
        if case .object(let metadata)? = members["metadata"] {
            for (key, value) in metadata { offer(key, value, level: 1) }
        }
    }

    /// Takes a member (level 0) or metadata entry (level 1) into account.
    mutating func offer(_ key: String, _ value: JSONValue, level: Int) {
        if let (field, position) = Self.field(key), Platform.text(value) != nil {
            let rank = position * 2 + level
            switch field {
            case .id: if rank < id?.rank ?? .max { id = (rank, value) }
            case .user: if rank < user?.rank ?? .max { user = (rank, value) }
            case .channel: if rank < channel?.rank ?? .max { channel = (rank, value) }
            case .started: if rank < started?.rank ?? .max { started = (rank, value) }
            }
        }
        if value == .bool(true) {
            if key == "handoff" || key == "escalated" { handoff = true }
            if key == "resolved" { resolved = true }
        }
        if let score = Platform.csatScore(name: key, value: value) {
            if let found = csat, (found.key, found.level) <= (key, level) { return }
            csat = (key, level, score)
        }
    }

    private enum Field { case id, user, channel, started }

    /// Which field a name gives and its place among that field's names.
    private static func field(_ key: String) -> (Field, Int)? {
        switch key {
        case "conversation_id": return (.id, 0)
        case "conversationId": return (.id, 1)
        case "session_id": return (.id, 2)
        case "thread_id": return (.id, 3)
        case "id": return (.id, 4)
        case "user_id": return (.user, 0)
        case "userId": return (.user, 1)
        case "user": return (.user, 2)
        case "customer_id": return (.user, 3)
        case "channel": return (.channel, 0)
        case "platform": return (.channel, 1)
        case "created_at": return (.started, 0)
        case "created": return (.started, 1)
        case "timestamp": return (.started, 2)
        case "start_time": return (.started, 3)
        case "started_at": return (.started, 4)
        default: return nil
        }
    }
}
