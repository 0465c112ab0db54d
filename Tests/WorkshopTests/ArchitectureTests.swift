import Foundation
import XCTest

/// The design's dependency rules, checked against the source tree.
final class ArchitectureTests: XCTestCase {
    func swiftFiles(in module: String) throws -> [(String, String)] {
        let folder = repositoryRoot.appendingPathComponent("Sources/\(module)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        return try names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    func imports(of module: String) throws -> Set<String> {
        var found: Set<String> = []
        for (_, text) in try swiftFiles(in: module) {
            for line in text.split(separator: "\n") where line.hasPrefix("import ") || line.hasPrefix("@testable import ") {
                found.insert(String(line.split(separator: " ").last!))
            }
        }
        return found
    }

    func testOnlyTheBackendTalksToNcurses() throws {
        for module in ["DiskCache", "ProcessEnd", "Escaping", "YAMLDocument", "Instruments", "SessionEngine", "Reports", "TerminalKit", "Workshop", "Room", "pit"] {
            XCTAssertFalse(try imports(of: module).contains("CNcursesw"), "\(module) imports ncurses")
        }
        XCTAssertTrue(try imports(of: "CursesBackend").contains("CNcursesw"))
    }

    func testDependenciesPointDown() throws {
        let projectModules: Set<String> = ["DiskCache", "ProcessEnd", "Escaping", "YAMLDocument", "Instruments", "SessionEngine", "Reports", "TerminalKit", "Workshop",
                                           "CursesBackend", "Room", "pit"]
        // YAMLDocument (the one YAML walk, for instruments and themes) and DiskCache (the
        // parsed files kept on disk) sit below both, so TerminalKit reads and caches themes
        // without depending on Instruments. Escaping (user text made safe for each output
        // format) sits below the reports and the live room, whose pages escape as the
        // HTML report does. ProcessEnd (quit signals held while a change commits) sits
        // below the session store that commits and the terminal guard that handles them.
        let allowed: [String: Set<String>] = [
            "DiskCache": [],
            "ProcessEnd": [],
            "Escaping": [],
            "YAMLDocument": [],
            "Instruments": ["YAMLDocument", "DiskCache"],
            "SessionEngine": ["ProcessEnd"],
            "Reports": ["Escaping", "SessionEngine", "Instruments"],
            "TerminalKit": ["YAMLDocument", "DiskCache"],
            // DiskCache's `NewFile` puts an exported report in place whole or not at all.
            "Workshop": ["TerminalKit", "Reports", "SessionEngine", "Instruments", "DiskCache"],
            "CursesBackend": ["TerminalKit", "ProcessEnd"],
            // The live room serves the session over the network; it never draws a screen.
            "Room": ["Escaping", "SessionEngine", "Instruments"],
        ]
        for (module, permitted) in allowed {
            let used = try imports(of: module).intersection(projectModules)
            XCTAssertTrue(used.isSubset(of: permitted), "\(module) imports \(used.subtracting(permitted).sorted())")
        }
    }

    func testOnlyThePitExecutableUsesTheRoom() throws {
        for module in ["Instruments", "SessionEngine", "Reports", "TerminalKit", "Workshop", "CursesBackend"] {
            XCTAssertFalse(try imports(of: module).contains("Room"), "\(module) imports Room")
            XCTAssertFalse(try imports(of: module).contains("Hummingbird"), "\(module) imports Hummingbird")
        }
    }
}
