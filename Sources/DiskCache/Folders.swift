import Foundation

/// Making the folders pit keeps its own files in (state, cache, a thrown-away demo's).
/// One way for all of them, with plain calls: the crash log's folder is made before the
/// first frame, where FileManager's set-up showed in the start (and inlinable, so the
/// start-up order places them with their callers, as when they were pit's own).
public enum Folders {
    /// Makes `path` and any missing parent folders, as `mkdir -p` does; true when it is a
    /// folder then. Each folder made is readable by its owner alone (0700, less the umask),
    /// as the XDG Base Directory specification asks: the recent sessions list and the
    /// places file name the user's sessions, and a crash log may quote their text.
    /// A folder that is there already keeps its mode.
    @inlinable public static func make(_ path: String) -> Bool {
        if mkdir(path, 0o700) == 0 || isFolder(path) { return true }
        guard errno == ENOENT, path != "/", make(parent(path)) else { return false }
        return mkdir(path, 0o700) == 0 || isFolder(path)
    }

    @inlinable public static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// `path` without its last component: "/" stays "/", and a bare name's folder is ".".
    @inlinable public static func parent(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
    }
}
