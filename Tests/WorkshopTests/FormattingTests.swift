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

    /// The file header's "created" and the JSON export's times come from the same
    /// formatter as the screens; checked against Foundation's own ISO 8601 writer and
    /// calendar over moments from 1970 to 9999, leap days and millisecond edges included.
    func testMachineTimesMatchFoundationsISO8601() {
        let iso = ISO8601DateFormatter()
        let withMillis = ISO8601DateFormatter()
        withMillis.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var generator = SystemRandomNumberGenerator()
        var moments: [Double] = [0, 951_782_400, 951_868_799.9996, 1_767_258_000.5, 1_767_225_599.999, 4_107_542_399.9994, 253_402_300_799]
        for _ in 0..<2000 { moments.append(Double(Int64.random(in: 0...253_402_300_799_000, using: &generator)) / 1000) }
        for t in moments {
            let d = Date(timeIntervalSince1970: t)
            XCTAssertEqual(TimeFormat.utcSeconds(d), iso.string(from: d), "\(t)")
            let whole = Date(timeIntervalSince1970: (t * 1000).rounded() / 1000)
            XCTAssertEqual(TimeFormat.utcMillis(d), withMillis.string(from: whole), "\(t)")
            XCTAssertEqual(SessionJSON.parseTimestamp(TimeFormat.utcMillis(d)), whole, "\(t) reads back")
        }
        XCTAssertEqual(SessionJSON.parseTimestamp("2026-01-01T10:42:05.5+01:00"), Date(timeIntervalSince1970: 1_767_260_525.5))
    }

    func testASentenceOpensWithACapitalAndKeepsTheRest() {
        XCTAssertEqual(Formatting.sentence("the disk is full"), "The disk is full")
        XCTAssertEqual(Formatting.sentence("éire"), "Éire")
        XCTAssertEqual(Formatting.sentence("Ctrl-R tries again"), "Ctrl-R tries again")
        XCTAssertEqual(Formatting.sentence("a"[...]), "A")
        XCTAssertEqual(Formatting.sentence(""), "")
    }
}
