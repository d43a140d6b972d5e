import Testing
@testable import ChatMine

@Suite("JSON parser")
struct JSONParserTests {
    @Test func parsesNestedValuesAndKeepsNumberLiterals() throws {
        let value = try JSONParser.parse(#"{"id": 12345, "x": -1.5e3, "ok": true, "none": null, "list": [1, "a", {"b": []}]}"#)
        #expect(value["id"]?.text == "12345")
        #expect(value["x"]?.double == -1500)
        #expect(value["ok"] == .bool(true))
        #expect(value["none"] == .null)
        #expect(value["list"]?.array?.count == 3)
        #expect(value.value(at: "list")?.array?[2]["b"] == .array([]))
    }

    @Test func decodesEscapesSurrogatesAndKeepsUTF8() throws {
        let value = try JSONParser.parse(#"{"t": "a\"b\\c\/d\n\u4f60\u597d \ud83d\ude00 你好 🎉"}"#)
        #expect(value["t"]?.text == "a\"b\\c/d\n你好 😀 你好 🎉")
    }

    @Test(arguments: [
        #"{"a": 1"#,
        #"{"a": 1} x"#,
        #"{"a": "unterminated}"#,
        #"{"a": 01x}"#,
        #"{"a": "\ud83d"}"#,
        "{\"a\": \"tab\there\"}",
        #"{a: 1}"#,
        "",
    ])
    func rejectsMalformedText(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        let bytes: [UInt8] = Array(#"{"a": ""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
    }

    @Test func rejectsDeepNesting() {
        let text = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }
}

@Suite("UTF-8 validation")
struct UTF8ValidationTests {
    func valid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) } }

    @Test func acceptsWellFormedText() {
        #expect(valid(Array("plain ascii text longer than eight bytes".utf8)))
        #expect(valid(Array("你好，世界 🎉 café".utf8)))
        #expect(valid([]))
    }

    @Test(arguments: [
        [0xC3, 0x28] as [UInt8],          // bad continuation
        [0xC0, 0xAF],                     // overlong '/'
        [0xE0, 0x80, 0xAF],               // overlong
        [0xED, 0xA0, 0x80],               // UTF-16 surrogate
        [0xF4, 0x90, 0x80, 0x80],         // past U+10FFFF
        [0xE4, 0xBD],                     // truncated 3-byte sequence
        [0xFF],
    ])
    func rejectsMalformedSequences(_ bytes: [UInt8]) {
        #expect(!valid(Array("prefix12".utf8) + bytes))
    }
}
