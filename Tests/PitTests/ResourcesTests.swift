import Foundation
@testable import pit
import XCTest

/// pit's shipped folders are looked for by plain paths; they must name the same folders
/// the URLs did.
final class ResourcesTests: XCTestCase {
    func testAParentIsThePathWithoutItsLastComponent() {
        XCTAssertEqual(Resources.parent("/opt/pit/bin/pit"), "/opt/pit/bin")
        XCTAssertEqual(Resources.parent("/pit"), "/")
        XCTAssertEqual(Resources.parent("/"), "/")
        XCTAssertEqual(Resources.parent("pit"), ".")
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
}
