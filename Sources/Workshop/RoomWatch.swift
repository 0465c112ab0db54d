import Foundation
import SessionEngine

extension WorkshopContext {
    /// The live room as the screens show it: the room this process serves (`J`), or else
    /// the one another process on the same file serves (`pit room`), read from the presence
    /// it publishes in the session file and only while that is fresh (a killed room's
    /// devices do not linger on the screen).
    public var roomView: LiveRoomView? {
        if let view = liveRoom?.view() { return view }
        guard let session, let presence = session.store.presence, presence.isFresh(at: now()) else { return nil }
        return LiveRoomView(elsewhere: presence, groups: session.state.groups)
    }

    /// Whether the room changed since the last look (a join, a leave, a device's page
    /// opening, a room opening, closing or going stale), so the idle tick redraws the
    /// screens. A new join or leave is also said in the status line, whatever screen the
    /// facilitator is on, unless another message is showing.
    public func noteRoomChanges() -> Bool {
        let now = roomView
        defer { lastRoomSeen = now }
        if let line = now?.recent.last, line != lastRoomSeen?.recent.last, message?.hasPrefix("Room: ") ?? true {
            say("Room: \(line)")
        }
        return now != lastRoomSeen
    }
}
