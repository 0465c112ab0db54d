import Foundation

/// Slows down anyone guessing room codes: each client address may get the code wrong a
/// few times a minute, and the whole room only so many times a minute (so many addresses
/// together still cannot try more than a handful of the 887 million codes).
public struct WrongCodeLimiter: Sendable {
    public var perClient: Int
    public var perRoom: Int
    public var window: TimeInterval
    private var byClient: [String: [Date]] = [:]
    private var all: [Date] = []

    public init(perClient: Int = 5, perRoom: Int = 60, window: TimeInterval = 60) {
        self.perClient = perClient
        self.perRoom = perRoom
        self.window = window
    }

    /// Whether a client may try a code now.
    public mutating func mayTry(client: String, at now: Date) -> Bool {
        forgetOld(now)
        return (byClient[client]?.count ?? 0) < perClient && all.count < perRoom
    }

    /// Counts a wrong code.
    public mutating func recordWrong(client: String, at now: Date) {
        forgetOld(now)
        byClient[client, default: []].append(now)
        all.append(now)
    }

    /// Seconds until `client` may try again (0 if it may now).
    public func waitSeconds(client: String, at now: Date) -> Int {
        var oldest: [Date] = []
        if let mine = byClient[client], mine.count >= perClient { oldest.append(mine[mine.count - perClient]) }
        if all.count >= perRoom { oldest.append(all[all.count - perRoom]) }
        guard let earliest = oldest.max() else { return 0 }
        return max(1, Int((earliest.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
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
