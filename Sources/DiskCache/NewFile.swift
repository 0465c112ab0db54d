import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts a new file in place whole or not at all, and never over an existing one: the
/// bytes go to a hidden temporary beside it, are synced, and are linked under the name,
/// which fails if the name is taken. A full disk or a kill part-way leaves no file under
/// the name (a killed pit's temporary is swept by the next, `StaleTemporaries`).
public enum NewFile {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var path: String
        public var code: Int32
        /// Whether the bytes could not be written (the disk full), not the file made.
        public var whileWriting: Bool

        public var description: String {
            if code == EEXIST { return "\(path) already exists; choose another name" }
            let why = String(cString: strerror(code))
            return whileWriting ? "\(path) could not be written (\(why)); no file was made. Free some space or choose another place"
                                : "\(path) cannot be made (\(why)). Check that the folder exists and that you may write to it"
        }
    }

    public static func write(_ data: Data, to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        StaleTemporaries.sweep(folder: folder)
        let temporary = StaleTemporaries.name(for: url.lastPathComponent, in: folder, purpose: .writing)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw Failure(path: path, code: errno, whileWriting: false) }
        defer { unlink(temporary) }
        let error = writeAll(data, to: fd) ?? (fsync(fd) == 0 ? nil : errno)
        close(fd)
        if let error { throw Failure(path: path, code: error, whileWriting: true) }
        // link(2), unlike rename(2), refuses a name that is taken.
        guard link(temporary, path) == 0 else { throw Failure(path: path, code: errno, whileWriting: false) }
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { fsync(dir); close(dir) }
    }

    /// Writes all of `data`, going on after a short write or a signal; the error number, or
    /// nil once everything is written.
    public static func writeAll(_ data: Data, to fd: Int32) -> Int32? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
            guard var next = buffer.baseAddress else { return nil }
            var left = buffer.count
            while left > 0 {
                let written = Glibc.write(fd, next, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                left -= written
                next += written
            }
            return nil
        }
    }
}
