import Foundation
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

/// The room's countdown: T, + and -, the last minute, the end and its one bell.
final class RoomTimerTests: XCTestCase {
    final class Now: @unchecked Sendable { var date = Date(timeIntervalSince1970: 1_767_258_000) }

    private func app(_ scratch: ScratchSession, now: Now) -> App {
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.timeZone = TimeZone(identifier: "UTC")!
        context.now = { now.date }
        context.session = SessionController(store: scratch.store, author: "Sam")
        return App(root: ElementScreen(instrument: "tool-a", index: 1), context: context)
    }

    private func header(_ app: App) -> String { app.render(size: Size(width: 80, height: 24)).lines()[0] }

    func testStartPauseAdjustLastMinuteAndTheEnd() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let now = Now()
        var app = app(scratch, now: now)
        let audience = try SessionStore.openForReading(at: scratch.store.url, scales: [:])
        XCTAssertFalse(header(app).contains("left"))
        app.type("T")
        XCTAssertTrue(header(app).contains("8:00 left"), header(app))
        _ = try audience.refreshChanges()
        XCTAssertEqual(audience.focus?.timer?.remaining(at: now.date), 480, "the audience has the same countdown")

        now.date += 65
        XCTAssertTrue(header(app).contains("6:55 left"))
        app.type("+")
        XCTAssertTrue(header(app).contains("7:55 left"))
        app.type("-")
        app.type("-")
        XCTAssertTrue(header(app).contains("5:55 left"))
        app.type("T")
        now.date += 600
        XCTAssertTrue(header(app).contains("5:55 paused"), "a paused countdown stands still")
        _ = try audience.refreshChanges()
        XCTAssertEqual(audience.focus?.timer?.isRunning, false)
        app.type("T")
        now.date += 300
        let lastMinute = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(lastMinute.lines()[0].contains("0:55 left"))
        let x = lastMinute.lines()[0].range(of: "0:55")!.lowerBound.utf16Offset(in: lastMinute.lines()[0])
        XCTAssertEqual(lastMinute[x, 0].role, .warning, "the last minute stands out")
        XCTAssertFalse(app.countdownJustEnded())

        now.date += 60
        XCTAssertTrue(header(app).contains("Time is up"))
        XCTAssertTrue(app.countdownJustEnded(), "the bell rings at zero")
        XCTAssertFalse(app.countdownJustEnded(), "once")
        app.type("T")
        XCTAssertTrue(header(app).contains("8:00 left"), "T after the end starts a fresh countdown")
    }

    func testNoBellWhenTurnedOff() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let now = Now()
        var app = app(scratch, now: now)
        app.context.bellEnabled = false
        app.type("T")
        now.date += 481
        XCTAssertTrue(header(app).contains("Time is up"))
        XCTAssertFalse(app.countdownJustEnded())
    }
}
