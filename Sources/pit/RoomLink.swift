import Foundation
import Instruments
import Room
import SessionEngine
import Workshop

/// Where the room listens: `--bind` and `--port`, shared by `pit room` and `pit open --room`.
struct RoomPlace: Equatable {
    static let defaultPort = 8080
    /// Ports tried in turn when no --port is given and 8080 is taken.
    static let fallbackPorts = 8081...8089

    var bind = "0.0.0.0"
    var port: Int?

    var portsToTry: [Int] { port.map { [$0] } ?? [Self.defaultPort] + Array(Self.fallbackPorts) }

    /// How often the room refreshes the presence it publishes in the session file:
    /// `RoomPresence.defaultInterval`, unless the end-to-end tests shorten it with
    /// PIT_ROOM_PRESENCE_SECONDS (so a killed room goes stale in a few seconds).
    static func presenceInterval(environment: [String: String] = ProcessInfo.processInfo.environment) -> TimeInterval {
        guard let text = environment["PIT_ROOM_PRESENCE_SECONDS"], let seconds = TimeInterval(text), seconds > 0, seconds <= 3600 else {
            return RoomPresence.defaultInterval
        }
        return seconds
    }
}

/// The running room: its server, the address people type and its QR code.
final class RunningRoom {
    let server: RoomServer
    let address: String
    let joinURL: String
    let qr: QRCode?

    var room: LiveRoom { server.room }

    /// Opens a room on the session file and serves it. With no --port, 8080 and then the
    /// next ports up to 8089 are tried; a port given with --port is the only one tried.
    static func start(file: URL, catalogue: Catalogue, place: RoomPlace,
                      activity: (@Sendable (String) -> Void)? = nil) throws -> RunningRoom {
        let assets = try SiteAssets.load()
        let room = try LiveRoom(session: file, catalogue: catalogue, presenceInterval: RoomPlace.presenceInterval())
        room.onActivity = activity
        var lastError: Error = RoomServerError.portInUse(host: place.bind, port: RoomPlace.defaultPort)
        for port in place.portsToTry {
            do {
                let server = try RoomServer.start(room: room, host: place.bind, port: port, assets: assets)
                let host = LocalAddress.forDevices(bind: place.bind)
                let address = "http://\(host.contains(":") ? "[\(host)]" : host):\(server.port)"
                let joinURL = "\(address)/?code=\(room.code.value)"
                return RunningRoom(server: server, address: address, joinURL: joinURL, qr: QRCode(joinURL))
            } catch let error as RoomServerError {
                lastError = error
                if case .portInUse = error { continue }
                break
            }
        }
        room.close()
        throw lastError
    }

    private init(server: RoomServer, address: String, joinURL: String, qr: QRCode?) {
        self.server = server
        self.address = address
        self.joinURL = joinURL
        self.qr = qr
    }

    /// Closes the room and stops its server; returns within a few seconds whatever the
    /// devices do (RoomServer.closeRoom).
    func stop() {
        server.closeRoom()
    }
}

/// The facilitator's screens' handle on the room (`J`): opened on demand, in this process.
final class RoomLink: LiveRoomLink {
    let file: URL
    let catalogue: Catalogue
    let place: RoomPlace
    private var running: RunningRoom?

    init(file: URL, catalogue: Catalogue, place: RoomPlace) {
        self.file = file
        self.catalogue = catalogue
        self.place = place
    }

    var isOpen: Bool { running != nil }

    func open() throws {
        guard running == nil else { return }
        running = try RunningRoom.start(file: file, catalogue: catalogue, place: place)
    }

    func view() -> LiveRoomView? {
        guard let running else { return nil }
        let status = running.room.status()
        return LiveRoomView(
            code: status.code.spaced, address: running.address, qr: running.qr?.modules ?? [],
            groups: status.groups.map { LiveRoomView.Presence(groupID: $0.groupID, name: $0.name, devices: $0.devices, connected: $0.connected) },
            recent: status.recent)
    }

    func release(group: String) { running?.room.release(group: group) }

    func close() {
        running?.stop()
        running = nil
    }
}
