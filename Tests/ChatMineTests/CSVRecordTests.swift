import Testing
@testable import ChatMine

@Suite("CSV records")
struct CSVRecordTests {
    func fields(_ text: String) throws -> [String] {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { try CSVRecord.fields($0) }
    }

    @Test func splitsQuotedCommasQuotesAndLineBreaks() throws {
        #expect(try fields(#"a,"b, c","say ""hi""",line1"#) == ["a", "b, c", #"say "hi""#, "line1"])
        #expect(try fields("x,\"two\nlines\",") == ["x", "two\nlines", ""])
        #expect(try fields(",,") == ["", "", ""])
        #expect(try fields("你好,🎉") == ["你好", "🎉"])
    }

    @Test func rejectsBrokenQuoting() {
        #expect(throws: RecordRejection.self) { try fields(#"a,"open"#) }
        #expect(throws: RecordRejection.self) { try fields(#"a,"x"y"#) }
    }
}
