import Foundation
@testable import Instruments
import XCTest

/// The catalogue's folder listing (readdir): every `.yaml` or `.yml` file in any case, by
/// name, but hidden files (backups, editors' lock and swap files).
final class YAMLFileListingTests: XCTestCase {
    func testYAMLFilesInAnyCaseButNotHiddenOnes() throws {
        let folder = try temporaryFolder()
        for name in ["b.yaml", "a.yml", "C.yaml", "c.YAML", ".yaml", ".hidden.yaml", "d.yaml.bak", "notes.txt", "yaml",
                     "walk ability.yaml", "é.yaml", "z.yml", "x.yam"] {
            try Data("x: 1\n".utf8).write(to: folder.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("folder.yaml"), withIntermediateDirectories: true)

        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(".#b.yaml").path, withDestinationPath: "fran@host.42")
        let expected = ["C.yaml", "a.yml", "b.yaml", "c.YAML", "folder.yaml", "walk ability.yaml", "z.yml", "é.yaml"]
        let listed = Catalogue.yamlFiles(in: folder)
        XCTAssertEqual(listed.map(\.lastPathComponent), expected)
        XCTAssertEqual(listed.map { $0.deletingLastPathComponent().standardizedFileURL.path },
                       Array(repeating: folder.standardizedFileURL.path, count: listed.count))
        // The cache's stamps name the same files by path.
        XCTAssertEqual(Catalogue.yamlFilePaths(in: folder.path), listed.map(\.path))
        XCTAssertEqual(Catalogue.yamlFilePaths(in: folder.path + "/"), listed.map(\.path))
    }

    func testAFolderThatDoesNotExistHasNoFiles() {
        XCTAssertEqual(Catalogue.yamlFiles(in: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")), [])
    }
}
