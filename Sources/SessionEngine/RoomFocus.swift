import Foundation

/// Where the facilitator is: shared room state that every process on the session file can
/// read (the audience view follows it). One row, rewritten in place when the facilitator
/// moves; it is not part of the event log, so the transcript never fills with arrow keys.
public struct RoomFocus: Hashable, Sendable {
    /// The kind of screen the facilitator is on.
    public enum ScreenKind: String, CaseIterable, Sendable {
        case triangle, component, elementList, element, matrices, summary
    }

    public var screen: ScreenKind
    /// The instrument in view (element list, element), if any.
    public var instrument: String?
    /// The element in view (element screen), if any.
    public var element: String?
    /// The triangle part in view (triangle, component screen), if any.
    public var component: String?
    /// What part of the screen is in view, where a screen has several (a matrix's name).
    public var view: String?
    /// Whether the element in view has its scores revealed.
    public var revealed: Bool
    public var timer: RoomTimer?
    /// Index of the current item of the session's plan, if it has one.
    public var planPosition: Int?

    public init(screen: ScreenKind, instrument: String? = nil, element: String? = nil, component: String? = nil,
                view: String? = nil, revealed: Bool = false, timer: RoomTimer? = nil, planPosition: Int? = nil) {
        self.screen = screen
        self.instrument = instrument
        self.element = element
        self.component = component
        self.view = view
        self.revealed = revealed
        self.timer = timer
        self.planPosition = planPosition
    }

    /// The element in view, when the facilitator is on one.
    public var elementRef: ElementRef? {
        guard let instrument, let element else { return nil }
        return ElementRef(instrument: instrument, element: element)
    }
}

/// A countdown shared by every view of the room. A running timer stores when it ends (so
/// each process computes the same remaining time from its own clock); a paused one stores
/// what was left.
public struct RoomTimer: Hashable, Sendable {
    public enum Run: Hashable, Sendable {
        case running(endsAt: Date)
        case paused(remaining: Int)
    }

    /// Minutes set for this countdown, in seconds.
    public var duration: Int
    public var run: Run

    public init(duration: Int, run: Run) {
        self.duration = duration
        self.run = run
    }

    /// A fresh countdown of `seconds`, running from `now`.
    public static func started(seconds: Int, at now: Date) -> RoomTimer {
        RoomTimer(duration: seconds, run: .running(endsAt: now.addingTimeInterval(TimeInterval(seconds))))
    }

    public var isRunning: Bool {
        if case .running = run { return true }
        return false
    }

    /// Whole seconds left at `now` (never negative); rounded up, so "0" means time is up.
    public func remaining(at now: Date) -> Int {
        switch run {
        case .paused(let left): return max(0, left)
        case .running(let end): return max(0, Int(end.timeIntervalSince(now).rounded(.up)))
        }
    }

    /// The same timer paused at `now`, or running again from `now`.
    public func toggled(at now: Date) -> RoomTimer {
        switch run {
        case .running: return RoomTimer(duration: duration, run: .paused(remaining: remaining(at: now)))
        case .paused(let left): return RoomTimer(duration: duration, run: .running(endsAt: now.addingTimeInterval(TimeInterval(left))))
        }
    }

    /// Adds (or with a negative number removes) seconds; never below zero.
    public func adding(_ seconds: Int, at now: Date) -> RoomTimer {
        switch run {
        case .paused(let left):
            return RoomTimer(duration: max(0, duration + seconds), run: .paused(remaining: max(0, left + seconds)))
        case .running(let end):
            let newEnd = max(now, end.addingTimeInterval(TimeInterval(seconds)))
            return RoomTimer(duration: max(0, duration + seconds), run: .running(endsAt: newEnd))
        }
    }
}

/// What `SessionStore.refreshChanges` found another process changed.
public struct SessionChanges: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// New events in the log.
    public static let events = SessionChanges(rawValue: 1)
    /// The facilitator's focus moved (or its timer changed).
    public static let focus = SessionChanges(rawValue: 2)
    /// Who is in a live room served by another process changed (see `RoomPresence`).
    public static let presence = SessionChanges(rawValue: 4)
}
