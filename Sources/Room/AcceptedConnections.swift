import Foundation
import NIOCore

/// Every connection the room's server has accepted and not yet closed, seen at the
/// listening socket, so that a stop can close each on its own event loop: a connection
/// that never sends a request is never closed by the server itself (see `RoomServer.stop`).
final class AcceptedConnections: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = Channel
    typealias InboundOut = Channel

    private let lock = NSLock()
    private var open: [ObjectIdentifier: Channel] = [:]

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let connection = unwrapInboundIn(data)
        let id = ObjectIdentifier(connection)
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
