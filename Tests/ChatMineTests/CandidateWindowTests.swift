import Foundation
import Testing
@testable import ChatMine

/// Intent discovery reads a window through the conversations active in it, not the whole store:
/// the turns it finds must be exactly those whose own time falls in the window.
@Suite("Candidate window")
struct CandidateWindowTests {
    private static func turn(_ conversation: String, _ number: Int, _ stamp: String, _ text: String, intent: String?, confidence: Double = 0.95) -> String {
        var fields: [String: Any] = ["conversation_id": conversation, "message_id": "\(conversation)-\(number)",
                                     "timestamp": stamp, "role": "user", "text": text]
        if let intent { fields["intent"] = intent; fields["confidence"] = confidence }
        return ReportTestStore.line(fields)
    }

    /// Day 2 of November 2026, UTC, in epoch milliseconds.
    private static let dayStart: Int64 = 1_793_577_600_000
    private static let dayEnd: Int64 = dayStart + 86_400_000

    @Test func aConversationCrossingMidnightGivesOnlyItsTurnsInsideTheWindow() throws {
        #expect(Timestamp.iso(Self.dayStart).hasPrefix("2026-11-02T00:00:00"))
        let folder = try TemporaryFolder()
        let db = try folder.database()
        try ReportTestStore.ingest([
            // Before the window entirely.
            Self.turn("early", 1, "2026-11-01T10:00:00Z", "where is my parcel", intent: nil),
            // Starts before midnight, continues after it: only the second turn is in the window.
            Self.turn("night", 1, "2026-11-01T23:59:00Z", "card got eaten by the atm", intent: nil),
            Self.turn("night", 2, "2026-11-02T00:01:00Z", "atm swallowed my card", intent: "fallback"),
            // Inside the window: one low-confidence turn, one understood turn.
            Self.turn("day", 1, "2026-11-02T12:00:00Z", "change my seat please", intent: "seat", confidence: 0.3),
            Self.turn("day", 2, "2026-11-02T12:01:00Z", "what is my balance", intent: "balance", confidence: 0.97),
            // After the window (until is exclusive).
            Self.turn("late", 1, "2026-11-03T00:00:00Z", "lost my boarding pass", intent: nil),
        ], in: folder, into: db)
        let source = CandidateSource(db: db)
        let inWindow = try source.candidates(since: Self.dayStart, until: Self.dayEnd).map(\.text)
        #expect(inWindow == ["atm swallowed my card", "change my seat please"])
        let everything = try source.candidates(since: nil, until: nil).map(\.text)
        #expect(everything.count == 5)
        let fromDayTwo = try source.candidates(since: Self.dayStart, until: nil).map(\.text)
        #expect(fromDayTwo == ["atm swallowed my card", "change my seat please", "lost my boarding pass"])

        let references = try source.referenceIntents(since: Self.dayStart, until: Self.dayEnd)
        #expect(references["balance"] == ["what is my balance"])
        #expect(references["seat"] == nil)
        let outcomes = try source.conversationOutcomes(since: Self.dayStart, until: Self.dayEnd)
        #expect(outcomes.userTurns.count == 2)
        #expect(outcomes.userTurns.values.sorted() == [1, 2])
    }

    @Test func theWindowIsReadThroughTheEndIndex() throws {
        let folder = try TemporaryFolder()
        let db = try folder.database()
        let plan = try db.rows("""
            EXPLAIN QUERY PLAN SELECT id FROM conversations c WHERE c.ended_at >= ?1 AND +c.started_at < ?2
            """, [Self.dayStart, Self.dayEnd]).compactMap { $0["detail"].string }
        #expect(plan.contains { $0.contains("conversations_ended") })
    }
}
