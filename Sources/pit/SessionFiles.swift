import ArgumentParser
import DiskCache
import Foundation
import SessionEngine
import Workshop

/// Opening and creating session files from the command line, with sysexits codes.
enum SessionFiles {
    /// Runs `body`, turning session errors into a message on stderr and an exit code.
    @discardableResult
    static func attempt<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ExitCode {
            throw error
        } catch {
            complain("\(error)")
            throw ExitStatus.code(for: error)
        }
    }

    /// Checks a path where a command is to create a session: a folder, or a name ending in
    /// "/", is refused with exit 73 (rather than making a file of that name); temporaries a
    /// killed pit left in that folder are removed.
    static func checkNewSessionPath(_ path: String) throws {
        if let problem = newSessionPathProblem(path) {
            complain(problem)
            throw ExitCode.cannotCreate
        }
    }

    /// Why a session cannot be created at `path` (a folder), or nil; clears stale temporaries.
    static func newSessionPathProblem(_ path: String) -> String? {
        if path.hasSuffix("/") {
            return "\(path) names a folder (it ends in /); give a file name for the session, such as \(path)session.pit"
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return "\(path) is a folder; give a file name inside it, such as \(path)/session.pit"
        }
        // A device, pipe or socket (/dev/full, /dev/stdout) can hold no session: "already
        // exists ... open it with `pit open /dev/full`" was advice nobody could take.
        var found = stat()
        if stat(path, &found) == 0, found.st_mode & S_IFMT != S_IFREG {
            return "\(path) is not a regular file (a device, pipe or socket); a session is a file of its own: give a new file name, such as session.pit"
        }
        StaleTemporaries.sweep(folder: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        return nil
    }

    /// A file name from a title: "Healthier Northbridge" -> "healthier-northbridge.pit".
    static func defaultFileName(for title: String, suffix: String = "") -> String {
        var slug = ""
        for c in title.lowercased() {
            if c.isLetter || c.isNumber { slug.append(c) } else if slug.last != "-" { slug.append("-") }
        }
        slug = slug.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return (slug.isEmpty ? "session" : String(slug.prefix(60))) + suffix + ".pit"
    }

    /// Who is recording: the given name, else the login name.
    static func author(_ given: String?) -> String {
        if let given, !given.isEmpty { return given }
        return Resources.environment("USER") ?? "facilitator"
    }

    static func today() -> String { SessionInfo.day(of: Date()) }
}

/// Sessions opened recently, newest first, for the home screen.
enum RecentSessions {
    static var path: String { Resources.joined(Resources.stateDirectoryPath, "recent") }

    /// Read with plain calls: the home screen's first frame waits for this list.
    static func list() -> [String] {
        guard let bytes = FileBytes.read(path) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init).filter { access($0, F_OK) == 0 }
    }

    static func remember(_ path: String) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let updated = [absolute] + list().filter { $0 != absolute }
        _ = Folders.make(Resources.stateDirectoryPath)
        try? updated.prefix(10).joined(separator: "\n").write(toFile: RecentSessions.path, atomically: true, encoding: .utf8)
    }
}

/// Where the facilitator was in each session (the last element open), so that reopening
/// a session returns there. Kept in the state folder, keyed by the session's absolute path:
/// a place is one person's view of the session, not part of its record.
enum SessionPlaces {
    static var file: URL { Resources.stateDirectory.appendingPathComponent("places.json") }

    private static func all() -> [String: SessionPlace] {
        guard let data = try? Data(contentsOf: file) else { return [:] }
        return (try? JSONDecoder().decode([String: SessionPlace].self, from: data)) ?? [:]
    }

    private static func key(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    static func place(for path: String) -> SessionPlace? { all()[key(path)] }

    /// Keeps `place` for the session (best effort: a read-only state folder only loses it).
    static func remember(_ place: SessionPlace?, for path: String) {
        guard let place else { return }
        var places = all().filter { FileManager.default.fileExists(atPath: $0.key) }
        places[key(path)] = place
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        guard let data = try? encoder.encode(places) else { return }
        _ = Folders.make(Resources.stateDirectoryPath)
        try? data.write(to: file, options: .atomic)
    }
}
