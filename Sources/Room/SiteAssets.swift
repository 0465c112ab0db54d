import Foundation

/// The participant page's stylesheet and script, shipped as resources of this target and
/// served by pit itself (nothing comes from another host). Looked for beside the running
/// binary (`pit_Room.resources`, where SwiftPM puts them), then in the source checkout.
public struct SiteAssets: Sendable {
    public var css: String
    public var javascript: String

    public enum Problem: Error, CustomStringConvertible {
        case missing(searched: [String])
        public var description: String {
            switch self {
            case .missing(let searched):
                return "the room's page files (room.css, room.js) were not found; looked in \(searched.joined(separator: ", "))"
            }
        }
    }

    public static func load() throws -> SiteAssets {
        var folders: [URL] = []
        let running = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let executableFolder = URL(fileURLWithPath: running).resolvingSymlinksInPath().deletingLastPathComponent()
        for base in [executableFolder, Bundle.main.bundleURL, executableFolder.appendingPathComponent("../share/pit")] {
            folders.append(base.appendingPathComponent("pit_Room.resources/Site"))
            folders.append(base.appendingPathComponent("pit_Room.resources"))
        }
        folders.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Site"))
        for folder in folders {
            if let css = try? String(contentsOf: folder.appendingPathComponent("room.css"), encoding: .utf8),
               let js = try? String(contentsOf: folder.appendingPathComponent("room.js"), encoding: .utf8) {
                return SiteAssets(css: css, javascript: js)
            }
        }
        throw Problem.missing(searched: folders.map(\.path))
    }
}
