import Foundation
import SessionEngine
import TerminalKit

/// How the room's countdown reads on screen.
enum TimerText {
    /// Seconds as "7:05" (or "1:02:03" past an hour).
    static func clock(_ seconds: Int) -> String {
        let s = max(0, seconds)
        if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) }
        return String(format: "%d:%02d", s / 60, s % 60)
    }

    /// The timer in a few words: "7:05 left", "7:05 paused", "Time is up".
    static func words(_ timer: RoomTimer, now: Date) -> String {
        let left = timer.remaining(at: now)
        if left == 0 { return "Time is up" }
        return clock(left) + (timer.isRunning ? " left" : " paused")
    }

    /// The last minute stands out; so does the end.
    static func role(_ timer: RoomTimer, now: Date) -> Role {
        let left = timer.remaining(at: now)
        if left <= 60 { return .warning }
        return timer.isRunning ? .accent : .muted
    }
}
