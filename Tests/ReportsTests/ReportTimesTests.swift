import Foundation
import Instruments
import SessionEngine
import XCTest
@testable import Reports

/// Times in reports and transcripts read truthfully: every offset the record crosses is
/// stated and carried, and times of different days carry their date.
final class ReportTimesTests: XCTestCase {
    let auckland = TimeZone(identifier: "Pacific/Auckland")!
    /// 2026-04-04 13:40 UTC: 02:40 in Auckland (UTC+13:00); the clocks go back to UTC+12:00
    /// at 14:00 UTC (03:00 NZDT becomes 02:00 NZST).
    let beforeChange = Date(timeIntervalSince1970: 1_775_310_000)

    private func session(_ dir: TempDir, at moments: [Date]) throws -> SessionStore {
        let s = try makeStore(dir, clock: TestClock(start: moments[0].addingTimeInterval(-60), step: 0))
        for (i, m) in moments.enumerated() {
            try s.append(batch: [(.noteAdded(id: "n\(i)", element: a("leadership"), text: "note \(i)"), author: ["City Council", "NHS Trust"][i % 2])],
                         at: m)
        }
        return s
    }

    func testARecordAcrossAClockChangeStatesBothOffsetsAndMarksTheLaterTimes() throws {
        let dir = TempDir()
        let s = try session(dir, at: [beforeChange, beforeChange.addingTimeInterval(40 * 60)])   // 02:40 NZDT, 02:20 NZST
        try s.append(batch: [(.agreedScoreRecorded(element: a("leadership"), answer: .level(3), rationale: "r"), "Fac")],
                     at: beforeChange.addingTimeInterval(45 * 60))
        let options = ReportOptions(timeZone: auckland)
        let md = MarkdownReport.render(state: s.state, events: s.events, catalogue: catalogue, options: options)
        let statement = "Pacific/Auckland (UTC+13:00); the clocks changed to UTC+12:00 on 2026-04-05, so times at UTC+12:00 are marked with their offset"
        XCTAssertTrue(md.contains("- **Times:** shown in \(statement)"), md)
        XCTAssertTrue(md.contains("(02:40, City Council): note 0"), md)
        XCTAssertTrue(md.contains("(02:20 UTC+12:00, NHS Trust): note 1"), "the later time carries its offset\n\(md)")
        XCTAssertTrue(md.contains("| 02:25 UTC+12:00, Fac |"), md)
        XCTAssertTrue(md.contains("to 2026-04-05 02:25 UTC+12:00"), md)
        let html = HTMLReport.render(state: s.state, events: s.events, catalogue: catalogue, options: options)
        XCTAssertTrue(html.contains("Times in \(statement)."), html)
        XCTAssertTrue(html.contains("(02:20 UTC+12:00, NHS Trust)"), html)

        let t = Transcript.make(events: s.events, catalogue: catalogue)
        let plain = TranscriptRender.plain(t, timeZone: auckland)
        XCTAssertTrue(plain.contains("Times in Pacific/Auckland (UTC+13:00); the clocks changed to UTC+12:00 on 2026-04-05, marked where it happened."), plain)
        let lines = plain.components(separatedBy: "\n")
        let change = try XCTUnwrap(lines.firstIndex(of: "The clocks changed: times from here are UTC+12:00."), plain)
        XCTAssertTrue(lines[change - 1].hasPrefix("02:40") && lines[change + 1].hasPrefix("02:20"), plain)
        let mdTranscript = TranscriptRender.markdown(t, timeZone: auckland)
        XCTAssertTrue(mdTranscript.contains("\n\nThe clocks changed: times from here are UTC+12:00.\n\n| Time"), mdTranscript)
    }

    func testARecordWithinOneOffsetReadsAsBefore() throws {
        let dir = TempDir()
        let s = try session(dir, at: [beforeChange.addingTimeInterval(-3600), beforeChange])
        let md = MarkdownReport.render(state: s.state, events: s.events, catalogue: catalogue, options: ReportOptions(timeZone: auckland))
        XCTAssertTrue(md.contains("- **Times:** shown in Pacific/Auckland (UTC+13:00)\n"), md)
        XCTAssertFalse(md.contains("UTC+12:00"), md)
        XCTAssertTrue(md.contains("(01:40, City Council)") && md.contains("(02:40, NHS Trust)"), "one day: times without dates\n\(md)")
        let plain = TranscriptRender.plain(Transcript.make(events: s.events, catalogue: catalogue), timeZone: auckland)
        XCTAssertFalse(plain.contains("clocks changed"), plain)
    }

    func testTimesOfDifferentDaysCarryTheirDate() throws {
        let dir = TempDir()
        let evening = Date(timeIntervalSince1970: 1_767_297_600)             // 2026-01-01 20:00 UTC
        let s = try session(dir, at: [evening, evening.addingTimeInterval(6 * 3600)])   // 2026-01-02 02:00
        try s.append(batch: [(.agreedScoreRecorded(element: a("leadership"), answer: .level(3), rationale: "r"), "Fac")],
                     at: evening.addingTimeInterval(6 * 3600 + 300))
        let utc = ReportOptions(timeZone: TimeZone(identifier: "UTC")!)
        let md = MarkdownReport.render(state: s.state, events: s.events, catalogue: catalogue, options: utc)
        XCTAssertTrue(md.contains("(2026-01-01 20:00, City Council): note 0"), md)
        XCTAssertTrue(md.contains("(2026-01-02 02:00, NHS Trust): note 1"), md)
        XCTAssertTrue(md.contains("| 2026-01-02 02:05, Fac |"), md)
        let html = HTMLReport.render(state: s.state, events: s.events, catalogue: catalogue, options: utc)
        XCTAssertTrue(html.contains("(2026-01-02 02:00, NHS Trust)") && html.contains("2026-01-02 02:05, Fac"), html)
        // Days are counted in the zone shown: at UTC-10 the same record falls on one day.
        let honolulu = ReportOptions(timeZone: TimeZone(identifier: "Pacific/Honolulu")!)
        let one = MarkdownReport.render(state: s.state, events: s.events, catalogue: catalogue, options: honolulu)
        XCTAssertTrue(one.contains("(10:00, City Council)") && one.contains("(16:00, NHS Trust)"), one)
    }
}
