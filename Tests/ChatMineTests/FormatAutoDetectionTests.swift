import Foundation
import Testing
@testable import ChatMine

@Suite struct FormatAutoDetectionTests {
    /// One file per format under neutral names, so only the content can tell them apart.
    @Test func mixedFolderIsSortedOut() throws {
        let store = try FormatTestStore()
        let folder = store.directory + "/inbox"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let files: [(source: String, name: String, format: String)] = [
            ("openai/support-chats.jsonl", "a.jsonl", "openai"),
            ("openai/conversations.json", "b.json", "openai-json"),
            ("rasa/tracker.json", "c.json", "rasa-json"),
            ("rasa/event-broker.jsonl", "d.jsonl", "rasa"),
            ("lex/conversation-logs.jsonl", "e.log", "lex"),
            ("lex/filter-log-events.json", "f.json", "lex-json"),
            ("dialogflow-cx/interaction-logs.jsonl", "g.jsonl", "dialogflow-cx"),
            ("dialogflow-cx/bigquery-results.json", "h.json", "dialogflow-cx-json"),
            ("botframework/billing-chat.transcript", "i.json", "botframework"),
            ("generic/turns.jsonl", "j.jsonl", "jsonl"),
            ("generic/turns.csv", "k.txt", "csv"),
        ]
        for file in files {
            try FileManager.default.copyItem(atPath: FormatTestStore.fixtures + "/" + file.source, toPath: folder + "/" + file.name)
        }
        let summary = try store.ingest([folder])
        #expect(summary.rejects == 0)
        #expect(summary.formats == Dictionary(uniqueKeysWithValues: files.map { ($0.format, 1) }))
        for file in files {
            let stored = try store.db.rows("SELECT format FROM sources WHERE path LIKE ?", ["%/inbox/" + file.name]).first?["format"].string
            #expect(stored == file.format, "\(file.name)")
        }
    }

    @Test func genericJSONLIsNotClaimedByAPlatform() {
        let line = #"{"conversation_id":"c1","role":"user","text":"hi","messages":"x","session_id":"s"}"#
        let sample = FormatSample(rawHead: Array((line + "\n").utf8), name: "x.jsonl")
        #expect(LogFormats.recognise(sample)?.name == "jsonl")
    }

    @Test func longFirstLineIsStillRecognised() {
        // A first conversation longer than the 64 KiB sample: the head is cut in the middle.
        let system = String(repeating: "Be concise. ", count: 8000)
        let line = #"{"messages": [{"role": "system", "content": "\#(system)"}, {"role": "user", "content": "hi"}]}"#
        let sample = FormatSample(rawHead: Array(line.utf8.prefix(65_536)), name: "big.jsonl")
        #expect(LogFormats.recognise(sample)?.name == "openai")
    }
}
