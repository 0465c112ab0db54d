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

    func testTwoTerminalsOnTheFileShareOneCountdown() throws {
        // A scribe's laptop beside the facilitator's: one countdown for the room, and the
        // scribe taking it does not pull the projector to the scribe's screen.
        let scratch = try ScratchSession(groups: fourGroups)
        let now = Now()
        var facilitator = app(scratch, now: now)
        let scribeContext = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        scribeContext.timeZone = TimeZone(identifier: "UTC")!
        scribeContext.now = { now.date }
        scribeContext.session = SessionController(store: try SessionStore.open(at: scratch.store.url, scales: [:]), author: "Kim")
        var scribe = App(root: TriangleScreen(), context: scribeContext)
        scribe.publishFocus()
        facilitator.publishFocus()
        facilitator.type("T")
        _ = scribe.context.session!.refresh()
        scribe.publishFocus()                    // the idle tick
        XCTAssertTrue(header(scribe).contains("8:00 left"), header(scribe))
        XCTAssertEqual(scratch.store.focus?.elementRef?.element, "needs-assessment", "the projector stays on the facilitator's step")
        _ = try scratch.store.refreshChanges()
        XCTAssertEqual(scratch.store.focus?.elementRef?.element, "needs-assessment")

        now.date += 30
        scribe.press(.char("p"), .down, .enter)  // the scribe on step 2 too
        scribe.type("T")                         // pauses the room's countdown
        _ = facilitator.context.session!.refresh()
        XCTAssertTrue(header(facilitator).contains("7:30 paused"), header(facilitator))
    }

    func testAScribesTerminalNeitherMovesTheRoomNorRunsTheCountdown() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let now = Now()
        var facilitator = app(scratch, now: now)
        facilitator.publishFocus()
        let scribeContext = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        scribeContext.now = { now.date }
        let scribeSession = SessionController(store: try SessionStore.open(at: scratch.store.url, scales: [:]), author: "Kim")
        scribeSession.sharesFocus = false
        scribeContext.session = scribeSession
        var scribe = App(root: TriangleScreen(), context: scribeContext)
        scribe.press(.char("p"), .down, .down, .enter)   // the scribe on step 3
        scribe.publishFocus()
        _ = try scratch.store.refreshChanges()
        XCTAssertEqual(scratch.store.focus?.elementRef?.element, "needs-assessment", "the projector stays on the facilitator's step")
        scribe.type("T")
        XCTAssertNil(scribeSession.timer)
        XCTAssertEqual(scribe.context.message, "The countdown is the facilitator's; this scribe's terminal shows it")
        facilitator.type("T")
        _ = scribeSession.refresh()
        XCTAssertTrue(header(scribe).contains("8:00 left"), "it shows the room's")
    }

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

    func testOnANarrowScreenTheTrailKeepsWhereYouAreBesideTheCountdown() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = appOn(scratch, stack: [TriangleScreen(), ElementListScreen(instrument: "tool-a"), ElementScreen(instrument: "tool-a", index: 0)])
        let now = Now()
        app.context.now = { now.date }
        app.type("T")
        app.type("m")                        // the matrices, over step 1
        let header = app.render(size: Size(width: 40, height: 12)).lines()[0]
        XCTAssertTrue(header.contains("8:00 left"), header)
        XCTAssertTrue(header.contains("Matrices"), "the countdown covered the screen's own name: \(header)")
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
