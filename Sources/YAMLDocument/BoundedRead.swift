import Foundation

/// Reads a small text file that a user may have put in a folder pit scans, or named on
/// the command line (an instrument, a theme, a plan). A file over `limit` bytes, or one
/// that is not a regular file (a FIFO would block, a device never ends, a folder has no
/// text), is refused before its contents are read, so one stray file cannot make every
/// command slow. A symbolic link is followed: keeping instruments in a repository and
/// linking them into the instruments folder is a usual set-up.
public enum BoundedRead {
    public enum Failure: Error, Equatable {
        case tooLarge(size: Int, limit: Int)
        /// `kind` names what it is instead: "a folder", "a FIFO (named pipe)", ...
        case notAFile(kind: String)
        /// A symbolic link whose target does not exist (an editor's lock file, a moved file).
        case danglingLink(target: String)
        /// A symbolic link that leads back to itself, through others or directly (ELOOP).
        case loopingLink(target: String)
        case missing
        case unreadable(reason: String)
    }

    public static func data(at path: String, limit: Int) -> Result<Data, Failure> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(whyStatFailed(path, errno)) }
        if let kind = kind(of: info) { return .failure(.notAFile(kind: kind)) }
        if Int(info.st_size) > limit { return .failure(.tooLarge(size: Int(info.st_size), limit: limit)) }
        // Non-blocking, and checked again once open: the file may have been swapped for a
        // FIFO since it was looked at, and opening a FIFO would wait for a writer.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(.unreadable(reason: String(cString: strerror(errno)))) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        guard fstat(descriptor, &info) == 0 else { return .failure(.unreadable(reason: String(cString: strerror(errno)))) }
        if let kind = kind(of: info) { return .failure(.notAFile(kind: kind)) }
        // Read one byte past the limit, in case the file grew after it was measured.
        let data: Data
        do {
            // nil is the end of the file at once: an empty file, which the parser then names.
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            return .failure(.unreadable(reason: (error as NSError).localizedDescription))
        }
        if data.count > limit { return .failure(.tooLarge(size: data.count, limit: limit)) }
        return .success(data)
    }

    /// nil for a regular file; otherwise what it is, in words.
    static func kind(of info: stat) -> String? {
        switch info.st_mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFSOCK: "a socket"
        default: "not a file"
        }
    }

    private static func whyStatFailed(_ path: String, _ code: Int32) -> Failure {
        var link = stat()
        if lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            return code == ELOOP ? .loopingLink(target: target) : .danglingLink(target: target)
        }
        if code == ENOENT || code == ENOTDIR { return .missing }
        return .unreadable(reason: String(cString: strerror(code)))
    }

    /// The failure in words; `what` names the kind of file and its limit ("instrument files").
    public static func message(_ failure: Failure, for what: String) -> String {
        switch failure {
        case .tooLarge(let size, let limit):
            return "the file is \(describe(size)), over pit's limit of \(describe(limit)) for \(what); move it out of the folder, or shorten it"
        case .notAFile(let kind):
            return "it is \(kind), not a regular file; pit reads only regular files (a symbolic link to one is fine)"
        case .danglingLink(let target):
            return "it is a symbolic link to \(target), which does not exist; fix the link or remove it"
        case .loopingLink(let target):
            return "it is a symbolic link to \(target) that loops back on itself (ELOOP), so it leads to no file; point it at a real file or remove it"
        case .missing:
            return "no such file"
        case .unreadable(let reason):
            return "cannot read the file (\(reason))"
        }
    }

    /// "1 MiB", "21.3 MiB", "900 KiB": sizes in messages.
    public static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20 {
            let mib = Double(bytes) / Double(1 << 20)
            return mib == mib.rounded() ? "\(Int(mib)) MiB" : String(format: "%.1f MiB", mib)
        }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
