import Foundation
import GRDB

/// How long a connection waits for another process's lock on the session file, trying
/// again every millisecond.
///
/// SQLite's own busy timeout backs off between tries (1, 2, 5, 10 ... up to 100 ms), so a
/// writer that meets a reader's brief lock sleeps on long after the lock is gone. With the
/// live room committing scores while the facilitator's screens read the same file, those
/// sleeps were most of the time a score took to reach the file. A steady millisecond costs a
/// few wake-ups while waiting and nothing otherwise.
final class LockWait: @unchecked Sendable {
    private let lock = NSLock()
    private var limit: TimeInterval
    private var firstTry = Date()
    private let now: @Sendable () -> Date

    init(limit: TimeInterval, now: @escaping @Sendable () -> Date = { Date() }) {
        self.limit = limit
        self.now = now
    }

    /// The longest one statement waits; 0 answers busy at once.
    var seconds: TimeInterval {
        get { lock.withLock { limit } }
        set { lock.withLock { limit = newValue } }
    }

    /// SQLite's busy handler: true to try again (after a millisecond), false to give up.
    func shouldRetry(afterTries tries: Int) -> Bool {
        let waited: TimeInterval = lock.withLock {
            if tries == 0 { firstTry = now() }
            return now().timeIntervalSince(firstTry)
        }
        guard waited < seconds else { return false }
        usleep(1000)
        return true
    }

    var busyMode: Database.BusyMode { .callback { [self] tries in shouldRetry(afterTries: tries) } }
}
