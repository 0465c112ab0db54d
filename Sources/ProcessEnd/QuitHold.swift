import Glibc
import Synchronization

/// Holds back a signal that would end pit while a change is being committed to the
/// session file, and ends pit with that signal as soon as the commit is done.
///
/// Closing the terminal's window (SIGHUP) or `kill` (SIGTERM) ends pit at once. Landing
/// between a key and the commit of the change it made, that left the file whole but the
/// change gone: SQLite rolls an unfinished transaction back. A commit takes milliseconds
/// (longer while another process holds the file's lock, up to the store's lock wait), so
/// pit finishes it and then ends the way the signal asked, with the same exit status.
///
/// The signal handler may only make async-signal-safe calls: `holds` is two atomic
/// operations on values made by `prepare` before any handler is installed.
public enum QuitHold {
    /// Commits under way, in every thread (the live room commits scores on its own).
    private static let commits = Atomic<Int>(0)
    /// The signal held back, or 0.
    private static let heldSignal = Atomic<Int32>(0)

    /// Makes the values the handler reads, so that none is first made inside it.
    public static func prepare() {
        _ = commits.load(ordering: .sequentiallyConsistent)
        _ = heldSignal.load(ordering: .sequentiallyConsistent)
    }

    /// Runs a commit; a quit signal that arrives meanwhile is raised again when the last
    /// commit under way ends, whether it succeeded or threw.
    public static func whileCommitting<T>(_ commit: () throws -> T) rethrows -> T {
        commits.add(1, ordering: .sequentiallyConsistent)
        defer {
            // The handler records the signal before it looks at the count, and this looks
            // for a signal after lowering the count: one of the two always sees the other.
            let left = commits.subtract(1, ordering: .sequentiallyConsistent).newValue
            if left == 0 {
                let signal = heldSignal.exchange(0, ordering: .sequentiallyConsistent)
                if signal != 0 { raise(signal) }
            }
        }
        return try commit()
    }

    /// For a quit signal's handler: true when a commit is under way, and the handler must
    /// return at once (the commit's end raises the signal again). False: end pit now.
    public static func holds(_ signal: Int32) -> Bool {
        heldSignal.store(signal, ordering: .sequentiallyConsistent)
        if commits.load(ordering: .sequentiallyConsistent) > 0 { return true }
        // Not held: nothing is left for a later commit's end to raise.
        _ = heldSignal.compareExchange(expected: signal, desired: 0, ordering: .sequentiallyConsistent)
        return false
    }
}
