import ArgumentParser
import DiskCache
import Foundation
import SessionEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `report -o` and `compare -o` write, checked before anything is written.
///
/// A regular file is never written in place: the output goes to a new file beside it,
/// which is then renamed over it, so the result never holds stale bytes and a reader never
/// sees half a report. A symbolic link is never written through: it is refused, or with
/// `--overwrite` replaced. A pit session, or one of the command's own inputs, is only
/// replaced when the user says `--overwrite`. What is not a regular file (a pipe,
/// /dev/null, a terminal) is written in place, since replacing it would swap the device for
/// a plain file; "-", /dev/stdout, /dev/stderr and /dev/fd/N are pit's own descriptors.
struct OutputFile {
    enum Kind: Equatable {
        /// Nothing is there yet.
        case newFile
        /// A regular file (or, with --overwrite, a symbolic link) to replace; keeps `mode`.
        case replace(mode: mode_t)
        /// A pipe, terminal or device, written in place.
        case stream
        /// One of pit's own standard descriptors (/dev/stdout, /dev/stderr, /dev/fd/N).
        case descriptor(Int32)
    }

    let path: String
    let kind: Kind

    /// Checks `path` as an output for a command that read `inputs`.
    static func check(_ path: String, inputs: [String], overwrite: Bool) throws -> OutputFile {
        if let fd = standardDescriptor(path) { return OutputFile(path: path, kind: .descriptor(fd)) }
        if path.hasSuffix("/") {
            throw refusal("\(path) names a folder (it ends in /); give a file name, such as \(path)report.md")
        }
        var link = stat()
        if lstat(path, &link) != 0 {
            guard errno == ENOENT else { throw refusal("\(path) cannot be written (\(String(cString: strerror(errno))))") }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw refusal("\(path) cannot be written: the folder \(folder) does not exist")
            }
            return OutputFile(path: path, kind: .newFile)
        }
        switch link.st_mode & S_IFMT {
        case S_IFDIR:
            throw refusal("\(path) is a folder; give a file name inside it, such as \(path)/report.md")
        case S_IFLNK:
            // Whatever the link leads to: a link in a shared folder may lead to another
            // user's file or pipe, and writing through it would hand them the output.
            guard overwrite else {
                let to = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " (to \($0))" } ?? ""
                throw refusal("\(path) is a symbolic link\(to); pit does not write through links. Give the real file's path, or add --overwrite to replace the link itself with the new file")
            }
            return OutputFile(path: path, kind: .replace(mode: 0o644))
        case S_IFREG:
            if !overwrite {
                if let input = inputs.first(where: { sameFile(link, $0) }) {
                    let which = input == path ? "the file" : "the same file as \(input), the file"
                    throw refusal("\(path) is \(which) this command reads; pit will not write over its input. Choose another output name, or add --overwrite to replace it")
                }
                if isPitSession(path) {
                    throw refusal("\(path) is a pit session; pit will not replace it with this output. Choose another output name, or add --overwrite to replace it")
                }
            }
            return OutputFile(path: path, kind: .replace(mode: link.st_mode & 0o7777))
        default:
            return OutputFile(path: path, kind: .stream)
        }
    }

    /// Writes `data`: in one step for a file, in place for a stream.
    func write(_ data: Data) throws {
        switch kind {
        case .descriptor(1):
            try Console.writeOutput(data, hasOutputOption: true)  // -o - or -o /dev/stdout: -o was given
        case .descriptor(let fd):
            if let error = Console.writeAll(data, to: fd) { throw failure(error, writing: true) }
        case .stream:
            // O_NOFOLLOW: the path was checked not to be a link; if one was put there since,
            // refuse rather than follow it.
            let fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { throw failure(errno, writing: false) }
            var opened = stat()
            if fstat(fd, &opened) == 0, Self.isRegular(opened) {
                // Swapped for a plain file since the check: replace it whole instead.
                close(fd)
                return try replace(with: data, mode: opened.st_mode & 0o7777)
            }
            defer { close(fd) }
            if let error = Console.writeAll(data, to: fd) { throw failure(error, writing: true) }
        case .newFile:
            try replace(with: data, mode: nil)
        case .replace(let mode):
            try replace(with: data, mode: mode)
        }
    }

    /// A new file beside the target, filled, synced and renamed over it. rename(2) replaces
    /// a link itself, never its target.
    private func replace(with data: Data, mode: mode_t?) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        StaleTemporaries.sweep(folder: folder)
        let temporary = StaleTemporaries.name(for: url.lastPathComponent, in: folder, purpose: .writing)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure(errno, writing: false) }
        var done = false
        defer { if !done { unlink(temporary) } }
        if let mode { fchmod(fd, mode) }
        let error = Console.writeAll(data, to: fd) ?? (fsync(fd) == 0 ? nil : errno)
        close(fd)
        if let error { throw failure(error, writing: true) }
        guard rename(temporary, path) == 0 else { throw failure(errno, writing: false) }
        done = true
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { fsync(dir); close(dir) }
    }

    private func failure(_ error: Int32, writing: Bool) -> ExitCode {
        let why = String(cString: strerror(error))
        if writing {
            let kept: String
            switch kind {
            case .replace: kept = "; it is left as it was"
            case .newFile: kept = "; no file was made"
            default: kept = ""
            }
            complain("\(path) could not be written (\(why))\(kept). Free some space or choose another place")
            return .ioError
        }
        complain("\(path) cannot be written (\(why)). Check that the folder exists and that you may write to it")
        return .cannotCreate
    }

    private static func refusal(_ message: String) -> ExitCode {
        complain(message)
        return .cannotCreate
    }

    /// /dev/stdout, /dev/stderr and /dev/fd/N name descriptors pit already has: write to
    /// them as they are, whatever they lead to. "-" is standard output, as for most
    /// programs (a file named "-" is `./-`).
    static func standardDescriptor(_ path: String) -> Int32? {
        switch path {
        case "-", "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            guard path.hasPrefix("/dev/fd/"), let n = Int32(path.dropFirst("/dev/fd/".count)), n >= 1,
                  fcntl(n, F_GETFD) != -1 else { return nil }
            return n
        }
    }

    static func isRegular(_ s: stat) -> Bool { s.st_mode & S_IFMT == S_IFREG }

    static func sameFile(_ s: stat, _ other: String) -> Bool {
        var o = stat()
        return stat(other, &o) == 0 && o.st_dev == s.st_dev && o.st_ino == s.st_ino
    }

    /// Whether `path` starts like a pit session (SQLite's header with pit's application id).
    static func isPitSession(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 72), head.count == 72 else { return false }
        let bytes = [UInt8](head)
        let id = bytes[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return bytes[0..<16].elementsEqual("SQLite format 3\u{0}".utf8) && id == UInt32(bitPattern: SessionStore.applicationID)
    }
}
