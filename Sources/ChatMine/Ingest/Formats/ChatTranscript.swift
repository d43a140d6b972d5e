/// One conversation of an OpenAI chat log, holding only what the reader uses. A JSON Lines record
/// is read straight from its bytes (messages become small structs, unused members are checked and
/// skipped), which spares building a dictionary for every message.
struct ChatTranscript {
    /// One entry of `messages`.
    struct Message {
        var role: String?
        var content: JSONValue?
        var toolCalls: [ToolCall]?
        var functionCall: JSONValue?
        var toolCallID: String?
        var name: String?
        var id: String?
        /// The message's own `timestamp` or `created_at`, when it has one.
        var time: JSONValue?
    }

    /// One entry of a message's `tool_calls`: its id and the function's name (or its own `name`).
    struct ToolCall: Equatable {
        var id: String?
        var name: String?

        init(id: String? = nil, name: String? = nil) {
            self.id = id
            self.name = name
        }

        init(_ value: JSONValue) {
            id = Platform.text(value["id"])
            name = Platform.text(value["function"]?["name"]) ?? Platform.text(value["name"])
        }
    }

    /// What the conversation's other members and its `metadata` say (id, user, outcomes, …).
    var fields = ConversationFields()
    var messages: [Message] = []

    /// A conversation from an already parsed value (an element of a JSON array document).
    init(_ value: JSONValue) throws(RecordRejection) {
        guard var object = value.object else { throw RecordRejection("conversation is not a JSON object") }
        guard let items = object.removeValue(forKey: "messages")?.array else { throw RecordRejection("no \"messages\" array") }
        fields = ConversationFields(object)
        messages = items.map { item in
            Message(role: Platform.text(item["role"]), content: item["content"], toolCalls: item["tool_calls"]?.array?.map(ToolCall.init),
                    functionCall: item["function_call"], toolCallID: Platform.text(item["tool_call_id"]), name: Platform.text(item["name"]),
                    id: Platform.text(item["id"]), time: item["timestamp"] ?? item["created_at"])
        }
    }

    /// A conversation read from one JSON Lines record.
    init(bytes: UnsafeBufferPointer<UInt8>) throws(RecordRejection) {
        var parser = JSONParser(bytes)
        var sawMessages = false
        do throws(JSONParseError) {
            try Self.object(&parser) { parser, key throws(JSONParseError) in
                if key == "messages" {
                    sawMessages = true
                    try Self.messages(&parser, into: &messages)
                } else if key == "metadata" && parser.index < parser.bytes.count && parser.bytes[parser.index] == UInt8(ascii: "{") {
                    // Streamed into the fields, no dictionary. (Like any member, `metadata` is
                    // offered itself too; it holds no field.)
                    fields.offer(key, .object([:]), level: 0)
                    try Self.object(&parser) { parser, entry throws(JSONParseError) in
                        fields.offer(entry, try parser.parseValue(), level: 1)
                    }
                } else {
                    fields.offer(key, try parser.parseValue(), level: 0)
                }
            }
            parser.skipWhitespace()
            if parser.index != bytes.count { throw parser.fail("unexpected text after the JSON value") }
        } catch {
            if error.message == "not an object" { throw RecordRejection("conversation is not a JSON object") }
            if error.message == "messages is not an array" { throw RecordRejection("no \"messages\" array") }
            throw RecordRejection("invalid JSON: \(error)")
        }
        guard sawMessages else { throw RecordRejection("no \"messages\" array") }
    }

    private static func messages(_ parser: inout JSONParser, into messages: inout [Message]) throws(JSONParseError) {
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "[") else {
            throw JSONParseError(message: "messages is not an array", offset: parser.index)
        }
        parser.index += 1
        parser.skipWhitespace()
        if parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "]") {
            parser.index += 1
            return
        }
        // The leading system messages are the prompt, which the reader skips: their content is
        // stepped over when their role has been read first, not decoded.
        var leading = true
        while true {
            var message = Message()
            try object(&parser) { parser, key throws(JSONParseError) in
                switch key {
                case "role": message.role = try parser.parseValue().text
                case "content":
                    if leading, let role = message.role, Platform.role(role) == .system {
                        try parser.skipValue()
                    } else {
                        message.content = try parser.parseValue()
                    }
                case "tool_calls": message.toolCalls = try Self.toolCalls(&parser)
                case "function_call": message.functionCall = try parser.parseValue()
                case "tool_call_id": message.toolCallID = Platform.text(try parser.parseValue())
                case "name": message.name = Platform.text(try parser.parseValue())
                case "id": message.id = Platform.text(try parser.parseValue())
                case "timestamp": message.time = try parser.parseValue()
                case "created_at":
                    let time = try parser.parseValue()
                    if message.time == nil { message.time = time }
                default: try parser.skipValue()
                }
            }
            if leading, message.role.flatMap(Platform.role) != .system { leading = false }
            messages.append(message)
            parser.skipWhitespace()
            guard parser.index < parser.bytes.count else { throw parser.fail("unexpected end of JSON in an array") }
            if parser.bytes[parser.index] == UInt8(ascii: ",") { parser.index += 1; continue }
            if parser.bytes[parser.index] == UInt8(ascii: "]") { parser.index += 1; return }
            throw parser.fail("expected ',' or ']'")
        }
    }

    /// A `tool_calls` value read into small structs (nil when it is not an array).
    private static func toolCalls(_ parser: inout JSONParser) throws(JSONParseError) -> [ToolCall]? {
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "[") else {
            try parser.skipValue()
            return nil
        }
        parser.index += 1
        var calls: [ToolCall] = []
        parser.skipWhitespace()
        if parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "]") {
            parser.index += 1
            return calls
        }
        while true {
            parser.skipWhitespace()
            var call = ToolCall()
            if parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "{") {
                var ownName: String?
                var functionName: String?
                try object(&parser) { parser, key throws(JSONParseError) in
                    switch key {
                    case "id": call.id = Platform.text(try parser.parseValue())
                    case "name": ownName = Platform.text(try parser.parseValue())
                    case "function":
                        if parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "{") {
                            functionName = nil
                            try object(&parser) { parser, key throws(JSONParseError) in
                                if key == "name" { functionName = Platform.text(try parser.parseValue()) } else { try parser.skipValue() }
                            }
                        } else {
                            functionName = nil
                            try parser.skipValue()
                        }
                    default: try parser.skipValue()
                    }
                }
                call.name = functionName ?? ownName
            } else {
                try parser.skipValue()
            }
            calls.append(call)
            parser.skipWhitespace()
            guard parser.index < parser.bytes.count else { throw parser.fail("unexpected end of JSON in an array") }
            if parser.bytes[parser.index] == UInt8(ascii: ",") { parser.index += 1; continue }
            if parser.bytes[parser.index] == UInt8(ascii: "]") { parser.index += 1; return calls }
            throw parser.fail("expected ',' or ']'")
        }
    }

    /// Reads one object, handing each member's name to `member`, which must consume its value.
    private static func object(_ parser: inout JSONParser,
                               _ member: (inout JSONParser, String) throws(JSONParseError) -> Void) throws(JSONParseError) {
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "{") else {
            throw JSONParseError(message: "not an object", offset: parser.index)
        }
        parser.index += 1
        parser.skipWhitespace()
        if parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "}") {
            parser.index += 1
            return
        }
        while true {
            parser.skipWhitespace()
            guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "\"") else { throw parser.fail("expected a member name") }
            let key = try parser.parseString()
            parser.skipWhitespace()
            guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: ":") else { throw parser.fail("expected ':'") }
            parser.index += 1
            parser.skipWhitespace()
            try member(&parser, key)
            parser.skipWhitespace()
            guard parser.index < parser.bytes.count else { throw parser.fail("unexpected end of JSON in an object") }
            if parser.bytes[parser.index] == UInt8(ascii: ",") { parser.index += 1; continue }
            if parser.bytes[parser.index] == UInt8(ascii: "}") { parser.index += 1; return }
            throw parser.fail("expected ',' or '}'")
        }
    }
}
