import Testing
@testable import ChatMine

/// The one-pass reading of an OpenAI conversation's own fields keeps the documented precedence.
@Suite struct ChatConversationFieldsTests {
    @Test func earlierNamesWinAndAMemberBeatsItsMetadataTwin() throws {
        let json = #"""
            {"id": "x", "user": "u-member", "escalated": true, "csat": 5, "timestamp": "t-member",
             "metadata": {"conversation_id": "y", "user_id": "u-meta", "user": "u2", "channel": 7, "platform": "web",
                          "resolved": true, "rating": 4, "csat": 2, "timestamp": "t-meta", "handoff": false}}
            """#
        guard case .object(let members) = try JSONParser.parse(Array(json.utf8)) else {
            Issue.record("not an object")
            return
        }
        let fields = ConversationFields(members)
        // conversation_id (first name, in metadata) beats id (fifth name, a member).
        #expect(Platform.text(fields.id?.value) == "y")
        // user_id (first name, in metadata) beats user (third name, a member).
        #expect(Platform.text(fields.user?.value) == "u-meta")
        // A number counts; channel comes before platform.
        #expect(Platform.text(fields.channel?.value) == "7")
        // The same name in both: the member.
        #expect(Platform.text(fields.started?.value) == "t-member")
        #expect(fields.handoff)
        #expect(fields.resolved)
        // "csat" sorts before "rating"; of the two "csat", the member's.
        #expect(fields.csat?.score == 5)
    }

    @Test func nothingKnownGivesNothing() throws {
        guard case .object(let members) = try JSONParser.parse(Array(#"{"metadata": {"handoff": "yes", "csat": 9}, "title": "x"}"#.utf8)) else {
            Issue.record("not an object")
            return
        }
        let fields = ConversationFields(members)
        #expect(fields.id == nil && fields.user == nil && fields.channel == nil && fields.started == nil)
        #expect(!fields.handoff && !fields.resolved)
        #expect(fields.csat == nil)
    }
}

/// Reading a transcript line steps over the leading system prompt but keeps later system messages.
@Suite struct ChatTranscriptPromptTests {
    @Test func onlyTheLeadingPromptIsSteppedOver() throws {
        let line = #"""
            {"messages": [{"role": "system", "content": "prompt one"}, {"role": "developer", "content": "prompt two"},
             {"content": "content before role", "role": "system"}, {"role": "user", "content": "hi"},
             {"role": "system", "content": "a later note"}]}
            """#
        let bytes = Array(line.utf8)
        let transcript = try bytes.withUnsafeBufferPointer { try ChatTranscript(bytes: $0) }
        #expect(transcript.messages.map(\.role) == ["system", "developer", "system", "user", "system"])
        #expect(transcript.messages[0].content == nil)
        #expect(transcript.messages[1].content == nil)
        // Its role came after its content, so the content was read before anyone knew.
        #expect(transcript.messages[2].content == .string("content before role"))
        #expect(transcript.messages[3].content == .string("hi"))
        #expect(transcript.messages[4].content == .string("a later note"))
    }
}

/// A JSON Lines transcript is streamed (no dictionaries); it must say what the parsed document says.
@Suite struct ChatTranscriptStreamingTests {
    @Test func streamingAndParsedReadingsAgree() throws {
        let line = #"""
            {"metadata": {"conversation_id": "y", "user_id": "u-meta", "csat": 2, "resolved": true}, "id": "x", "csat": 5, "user": "u-member",
             "messages": [{"role": "user", "content": "hi"},
                          {"role": "assistant", "content": null, "tool_calls": [
                              {"id": "call_1", "type": "function", "function": {"name": "get_order", "arguments": "{}"}},
                              {"id": "call_2", "name": "own_name"},
                              {"type": "function", "function": "not an object", "name": "fallback_name"},
                              "not a call"]},
                          {"role": "tool", "tool_call_id": "call_1", "content": "{}"}]}
            """#
        let bytes = Array(line.utf8)
        let streamed = try bytes.withUnsafeBufferPointer { try ChatTranscript(bytes: $0) }
        let parsed = try ChatTranscript(try JSONParser.parse(bytes))
        for transcript in [streamed, parsed] {
            #expect(Platform.text(transcript.fields.id?.value) == "y")
            #expect(Platform.text(transcript.fields.user?.value) == "u-meta")
            #expect(transcript.fields.resolved)
            #expect(transcript.fields.csat?.score == 5)
            #expect(transcript.messages[1].toolCalls == [
                .init(id: "call_1", name: "get_order"),
                .init(id: "call_2", name: "own_name"),
                .init(id: nil, name: "fallback_name"),
                .init(id: nil, name: nil),
            ])
            #expect(transcript.messages[0].toolCalls == nil)
        }
    }
}
