import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

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
public final class RoomServer: @unchecked Sendable {
    public static let maxBodyBytes = 2048
    static let cookieName = "pit_device"

    public let room: LiveRoom
    public let host: String
    public private(set) var port: Int = 0
    private var task: Task<Void, Error>?
    private let finished = DispatchSemaphore(value: 0)

    private init(room: LiveRoom, host: String) {
        self.room = room
        self.host = host
    }

    /// Starts serving and returns once the port is open (or throws why it could not be).
    /// `port` 0 takes any free port.
    public static func start(room: LiveRoom, host: String, port: Int, assets: SiteAssets) throws -> RoomServer {
        let server = RoomServer(room: room, host: host)
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
                outcome.set(.success(channel.localAddress?.port ?? port))
                started.signal()
            },
            logger: logger
        )
        server.task = Task {
            defer { server.finished.signal() }
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await app.runService(gracefulShutdownSignals: []) }
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
            if let io = error as? IOError, io.errnoCode == EADDRINUSE { throw RoomServerError.portInUse(host: host, port: port) }
            throw RoomServerError.cannotListen(host: host, port: port, detail: "\(error)")
        }
    }

    /// Stops listening and ends every device's connection. The room's file stays open
    /// until `room.close()`.
    public func stop() {
        guard let task else { return }
        self.task = nil
        task.cancel()
        finished.wait()
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
