import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import ServiceLifecycle

/// Each request's context: the client's address (for the wrong-code limit), the WebSocket
/// hand-off, and a small body limit (a form post here is a few dozen bytes).
struct RoomRequestContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<RoomRequestContext>
    let client: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        client = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    var maxUploadSize: Int { RoomServer.maxBodyBytes }
}

/// Why the room could not start.
public enum RoomServerError: Error, CustomStringConvertible, Equatable {
    case portInUse(host: String, port: Int)
    case cannotListen(host: String, port: Int, detail: String)

    /// Why listening failed, in words: the system's, or what to do for the usual mistake
    /// (an address of another machine given to --bind). NIO's own text named its call.
    static func reason(errno: Int32, host: String) -> String {
        if errno == EADDRNOTAVAIL { return "\(host) is not an address of this machine (give --bind one of its addresses, or 0.0.0.0 for all)" }
        return String(cString: strerror(errno))
    }

    public var description: String {
        switch self {
        case .portInUse(let host, let port):
            return "port \(port) on \(host) is already in use (another pit room or program); choose another with --port"
        case .cannotListen(let host, let port, let detail):
            return "cannot listen on \(host):\(port): \(detail); check --bind and --port"
        }
    }
}

/// Serves a `LiveRoom` over HTTP and WebSocket (Hummingbird 2). Starts in the background
/// so that the facilitator's run loop and `pit room` can both use it; `stop()` ends every
/// connection.
///
/// A stop always ends: connections the server has not ended by itself in time are closed
/// from outside it (`AcceptedConnections`).
public final class RoomServer: @unchecked Sendable {
    public static let maxBodyBytes = 2048
    static let cookieName = "pit_device"
    /// How long `stop()` lets the server end its connections itself, and then how long it
    /// waits once they are closed by force. The facilitator's screen waits for both.
    /// On a network the graceful end takes milliseconds; what needs the force is a
    /// connection that never sent a request (browsers open spare ones), which neither a
    /// graceful shutdown nor cancellation ends: the WebSocket upgrade waits for its first
    /// request for ever.
    static let gracePeriod: TimeInterval = 0.5
    static let forcedPeriod: TimeInterval = 2
    /// A connection that sends nothing for this long is closed (a live page answers the
    /// server's ping every 30 seconds; a browser opens a new connection when it needs one).
    public static let silenceLimit: TimeInterval = 120

    public let room: LiveRoom
    public let host: String
    public private(set) var port: Int = 0
    private var task: Task<Void, Error>?
    private var services: ServiceGroup?
    private let finished = DispatchSemaphore(value: 0)
    private let connections: AcceptedConnections

    private init(room: LiveRoom, host: String, silenceLimit: TimeInterval) {
        self.room = room
        self.host = host
        connections = AcceptedConnections(silenceLimit: silenceLimit)
    }

    /// Starts serving and returns once the port is open (or throws why it could not be).
    /// `port` 0 takes any free port.
    public static func start(room: LiveRoom, host: String, port: Int, assets: SiteAssets,
                             silenceLimit: TimeInterval = silenceLimit) throws -> RoomServer {
        let server = RoomServer(room: room, host: host, silenceLimit: silenceLimit)
        let router = makeRouter(room: room, assets: assets)
        let started = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        var logger = Logger(label: "pit-room")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: router,
                                           configuration: .init(ws: .init(maxFrameSize: 4096))),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                // First in the listening socket's pipeline: it sees every accepted connection.
                try? await channel.pipeline.addHandler(server.connections, position: .first).get()
                outcome.set(.success(channel.localAddress?.port ?? port))
                started.signal()
            },
            logger: logger
        )
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        server.services = services
        server.task = Task {
            defer { server.finished.signal() }
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await services.run() }
                    group.addTask {
                        // Follow the facilitator: moves, reveals and locks reach devices within a tick.
                        while !Task.isCancelled {
                            room.poll()
                            try await Task.sleep(for: .milliseconds(100))
                        }
                    }
                    try await group.next()
                    group.cancelAll()
                }
            } catch {
                if outcome.set(.failure(error)) { started.signal() }
                throw error
            }
        }
        started.wait()
        switch outcome.value! {
        case .success(let bound):
            server.port = bound
            return server
        case .failure(let error):
            server.task?.cancel()
            server.task = nil
            guard let io = error as? IOError else { throw RoomServerError.cannotListen(host: host, port: port, detail: "\(error)") }
            if io.errnoCode == EADDRINUSE { throw RoomServerError.portInUse(host: host, port: port) }
            throw RoomServerError.cannotListen(host: host, port: port, detail: RoomServerError.reason(errno: io.errnoCode, host: host))
        }
    }

    /// Stops listening and ends every device's connection. The room's file stays open
    /// until `room.close()`. Returns within `gracePeriod + forcedPeriod` whatever the
    /// connections do: connections still open after `gracePeriod` are closed from outside
    /// the server. Returns how the server ended.
    @discardableResult
    public func stop() -> StopOutcome {
        guard let task else { return .alreadyStopped }
        self.task = nil
        // Gracefully first: connections idle after a request are closed at once, and live
        // pages are sent a WebSocket close. Only a connection that never sent a request
        // needs the force below.
        if let services { Task { await services.triggerGracefulShutdown() } }
        var outcome = StopOutcome.ended
        if finished.wait(timeout: .now() + Self.gracePeriod) == .timedOut {
            outcome = .closedByForce
            connections.closeAll()
            task.cancel()
            if finished.wait(timeout: .now() + Self.forcedPeriod) == .timedOut { return .abandoned }
        }
        finished.signal()   // for `wait()`
        return outcome
    }

    /// Connections accepted and not yet closed (for tests).
    var openConnections: Int { connections.count }

    /// Closes the room, then stops: every live page is sent the room's farewell, which
    /// the graceful stop lets it finish sending. The room's file is closed first of all,
    /// so nothing is lost whatever the connections do.
    @discardableResult
    public func closeRoom() -> StopOutcome {
        room.close()
        return stop()
    }

    public enum StopOutcome: Equatable, Sendable {
        /// The server ended its connections itself.
        case ended
        /// It had not ended within the grace period; its sockets were closed by force.
        case closedByForce
        /// Not even that ended it in time; it is left to end in the background.
        case abandoned
        case alreadyStopped
    }

    /// Waits until the server stops.
    public func wait() {
        finished.wait()
        finished.signal()
    }

    /// The first result wins: running, or the error that stopped it first.
    final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var value: Result<Int, Error>?
        @discardableResult
        func set(_ result: Result<Int, Error>) -> Bool {
            lock.lock(); defer { lock.unlock() }
            guard value == nil else { return false }
            value = result
            return true
        }
    }
}
