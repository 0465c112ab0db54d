import Foundation

/// Slows down anyone guessing room codes. Each client address may get the code wrong a few
/// times a minute; after that, that address alone waits. Once the whole room has had many
/// wrong codes in the last minute (many addresses together), codes are no longer refused
/// but checked one at a time, `pace` apart: a device with the right code still gets in
/// after a moment, while guessing from many addresses stays at about one code a second,
/// hopeless against 887 million codes. Only when the queue for a turn is longer than
/// `longestWait` (a flood) is a code refused without being checked.
public struct WrongCodeLimiter: Sendable {
    public var perClient: Int
    public var perRoom: Int
    public var window: TimeInterval
    public var pace: TimeInterval
    public var longestWait: TimeInterval
    private var byClient: [String: [Date]] = [:]
    private var all: [Date] = []
    /// When the next paced check may run.
    private var nextTurn: Date?

    public init(perClient: Int = 5, perRoom: Int = 60, window: TimeInterval = 60, pace: TimeInterval = 1,
                longestWait: TimeInterval = 15) {
        self.perClient = perClient
        self.perRoom = perRoom
        self.window = window
        self.pace = pace
        self.longestWait = longestWait
    }

    /// Whether, and when, a code from `client` may be checked.
    public enum Admission: Equatable, Sendable {
        case now
        /// Its turn comes after this many seconds (the room is pacing checks).
        case after(TimeInterval)
        /// This address got the code wrong too often; it may try again after this many seconds.
        case clientLimited(waitSeconds: Int)
        /// So many checks are queued that this one would wait too long; try after this many seconds.
        case roomBusy(waitSeconds: Int)
    }

    /// Takes a turn for a check by `client`: at once while the room has had few wrong codes,
    /// otherwise the next free turn, `pace` after the last one given.
    public mutating func admit(client: String, at now: Date) -> Admission {
        forgetOld(now)
        guard mayTry(client: client, at: now) else { return .clientLimited(waitSeconds: waitSeconds(client: client, at: now)) }
        guard all.count >= perRoom else { return .now }
        let turn = max(now, nextTurn ?? now)
        let wait = turn.timeIntervalSince(now)
        if wait > longestWait { return .roomBusy(waitSeconds: max(1, Int(wait.rounded(.up)))) }
        nextTurn = turn.addingTimeInterval(pace)
        return wait > 0 ? .after(wait) : .now
    }

    /// Whether this client's own wrong codes still let it try (checked again when its turn
    /// comes: several of its checks may have queued together).
    public mutating func mayTry(client: String, at now: Date) -> Bool {
        forgetOld(now)
        return (byClient[client]?.count ?? 0) < perClient
    }

    /// Counts a wrong code.
    public mutating func recordWrong(client: String, at now: Date) {
        forgetOld(now)
        byClient[client, default: []].append(now)
        all.append(now)
    }

    /// Seconds until `client` may try again by its own count (0 if it may now).
    public func waitSeconds(client: String, at now: Date) -> Int {
        guard let mine = byClient[client], mine.count >= perClient else { return 0 }
        let oldest = mine[mine.count - perClient]
        return max(1, Int((oldest.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
    }

    private mutating func forgetOld(_ now: Date) {
        let cutoff = now.addingTimeInterval(-window)
        all.removeAll { $0 <= cutoff }
        for (key, times) in byClient {
            let kept = times.filter { $0 > cutoff }
            byClient[key] = kept.isEmpty ? nil : kept
        }
    }
}
