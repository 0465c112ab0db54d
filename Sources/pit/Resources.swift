import Foundation

/// Finds pit's shipped folders (Assessments/, Themes/). Looked for, in order: $PIT_HOME,
/// beside the executable and its parent folders (a checkout's .build/debug/pit),
/// share/pit under the install prefix, and the checkout this binary was built from.
enum Resources {
    static func directory(_ name: String) -> URL? {
        var candidates: [URL] = []
        if let home = ProcessInfo.processInfo.environment["PIT_HOME"] {
            candidates.append(URL(fileURLWithPath: home))
        }
        // The running binary itself (argv[0] may be a bare name found on PATH).
        let running = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let executable = URL(fileURLWithPath: running).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(folder)
            candidates.append(folder.appendingPathComponent("share/pit"))
            folder = folder.deletingLastPathComponent()
        }
        // The source checkout: Sources/pit/Resources.swift -> the package root.
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())
        for base in candidates {
            let url = base.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return url
            }
        }
        return nil
    }

    /// Where pit keeps its own state (recent sessions, crash reports).
    static var stateDirectory: URL {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_STATE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/state")
        return base.appendingPathComponent("pit")
    }

    /// The user's own instruments folder.
    static var userInstruments: URL {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_CONFIG_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        return base.appendingPathComponent("pit/instruments")
    }
}
