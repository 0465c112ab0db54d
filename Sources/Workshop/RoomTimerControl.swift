import Foundation
import SessionEngine
import TerminalKit

/// The room's countdown, driven from an element: `T` starts it (the plan's minutes for the
/// item, else eight), `T` again pauses or resumes, `+`/`-` add or remove a minute. It is
/// shared through the room focus, so the audience view shows the same time.
enum RoomTimerControl {
    static let defaultSeconds = 8 * 60

    static let keys: [KeyHelp] = [
        KeyHelp("T + -", "countdown: start / pause, a minute more / less"),
    ]

    /// Handles a timer key; nil when the key is not about the timer.
    static func handle(_ key: Key, session: SessionController, context: WorkshopContext, seconds: Int = defaultSeconds) -> Navigation? {
        let now = context.now()
        if !session.sharesFocus, [Key.char("T"), .char("+"), .char("="), .char("-")].contains(key) {
            context.say("The countdown is the facilitator's; this scribe's terminal shows it")
            return .stay
        }
        switch key {
        case .char("T"):
            if let timer = session.timer, timer.remaining(at: now) > 0 {
                session.timer = timer.toggled(at: now)
                context.say(session.timer!.isRunning ? "Countdown resumed" : "Countdown paused")
            } else {
                session.timer = RoomTimer.started(seconds: seconds, at: now)
                session.timerBellRung = false
                context.say("Countdown: \(TimerText.clock(seconds)) (T pauses, + - change it)")
            }
        case .char("+"), .char("="):
            guard let timer = session.timer else { return nil }
            session.timer = timer.adding(60, at: now)
            session.timerBellRung = false
            context.say("Countdown: \(TimerText.words(session.timer!, now: now))")
        case .char("-"):
            guard let timer = session.timer else { return nil }
            session.timer = timer.adding(-60, at: now)
            context.say("Countdown: \(TimerText.words(session.timer!, now: now))")
        default:
            return nil
        }
        return .stay
    }
}

extension App {
    /// Called on the idle tick: true once, when the running countdown has just reached zero
    /// (the backend rings the bell), unless the bell is off.
    public func countdownJustEnded() -> Bool {
        guard let session = context.session, let timer = session.timer, timer.isRunning,
              timer.remaining(at: context.now()) == 0, !session.timerBellRung else { return false }
        session.timerBellRung = true
        return context.bellEnabled
    }
}
