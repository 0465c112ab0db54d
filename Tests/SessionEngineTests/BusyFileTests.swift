import Foundation
import XCTest
@testable import SessionEngine

/// Another process holds the session's lock (as `sqlite3` in a transaction would): the
/// idle refresh must not wait for it, and a change must fail as busy rather than hang.
final class BusyFileTests: XCTestCase {
    /// Another process that takes the file's exclusive lock and keeps it until told to let
    /// go, or until `deadline` seconds pass; it then says which came first.
    final class LockHolder {
        let process = Process()
        let input = Pipe(), output = Pipe()

        init(path: String, deadline: Double) throws {
            let script = """
            import select, sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN EXCLUSIVE")
            print("locked", flush=True)
            told, _, _ = select.select([sys.stdin], [], [], float(sys.argv[2]))
            c.execute("COMMIT")
            print("released" if told else "gave up", flush=True)
            """
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, path, String(deadline)]
            process.standardInput = input
            process.standardOutput = output
            try process.run()
        }

        func line() -> String {
            var bytes: [UInt8] = []
            while let byte = try? output.fileHandleForReading.read(upToCount: 1), let b = byte.first, b != 10 { bytes.append(b) }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// Lets go of the lock; returns "released" if it still held it until now.
        func release() -> String {
            signal(SIGPIPE, SIG_IGN)   // if it already gave up, writing to it must not end the tests
            try? input.fileHandleForWriting.write(contentsOf: Data("go\n".utf8))
            let answer = line()
            process.waitUntilExit()
            return answer
        }
    }

    func testWhileAnotherProcessHoldsTheLockRefreshSkipsAndAChangeFailsAsBusyThenSucceedsOnRetry() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        XCTAssertEqual(store.busyWait, SessionStore.busyTimeout, "longer than the holder keeps its lock")
        let holder = try LockHolder(path: dir.file("s.pit").path, deadline: 4)
        XCTAssertEqual(holder.line(), "locked")

        XCTAssertThrowsError(try store.refreshIfChanged(wait: false)) {
            XCTAssertEqual($0 as? SessionFileError, .busy(path: store.path), "\($0)")
        }
        try store.setBusyWait(0.2)
        let score = EventPayload.scoreRecorded(group: "la", element: toolA[0], answer: .level(3), note: nil)
        XCTAssertThrowsError(try store.append(score, author: "A")) {
            XCTAssertEqual($0 as? SessionFileError, .busy(path: store.path), "\($0)")
        }
        XCTAssertEqual(holder.release(), "released", "pit waited for the lock instead of answering at once")

        XCTAssertFalse(try store.refreshIfChanged(wait: false))
        XCTAssertNoThrow(try store.append(score, author: "A"), "the same change succeeds once the lock is gone")
        XCTAssertEqual(store.state.scores[toolA[0]]?["la"]?.answer, .level(3))
    }
}
