import DiskCache
import Foundation
import XCTest

/// The folders pit makes for its own files: made with their parents, and private to
/// their owner.
final class FoldersTests: XCTestCase {
    private var root = ""
    private var savedMask: mode_t = 0

    override func setUp() {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pit-folders-\(UUID().uuidString)").path
        savedMask = umask(0o022)  // the usual umask, which would leave a FileManager folder 0755
    }

    override func tearDown() {
        umask(savedMask)
        try? FileManager.default.removeItem(atPath: root)
    }

    private func mode(_ path: String) -> mode_t {
        var info = stat()
        XCTAssertEqual(stat(path, &info), 0, path)
        return info.st_mode & 0o777
    }

    func testAParentIsThePathWithoutItsLastComponent() {
        XCTAssertEqual(Folders.parent("/opt/pit/bin/pit"), "/opt/pit/bin")
        XCTAssertEqual(Folders.parent("/pit"), "/")
        XCTAssertEqual(Folders.parent("/"), "/")
        XCTAssertEqual(Folders.parent("pit"), ".")
    }

    func testFoldersAreMadeWithTheirParents() throws {
        let deep = root + "/state/pit"
        XCTAssertTrue(Folders.make(deep))
        XCTAssertTrue(Folders.isFolder(deep))
        XCTAssertTrue(Folders.make(deep), "a folder that is there already")
        FileManager.default.createFile(atPath: root + "/file", contents: Data("x".utf8))
        XCTAssertFalse(Folders.make(root + "/file"), "a file is in the way")
        XCTAssertFalse(Folders.make(root + "/file/inside"))
    }

    func testEveryFolderMadeIsItsOwnersAlone() {
        XCTAssertTrue(Folders.make(root + "/state/pit"))
        XCTAssertEqual(mode(root), 0o700)
        XCTAssertEqual(mode(root + "/state"), 0o700)
        XCTAssertEqual(mode(root + "/state/pit"), 0o700)
    }

    func testAFolderThatIsThereKeepsItsMode() {
        XCTAssertEqual(mkdir(root, 0o755), 0)
        XCTAssertTrue(Folders.make(root + "/pit"))
        XCTAssertEqual(mode(root), 0o755, "the user's own folder is left as it was")
        XCTAssertEqual(mode(root + "/pit"), 0o700)
    }
}
