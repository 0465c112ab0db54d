import Foundation
@testable import Reports
import SessionEngine
@testable import Workshop
import XCTest

/// One way to write numbers and times, the same on screen and in every report.
final class FormattingTests: XCTestCase {
    func testScreensAndReportsWriteNumbersAlike() {
        for (value, text) in [(3.0, "3"), (3.5, "3.5"), (3.25, "3.3"), (2.75, "2.8"), (-0.5, "-0.5"), (0.04, "0")] {
            XCTAssertEqual(Formatting.number(value), text)
            XCTAssertEqual(Words.number(value), text, "reports")
            XCTAssertEqual(ScoringText.level(value), text, "screens")
            XCTAssertEqual(HTMLParts.fmt(value), text, "figures")
        }
        XCTAssertEqual(Formatting.percent(2, of: 3), "66%", "rounded down: never 100% before it is done")
        XCTAssertEqual(Formatting.percent(0, of: 0), "0%")
    }

    func testScreensAndReportsWriteTimesAlike() {
        let zone = TimeZone(secondsFromGMT: 3600)!
        let moment = Date(timeIntervalSince1970: 1_767_258_000 + 65)   // 2026-01-01 09:01:05 UTC
        XCTAssertEqual(Clock.time(moment, in: zone), "10:01:05")
        XCTAssertEqual(TimeFormat(timeZone: zone).time(moment), "10:01")
        XCTAssertEqual(SessionInfo.day(of: moment, timeZone: zone), TimeFormat(timeZone: zone).day(moment))
        XCTAssertEqual(SessionInfo.day(of: Date(timeIntervalSince1970: 1_767_225_599), timeZone: TimeZone(identifier: "UTC")!), "2025-12-31")
    }
}
