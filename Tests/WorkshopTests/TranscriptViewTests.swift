import Foundation
import Reports
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

/// The transcript view (`m`, then 6) dates its times as the exported transcript does.
final class TranscriptViewTests: XCTestCase {
    func testDaysAndAClockChangeAreSaid() {
        // 23:30 GMT on 28 March, then 02:30 BST on the 29th: the view read "23:30 … 02:30"
        // with no day and no word of the clocks going forward.
        let start = Date(timeIntervalSince1970: 1_774_740_600)  // 2026-03-28 23:30 UTC
        let info = SessionInfo(title: "Night", place: "", date: "2026-03-28", facilitator: "Sam", instruments: ["tool-a"])
        let events = [
            Event(seq: 1, at: start, author: "Sam", payload: .sessionCreated(info)),
            Event(seq: 2, at: start.addingTimeInterval(600), author: "Sam", payload: .noteAdded(id: "n1", element: nil, text: "before")),
            Event(seq: 3, at: start.addingTimeInterval(7_200), author: "Sam", payload: .noteAdded(id: "n2", element: nil, text: "after")),
        ]
        let transcript = Transcript.make(events: events, catalogue: shippedCatalogue)
        let lines = MatrixTables.transcriptLines(transcript, width: 100, timeZone: TimeZone(identifier: "Europe/London")!)
        let texts = lines.compactMap { line -> String? in if case .text(let text, _) = line { return text } else { return nil } }
        XCTAssertEqual(texts.filter { $0.hasPrefix("2026-03-") }, ["2026-03-28", "2026-03-29"], texts.joined(separator: "\n"))
        XCTAssertTrue(texts.contains("The clocks changed: times from here are UTC+01:00."), texts.joined(separator: "\n"))
        XCTAssertTrue(texts.contains { $0.hasPrefix("02:30") && $0.contains("after") }, texts.joined(separator: "\n"))

        // 18:30 to 20:30 the same evening in New York: no day heading, no change line.
        let oneDay = MatrixTables.transcriptLines(transcript, width: 100, timeZone: TimeZone(identifier: "America/New_York")!)
        XCTAssertEqual(oneDay.count, lines.count - 3, "within one day and one offset the lines are times alone")
    }
}
