import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hidden files pit writes before putting a file in place: ".NAME.creating-PID-N" for a
/// new session (and its -journal), ".NAME.writing-PID-N" for a report. A pit that is killed
/// part-way leaves one behind; the next pit to write in that folder removes those whose
/// process is gone (or whose number now belongs to a process started after the file).
public enum StaleTemporaries {
    public enum Purpose: String {
        case creating, writing
    }

    /// A fresh temporary name beside `name` in `folder`.
    public static func name(for name: String, in folder: String, purpose: Purpose) -> String {
        (folder as NSString).appendingPathComponent(".\(name).\(purpose.rawValue)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// The process number in a temporary's name, or nil for any other file.
    static func owner(of file: String) -> pid_t? {
        guard file.hasPrefix(".") else { return nil }
        var stem = Substring(file)
        for sidecar in ["-journal", "-wal", "-shm"] where stem.hasSuffix(sidecar) {
            stem = stem.dropLast(sidecar.count)
        }
        // ".NAME.creating-PID-N": the last two dash-separated parts are numbers.
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let pid = pid_t(parts[parts.count - 2]), pid > 0, UInt32(parts[parts.count - 1]) != nil else { return nil }
        let head = parts.dropLast(2).joined(separator: "-")
        guard Purpose.allCases.contains(where: { head.hasSuffix(".\($0.rawValue)") }) else { return nil }
        return pid
    }

    /// Removes this user's stale temporaries in `folder`; never another user's, never a
    /// live pit's.
    public static func sweep(folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for file in names {
            guard let pid = owner(of: file), pid != getpid() else { continue }
            let path = (folder as NSString).appendingPathComponent(file)
            var info = stat()
            guard lstat(path, &info) == 0, info.st_uid == getuid(), info.st_mode & S_IFMT == S_IFREG else { continue }
            #if os(Linux)
            let written = Int(info.st_mtim.tv_sec)
            #else
            let written = Int(info.st_mtimespec.tv_sec)
            #endif
            if isStale(pid: pid, fileTime: written) { unlink(path) }
        }
    }

    /// The process is gone, or started after the file was last written (its number was
    /// reused).
    static func isStale(pid: pid_t, fileTime: Int) -> Bool {
        if kill(pid, 0) != 0 && errno == ESRCH { return true }
        guard let started = startTime(of: pid) else { return false }
        return started > fileTime + 1
    }

    /// When a process started, in seconds since 1970, from /proc (Linux); nil elsewhere.
    static func startTime(of pid: pid_t) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")"),
              let system = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let bootLine = system.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
              let boot = Int(bootLine.dropFirst("btime ".count)) else { return nil }
        // Fields after the command name; "starttime" is field 22 of the whole line.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Int(fields[19]) else { return nil }
        let perSecond = sysconf(Int32(_SC_CLK_TCK))
        return boot + ticks / max(1, perSecond)
    }
}

extension StaleTemporaries.Purpose: CaseIterable {}
