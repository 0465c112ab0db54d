import Glibc
import ProcessEnd
import Synchronization
import XCTest

/// Deliveries of SIGUSR2 that the handler below let through (the ones that would have ended pit).
private let endedBy = Atomic<Int>(0)

/// Stands in for pit's quit handler: it asks QuitHold first, as TerminalGuard's does.
private func countingHandler(_ signal: Int32) {
    if QuitHold.holds(signal) { return }
    endedBy.add(1, ordering: .sequentiallyConsistent)
}

final class QuitHoldTests: XCTestCase {
    private var previous = sigaction()

    override func setUp() {
        QuitHold.prepare()
        endedBy.store(0, ordering: .sequentiallyConsistent)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = countingHandler
        sigemptyset(&action.sa_mask)
        sigaction(SIGUSR2, &action, &previous)
    }

    override func tearDown() {
        sigaction(SIGUSR2, &previous, nil)
    }

    private var ended: Int { endedBy.load(ordering: .sequentiallyConsistent) }

    func testASignalOutsideACommitEndsAtOnce() {
        raise(SIGUSR2)
        XCTAssertEqual(ended, 1)
    }

    func testASignalDuringACommitWaitsForItsEnd() {
        let result = QuitHold.whileCommitting { () -> Int in
            raise(SIGUSR2)
            XCTAssertEqual(ended, 0, "the signal ended the process in the middle of the commit")
            return 7
        }
        XCTAssertEqual(result, 7)
        XCTAssertEqual(ended, 1, "the held signal was not raised again when the commit ended")
    }

    func testACommitThatFailsStillEndsWithTheSignal() {
        struct Refused: Error {}
        XCTAssertThrowsError(try QuitHold.whileCommitting { () throws -> Void in
            raise(SIGUSR2)
            throw Refused()
        })
        XCTAssertEqual(ended, 1)
    }

    func testNestedCommitsHoldUntilTheOutermostEnds() {
        QuitHold.whileCommitting {
            QuitHold.whileCommitting { raise(SIGUSR2) }
            XCTAssertEqual(ended, 0, "the inner commit's end raised the signal while the outer one was still under way")
        }
        XCTAssertEqual(ended, 1)
    }

    func testACommitInAnotherThreadHoldsTheSignalToo() {
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            QuitHold.whileCommitting {
                started.signal()
                release.wait()
            }
            done.signal()
        }
        started.wait()
        raise(SIGUSR2)
        XCTAssertEqual(ended, 0, "a commit under way in the room's thread did not hold the signal")
        release.signal()
        done.wait()
        XCTAssertEqual(ended, 1)
    }

    func testNothingIsRaisedAfterACommitWithoutASignal() {
        QuitHold.whileCommitting {}
        XCTAssertEqual(ended, 0)
    }
}
