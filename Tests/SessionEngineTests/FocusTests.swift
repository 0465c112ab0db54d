import Foundation
import GRDB
import XCTest
@testable import SessionEngine

/// The facilitator's focus: one row shared through the file, not events.
final class FocusTests: XCTestCase {
    private let onA3 = RoomFocus(screen: .element, instrument: "tool-a", element: "A3", revealed: false,
                                 timer: RoomTimer(duration: 480, run: .running(endsAt: Date(timeIntervalSince1970: 1_767_226_080))),
                                 planPosition: 2)

    func testAnotherProcessSeesTheFocusAndItsChanges() throws {
        let dir = TempDir()
        let facilitator = try makeStore(dir)
        let audience = try SessionStore.openForReading(at: dir.file("s.pit"), scales: [:])
        XCTAssertNil(audience.focus)
        XCTAssertEqual(try audience.refreshChanges(), [])

        XCTAssertTrue(try facilitator.writeFocus(onA3, author: "Fac"))
        XCTAssertEqual(try audience.refreshChanges(), [.focus])
        XCTAssertEqual(audience.focus, onA3)
        XCTAssertEqual(try audience.refreshChanges(), [], "seen once")

        var revealed = onA3
        revealed.revealed = true
        revealed.timer = RoomTimer(duration: 480, run: .paused(remaining: 75))
        try facilitator.writeFocus(revealed, author: "Fac")
        try facilitator.append(.revealed(toolA[2]), author: "Fac")
        XCTAssertEqual(try audience.refreshChanges(), [.focus, .events])
        XCTAssertEqual(audience.focus, revealed)
        XCTAssertEqual(audience.focus?.timer?.remaining(at: Date()), 75)
        XCTAssertTrue(audience.state.revealed.contains(toolA[2]))
        XCTAssertEqual(try SessionStore.open(at: dir.file("s.pit"), scales: [:]).readFocus(), revealed, "kept in the file")
    }

    func testTheSameFocusIsNotWrittenAgainAndAddsNoEvents() throws {
        let dir = TempDir()
        let facilitator = try makeStore(dir)
        let other = try SessionStore.open(at: dir.file("s.pit"), scales: [:])
        let events = facilitator.events.count
        XCTAssertTrue(try facilitator.writeFocus(onA3, author: "Fac"))
        let revision = facilitator.focusRevision
        XCTAssertEqual(try other.refreshChanges(), [.focus])
        XCTAssertFalse(try facilitator.writeFocus(onA3, author: "Fac"), "nothing moved")
        XCTAssertEqual(facilitator.focusRevision, revision)
        XCTAssertEqual(try other.refreshChanges(), [], "no write, so nothing for others to read")
        var moved = onA3
        moved.element = "A4"
        XCTAssertTrue(try facilitator.writeFocus(moved, author: "Fac"))
        XCTAssertEqual(facilitator.events.count, events, "the transcript does not grow with the focus")
        XCTAssertEqual(try other.refreshChanges(), [.focus])
        XCTAssertEqual(other.focus?.element, "A4")
    }

    func testEveryScreenKindAndTimerSurviveTheFile() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let reader = try SessionStore.openForReading(at: dir.file("s.pit"), scales: [:])
        let end = Date(timeIntervalSince1970: 1_767_230_000.5)
        for kind in RoomFocus.ScreenKind.allCases {
            for timer in [nil, RoomTimer(duration: 600, run: .paused(remaining: 59)), RoomTimer(duration: 60, run: .running(endsAt: end))] {
                let focus = RoomFocus(screen: kind, component: kind == .component ? "centre" : nil,
                                      view: kind == .matrices ? "heat" : nil, revealed: kind == .element, timer: timer)
                try store.writeFocus(focus, author: "Fac")
                XCTAssertEqual(try reader.readFocus(), focus)
            }
        }
    }

    func testTheAudienceConnectionCannotWrite() throws {
        let dir = TempDir()
        try makeStore(dir).close()
        let reader = try SessionStore.openForReading(at: dir.file("s.pit"), scales: [:])
        XCTAssertThrowsError(try reader.writeFocus(onA3, author: "Aud"))
        XCTAssertThrowsError(try reader.append(.revealed(toolA[0]), author: "Aud"))
        XCTAssertNil(try reader.readFocus())
    }

    /// A session made before the room table: it still opens read-only (no focus), and
    /// opening it for writing adds the table without changing its format version.
    /// A crafted file can hold any type in any column. A number column that holds text, or a
    /// screen that is not text, reads as no focus (never a trap); text columns holding
    /// numbers or bytes read as text (SQLite's own conversion). Either way the facilitator's
    /// next move writes a good row over it.
    func testAFocusRowOfTheWrongTypesNeverTrapsAndIsWrittenOver() throws {
        let unreadable = ["rev = 'x'", "screen = x'ff'", "revealed = 'yes'", "timer_ends_at = 'soon'",
                          "timer_remaining = 'later'", "timer_duration = 'long'", "plan_position = 'first'"]
        let readAsText = ["instrument = 3", "element = x'00'", "component = 1.5", "view = 2", "timer_state = 1"]
        for spoiler in unreadable + readAsText {
            let dir = TempDir()
            let url = dir.file("s.pit")
            let store = try makeStore(dir)
            try store.writeFocus(onA3, author: "Fac")
            store.close()
            let raw = try DatabaseQueue(path: url.path)
            try raw.write { db in try db.execute(sql: "UPDATE room SET \(spoiler) WHERE id = 1") }
            try raw.close()

            let seen = try SessionStore.openForReading(at: url, scales: [:]).focus
            if unreadable.contains(spoiler) { XCTAssertNil(seen, spoiler) } else { XCTAssertNotEqual(seen, onA3, spoiler) }
            let reopened = try SessionStore.open(at: url, scales: [:])
            _ = try reopened.readFocus()
            XCTAssertTrue(try reopened.writeFocus(onA3, author: "Fac"), spoiler)
            XCTAssertEqual(try SessionStore.openForReading(at: url, scales: [:]).focus, onA3, spoiler)
        }
    }

    func testAFileFromBeforeTheRoomTableOpensAndGainsIt() throws {
        let dir = TempDir()
        let url = dir.file("s.pit")
        try makeStore(dir).close()
        let raw = try DatabaseQueue(path: url.path)
        try raw.write { db in
            try db.execute(sql: "DROP TABLE room")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2-room'")
        }
        try raw.close()

        let reader = try SessionStore.openForReading(at: url, scales: [:])
        XCTAssertNil(try reader.readFocus())
        XCTAssertEqual(try reader.refreshChanges(), [])
        reader.close()

        let store = try SessionStore.open(at: url, scales: [:])
        XCTAssertEqual(store.events.count, 5)
        XCTAssertTrue(try store.writeFocus(onA3, author: "Fac"))
        store.close()
        XCTAssertEqual(try SessionStore.openForReading(at: url, scales: [:]).focus, onA3)
        let b = [UInt8](try Data(contentsOf: url))
        XCTAssertEqual(Array(b[60..<64]), [0, 0, 0, 1], "still session format 1: older pits open it")
    }

    func testTimerArithmetic() {
        let t0 = Date(timeIntervalSince1970: 1_000)
        let timer = RoomTimer.started(seconds: 480, at: t0)
        XCTAssertTrue(timer.isRunning)
        XCTAssertEqual(timer.remaining(at: t0), 480)
        XCTAssertEqual(timer.remaining(at: t0.addingTimeInterval(479.2)), 1, "rounds up: 0 means time is up")
        XCTAssertEqual(timer.remaining(at: t0.addingTimeInterval(900)), 0)
        let paused = timer.toggled(at: t0.addingTimeInterval(100))
        XCTAssertEqual(paused.run, .paused(remaining: 380))
        XCTAssertEqual(paused.remaining(at: t0.addingTimeInterval(5_000)), 380, "a paused timer stands still")
        let resumed = paused.toggled(at: t0.addingTimeInterval(200))
        XCTAssertEqual(resumed.remaining(at: t0.addingTimeInterval(200)), 380)
        XCTAssertEqual(resumed.adding(60, at: t0.addingTimeInterval(200)).remaining(at: t0.addingTimeInterval(200)), 440)
        XCTAssertEqual(resumed.adding(-600, at: t0.addingTimeInterval(200)).remaining(at: t0.addingTimeInterval(200)), 0)
        XCTAssertEqual(paused.adding(-60, at: t0).run, .paused(remaining: 320))
    }
}

/// Instruments joining and leaving a running session, and the plan, are events.
final class SessionChangeEventsTests: XCTestCase {
    func testInstrumentsAddedAndRemovedAreFoldedAndRefusedTwice() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let other = try SessionStore.open(at: dir.file("s.pit"), scales: [:])
        try store.append(.instrumentAdded(id: "tool-c"), author: "Fac")
        XCTAssertEqual(store.state.info.instruments, ["tool-a", "tool-c"])
        XCTAssertThrowsError(try store.append(.instrumentAdded(id: "tool-c"), author: "Fac"))
        XCTAssertEqual(try other.refreshChanges(), [.events])
        XCTAssertEqual(other.state.info.instruments, ["tool-a", "tool-c"], "the other terminal sees it")
        try store.append(.instrumentRemoved(id: "tool-a"), author: "Fac")
        XCTAssertEqual(store.state.info.instruments, ["tool-c"])
        XCTAssertThrowsError(try store.append(.instrumentRemoved(id: "tool-a"), author: "Fac"))
        try store.undoLast(author: "Fac")
        XCTAssertEqual(store.state.info.instruments, ["tool-a", "tool-c"], "undo puts it back")
        let plan = SessionPlan(name: "p", title: "P", items: [.init(instrument: "tool-c", elements: ["c1"], minutes: 20, skipped: true)])
        try store.append(.planSet(plan), author: "Fac")
        store.close()
        let again = try SessionStore.open(at: dir.file("s.pit"), scales: [:])
        XCTAssertEqual(again.state.plan, plan, "the plan survives the file")
        XCTAssertEqual(again.state.info.instruments, ["tool-a", "tool-c"])
    }
}
