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
