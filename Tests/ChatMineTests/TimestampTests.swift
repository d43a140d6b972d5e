import Testing
@testable import ChatMine

@Suite("Timestamps")
struct TimestampTests {
    // 2026-11-02T09:00:00Z is 1_793_610_000 seconds after the epoch (checked with `date -d`).
    let nineOClock: Int64 = 1_793_610_000_000
    let latest: Int64 = 4_102_444_800_000 // 2100-01-01

    @Test(arguments: [
        ("2026-11-02T09:00:00Z", Int64(0)),
        ("2026-11-02T09:00:00.250Z", Int64(250)),
        ("2026-11-02T09:00:00.123456Z", Int64(123)),
        ("2026-11-02 09:00:00Z", Int64(0)),
        ("2026-11-02T17:00:00+08:00", Int64(0)),
        ("2026-11-02T17:00:00+0800", Int64(0)),
        ("2026-11-02T04:00:00-05:00", Int64(0)),
        ("2026-11-02T09:00Z", Int64(0)),
        ("1793610000", Int64(0)),
        ("1793610000.5", Int64(500)),
        ("1793610000000", Int64(0)),
    ])
    func parsesISOAndEpochForms(_ text: String, _ extraMillis: Int64) throws {
        #expect(try Timestamp.parse(text, latest: latest) == nineOClock + extraMillis)
    }

    @Test func naiveTimesNeedAnAssumedZone() throws {
        #expect(throws: RecordRejection.self) { try Timestamp.parse("2026-11-02T09:00:00", latest: latest) }
        #expect(try Timestamp.parse("2026-11-02T10:00:00", naiveOffsetSeconds: 3600, latest: latest) == nineOClock)
    }

    @Test(arguments: ["1970-01-01T00:00:00Z", "0", "2101-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-02T25:00:00Z", "yesterday", "2026-11-02"])
    func rejectsImplausibleOrMalformedStamps(_ text: String) {
        #expect(throws: RecordRejection.self) { try Timestamp.parse(text, latest: latest) }
    }

    @Test func formatsAndConvertsCivilDays() {
        #expect(Timestamp.iso(nineOClock + 120) == "2026-11-02T09:00:00.120Z")
        #expect(Timestamp.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(Timestamp.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
        let back = Timestamp.civil(fromDays: 11_017)
        #expect(back.year == 2000 && back.month == 3 && back.day == 1)
    }
}
