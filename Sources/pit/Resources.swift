import Foundation
import DiskCache

/// Finds pit's shipped folders (Assessments/, Themes/). Looked for, in order: $PIT_HOME,
/// beside the executable and its parent folders (a checkout's .build/debug/pit),
/// share/pit under the install prefix, $XDG_DATA_HOME/pit (~/.local/share/pit), and the
/// checkout this binary was built from.
enum Resources {
    /// One environment variable. getenv reads just that one, where ProcessInfo's
    /// `environment` copies every variable into a dictionary on each call.
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    static func directory(_ name: String) -> URL? {
        for base in searchPath {
            let path = joined(base, name)
            if Folders.isFolder(path) { return URL(fileURLWithPath: path, isDirectory: true) }
        }
        return nil
    }

    /// Where `directory(_:)` looks, worked out once per run. Kept as plain paths: building
    /// and parsing a dozen file URLs took a twentieth of `pit home`'s start.
    private static let searchPath: [String] = {
        var candidates: [String] = []
        if let home = environment("PIT_HOME") {
            candidates.append(home)
        }
        // The running binary itself (argv[0] may be a bare name found on PATH), with every
        // link resolved by one realpath: FileManager's link reading and URL's resolving
        // took a few percent of a start.
        let executable = realPath("/proc/self/exe")
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        var folder = Folders.parent(executable)
        for _ in 0..<6 {
            candidates.append(folder)
            candidates.append(joined(folder, "share/pit"))
            folder = Folders.parent(folder)
        }
        // Installed for this user alone ($XDG_DATA_HOME/pit).
        candidates.append(userDataPath)
        // The source checkout: Sources/pit/Resources.swift -> the package root.
        candidates.append(Folders.parent(Folders.parent(Folders.parent(#filePath))))
        return candidates
    }()

    static func joined(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }


    /// The path with every symbolic link resolved, or nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The user's home folder: $HOME when set, as every Unix program reads it; the
    /// account's entry only when $HOME is unset.
    static var homePath: String {
        if let home = environment("HOME"), !home.isEmpty { return home }
        return FileManager.default.homeDirectoryForCurrentUser.path
    }

    /// An XDG base folder: the variable when it holds an absolute path (the XDG Base
    /// Directory specification says to ignore a relative one), else `fallback` under home.
    /// Worked out as a path: the start needs three of these before its first frame.
    static func xdgPath(_ variable: String, fallback: String) -> String {
        if let value = environment(variable), value.hasPrefix("/") { return value }
        return joined(homePath, fallback)
    }

    /// Where pit keeps its own state (recent sessions, crash reports).
    static var stateDirectory: URL { URL(fileURLWithPath: stateDirectoryPath, isDirectory: true) }

    static var stateDirectoryPath: String { joined(xdgPath("XDG_STATE_HOME", fallback: ".local/state"), "pit") }

    /// Where pit keeps what it can make again (the parsed catalogue): $XDG_CACHE_HOME/pit.
    static var cacheDirectory: URL {
        URL(fileURLWithPath: joined(xdgPath("XDG_CACHE_HOME", fallback: ".cache"), "pit"), isDirectory: true)
    }

    /// Names this very program (its executable's size and modification time), so a cache
    /// written by another build of pit is never read.
    static var buildIdentity: String {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments[0], &info) == 0 else { return "unknown" }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return "\(info.st_size)-\(time.tv_sec).\(time.tv_nsec)"
    }

    /// The user's own instruments folder.
    static var userInstruments: URL {
        URL(fileURLWithPath: joined(xdgPath("XDG_CONFIG_HOME", fallback: ".config"), "pit/instruments"), isDirectory: true)
    }

    /// The user's own themes folder.
    static var userThemes: URL {
        URL(fileURLWithPath: joined(xdgPath("XDG_CONFIG_HOME", fallback: ".config"), "pit/themes"), isDirectory: true)
    }

    /// pit's shared data installed for this user only (Assessments/, Themes/).
    static var userDataPath: String { joined(xdgPath("XDG_DATA_HOME", fallback: ".local/share"), "pit") }
}
