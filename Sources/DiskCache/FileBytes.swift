import Foundation

/// A cache file's bytes, read with one open, fstat and read straight into the array:
/// FileManager's `contents(atPath:)` and the copy out of its Data were a twentieth of
/// `pit home`'s start. Anything but a regular file is not read, and a FIFO is opened
/// without waiting for a writer.
public enum FileBytes {
    /// - Parameter limit: read no more than this many bytes (the front of a larger file).
    public static func read(_ path: String, limit: Int = .max) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = min(Int(info.st_size), limit)
        guard size > 0 else { return [] }
        // A file that shrank since fstat comes back short; one that grew, cut at its old size.
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let got = Foundation.read(descriptor, buffer.baseAddress! + count, size - count)
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { break }
                count += got
            }
        }
    }
}
