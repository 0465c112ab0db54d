import Foundation
import NIOCore

/// Every connection the room's server has accepted and not yet closed, seen at the
/// listening socket, so that a stop can close each on its own event loop: a connection
/// that never sends a request is never closed by the server itself (see `RoomServer.stop`).
/// Each is also closed once it has sent nothing for `silenceLimit` seconds, so that spare
/// connections and devices gone without a goodbye do not pile up while the room runs.
final class AcceptedConnections: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = Channel
    typealias InboundOut = Channel

    private let lock = NSLock()
    private var open: [ObjectIdentifier: Channel] = [:]
    private let silenceLimit: TimeAmount

    init(silenceLimit: TimeInterval) {
        self.silenceLimit = .milliseconds(Int64((silenceLimit * 1000).rounded()))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let connection = unwrapInboundIn(data)
        let id = ObjectIdentifier(connection)
        let limit = silenceLimit
        connection.eventLoop.execute {
            try? connection.pipeline.syncOperations.addHandlers(
                [IdleStateHandler(readTimeout: limit), CloseWhenSilent()], position: .first)
        }
        lock.withLock { open[id] = connection }
        connection.closeFuture.whenComplete { [weak self] _ in
            guard let self else { return }
            self.lock.withLock { _ = self.open.removeValue(forKey: id) }
        }
        context.fireChannelRead(data)
    }

    var count: Int { lock.withLock { open.count } }

    /// Closes every connection still open.
    func closeAll() {
        for connection in lock.withLock({ Array(open.values) }) {
            connection.close(promise: nil)
        }
    }
}

/// Closes its connection when `IdleStateHandler` reports that nothing was read for its
/// limit. A live page is never silent that long: the server pings it every 30 seconds and
/// the browser answers.
private final class CloseWhenSilent: ChannelInboundHandler {
    typealias InboundIn = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
