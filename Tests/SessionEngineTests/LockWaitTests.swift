import Foundation
import XCTest
@testable import SessionEngine

/// The busy handler pit gives SQLite: a steady retry until the store's wait runs out.
final class LockWaitTests: XCTestCase {
    final class FakeClock: @unchecked Sendable {
        var seconds: TimeInterval = 0
        var date: Date { Date(timeIntervalSince1970: seconds) }
    }

    func testRetriesUntilTheWaitRunsOutCountedFromTheFirstTry() {
        let clock = FakeClock()
        let wait = LockWait(limit: 0.5, now: { clock.date })
        clock.seconds = 100
        XCTAssertTrue(wait.shouldRetry(afterTries: 0))
        clock.seconds = 100.49
        XCTAssertTrue(wait.shouldRetry(afterTries: 7))
        clock.seconds = 100.5
        XCTAssertFalse(wait.shouldRetry(afterTries: 8), "the wait is over")
        clock.seconds = 200
        XCTAssertTrue(wait.shouldRetry(afterTries: 0), "a new lock is a new wait")
    }

    func testNoWaitAnswersBusyAtOnce() {
        let wait = LockWait(limit: 5)
        wait.seconds = 0
        XCTAssertFalse(wait.shouldRetry(afterTries: 0))
    }

    /// `PRAGMA busy_timeout` would replace the handler with SQLite's backing-off one, so the
    /// store sets its wait on the handler: a store told to wait 0.2 s answers busy in that
    /// time, and `wait: false` looks never wait (BusyFileTests holds a real lock for that).
    func testTheStoreKeepsItsWaitOnTheHandler() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        try store.setBusyWait(0.2)
        XCTAssertEqual(store.busyWait, 0.2)
        _ = try store.refreshChanges(wait: false)
        XCTAssertEqual(store.busyWait, 0.2, "a look that does not wait leaves the usual wait as it was")
    }
}
