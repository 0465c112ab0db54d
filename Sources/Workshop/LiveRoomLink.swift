import SessionEngine

/// What the facilitator's screens know of the live room. The pit executable builds it from
/// the room server (Workshop never imports the server): the join address, the code, the QR
/// code as a grid of modules, and which groups have a device.
public struct LiveRoomView: Equatable, Sendable {
    public struct Presence: Equatable, Sendable {
        public var groupID: String
        public var name: String
        /// Devices joined for this group.
        public var devices: Int
        /// Devices with the live page open now.
        public var connected: Int
        public init(groupID: String, name: String, devices: Int, connected: Int) {
            self.groupID = groupID; self.name = name; self.devices = devices; self.connected = connected
        }
    }

    /// "ABC 234".
    public var code: String
    /// What people type: "http://192.168.1.20:8080".
    public var address: String
    /// `qr[y][x]` is true for a dark module (no quiet zone).
    public var qr: [[Bool]]
    public var groups: [Presence]
    /// Joins and leaves, newest last.
    public var recent: [String]

    public init(code: String, address: String, qr: [[Bool]], groups: [Presence], recent: [String]) {
        self.code = code; self.address = address; self.qr = qr; self.groups = groups; self.recent = recent
    }

    /// A room another process serves on this session file (`pit room`), as it publishes
    /// its presence there: who is in, but no code, address or QR code (the file never holds
    /// the code), and `servedElsewhere` so the screens can say so.
    public init(elsewhere presence: RoomPresence, groups: [Group]) {
        self.init(code: "", address: "", qr: [], groups: groups.map { group in
            let seen = presence.group(group.id)
            return Presence(groupID: group.id, name: group.name, devices: seen?.devices ?? 0, connected: seen?.connected ?? 0)
        }, recent: presence.recent)
    }

    /// Served by another process: this one can show who is in but not release devices.
    public var servedElsewhere: Bool { code.isEmpty }

    public func presence(_ groupID: String) -> Presence? { groups.first { $0.groupID == groupID } }
    public var withDevice: Int { groups.filter { $0.devices > 0 }.count }
}

/// The live room as the screens drive it: open it (`J`), look at it, release a group's
/// devices, close it. Set on the context by the pit executable when it can serve a room.
public protocol LiveRoomLink: AnyObject {
    var isOpen: Bool { get }
    /// Starts serving; throws an error whose description says why it could not.
    func open() throws
    /// The room now, or nil while it is closed.
    func view() -> LiveRoomView?
    func release(group: String)
    func close()
}
