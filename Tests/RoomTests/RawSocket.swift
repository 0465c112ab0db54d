import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP connection to 127.0.0.1 driven byte by byte: what a browser's connection looks
/// like to the server, including one that says nothing, and a WebSocket seen frame by frame.
final class RawSocket {
    private let fd: Int32
    private var buffered: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
        // No read waits for ever: a test that would hang fails instead.
        var limit = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// Up to `count` bytes; empty at the end of the stream or when the read timed out.
    private func fill(_ count: Int) -> Bool {
        while buffered.count < count {
            var chunk = [UInt8](repeating: 0, count: 4096)
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got <= 0 { return false }
            buffered += chunk[0..<got]
        }
        return true
    }

    private func take(_ count: Int) -> [UInt8]? {
        guard fill(count) else { return nil }
        defer { buffered.removeFirst(count) }
        return Array(buffered[0..<count])
    }

    /// Whether the server has closed this connection: reading on (what is left of a reply
    /// is dropped) finds the end of the stream, not a read that times out.
    func isClosedByServer() -> Bool {
        buffered.removeAll()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got == 0 { return true }
            if got < 0 { return errno == ECONNRESET }
        }
    }

    /// The response head of an HTTP request (up to the blank line).
    func readHead() -> String? {
        var head: [UInt8] = []
        while !(head.count >= 4 && head.suffix(4) == [13, 10, 13, 10]) {
            guard let byte = take(1) else { return nil }
            head += byte
        }
        return String(decoding: head, as: UTF8.self)
    }

    /// Opens `/live` as a device's page does: its cookie, and the page's own origin
    /// (unless another is given, as another site's script would send).
    func upgradeToWebSocket(port: Int, token: String, origin: String? = nil) -> String? {
        send("GET /live HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nOrigin: \(origin ?? "http://127.0.0.1:\(port)")\r\n"
             + "Cookie: pit_device=\(token)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        return readHead()
    }

    /// A WebSocket ping with no payload, masked as a client's frames must be.
    func sendPing() {
        let frame: [UInt8] = [0x89, 0x80, 0x12, 0x34, 0x56, 0x78]
        _ = frame.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    struct Frame { let opcode: UInt8; let text: String }

    /// The next WebSocket frame from the server (unmasked, as a server sends them).
    func readFrame() -> Frame? {
        guard let start = take(2) else { return nil }
        var length = Int(start[1] & 0x7F)
        if length == 126 {
            guard let extended = take(2) else { return nil }
            length = Int(extended[0]) << 8 | Int(extended[1])
        } else if length == 127 {
            guard let extended = take(8) else { return nil }
            length = extended.reduce(0) { $0 << 8 | Int($1) }
        }
        guard let payload = take(length) else { return nil }
        return Frame(opcode: start[0] & 0x0F, text: String(decoding: payload, as: UTF8.self))
    }
}
