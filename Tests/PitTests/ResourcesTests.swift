import Foundation
@testable import pit
import XCTest

/// pit's shipped folders are looked for by plain paths; they must name the same folders
/// the URLs did.
final class ResourcesTests: XCTestCase {
    func testAFolderAndANameAreJoinedWithOneSlash() {
        XCTAssertEqual(Resources.joined("/", "Themes"), "/Themes")
        XCTAssertEqual(Resources.joined("/opt/pit", "share/pit"), "/opt/pit/share/pit")
    }

    func testTheShippedFoldersAreFoundAsDirectories() throws {
        let assessments = try XCTUnwrap(Resources.directory("Assessments"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: assessments.appendingPathComponent("tool-a.yaml").path))
        XCTAssertEqual(assessments.lastPathComponent, "Assessments")
        XCTAssertNotNil(Resources.directory("Themes"))
        XCTAssertNil(Resources.directory("Package.swift"), "a file is not a folder")
        XCTAssertNil(Resources.directory("no-such-folder"))
    }

    func testAnXDGFolderIsAnAbsoluteVariableOrElseTheFallbackUnderHome() {
        let saved = (getenv("HOME").map { String(cString: $0) }, getenv("XDG_STATE_HOME").map { String(cString: $0) })
        defer {
            if let home = saved.0 { setenv("HOME", home, 1) } else { unsetenv("HOME") }
            if let state = saved.1 { setenv("XDG_STATE_HOME", state, 1) } else { unsetenv("XDG_STATE_HOME") }
        }
        setenv("HOME", "/home/ana", 1)
        setenv("XDG_STATE_HOME", "/var/state", 1)
        XCTAssertEqual(Resources.stateDirectoryPath, "/var/state/pit")
        XCTAssertEqual(Resources.stateDirectory.path, "/var/state/pit")
        setenv("XDG_STATE_HOME", "relative/state", 1)
        XCTAssertEqual(Resources.stateDirectoryPath, "/home/ana/.local/state/pit", "a relative path is ignored")
        unsetenv("XDG_STATE_HOME")
        XCTAssertEqual(Resources.stateDirectoryPath, "/home/ana/.local/state/pit")
    }
}
