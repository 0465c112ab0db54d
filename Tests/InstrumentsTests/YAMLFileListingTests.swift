import Foundation
@testable import Instruments
import XCTest

/// The catalogue's folder listing (readdir) names the same files, in the same order, as
/// FileManager's listing filtered by `pathExtension` did.
final class YAMLFileListingTests: XCTestCase {
    func testTheSameFilesAsFileManagerInTheSameOrder() throws {
        let folder = try temporaryFolder()
        for name in ["b.yaml", "a.yml", "C.yaml", "c.YAML", ".yaml", ".hidden.yaml", "d.yaml.bak", "notes.txt", "yaml",
                     "walk ability.yaml", "é.yaml", "z.yml", "x.yam"] {
            try Data("x: 1\n".utf8).write(to: folder.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("folder.yaml"), withIntermediateDirectories: true)

        let expected = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { ["yaml", "yml"].contains($0.pathExtension) }
            .map(\.lastPathComponent).sorted()
        let listed = Catalogue.yamlFiles(in: folder)
        XCTAssertEqual(listed.map(\.lastPathComponent), expected)
        XCTAssertEqual(listed.map { $0.deletingLastPathComponent().standardizedFileURL.path },
                       Array(repeating: folder.standardizedFileURL.path, count: listed.count))
        XCTAssertTrue(expected.contains("b.yaml") && expected.contains(".hidden.yaml") && !expected.contains(".yaml"))
        // The cache's stamps name the same files by path.
        XCTAssertEqual(Catalogue.yamlFilePaths(in: folder.path), listed.map(\.path))
        XCTAssertEqual(Catalogue.yamlFilePaths(in: folder.path + "/"), listed.map(\.path))
    }

    func testAFolderThatDoesNotExistHasNoFiles() {
        XCTAssertEqual(Catalogue.yamlFiles(in: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")), [])
    }
}
