@testable import DiskCache
import Foundation
import XCTest

final class FileBytesTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pit-file-bytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testAFileIsReadWhole() throws {
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let file = folder.appendingPathComponent("cache")
        try Data(bytes).write(to: file)
        XCTAssertEqual(FileBytes.read(file.path), bytes)
        XCTAssertEqual(FileBytes.read(file.path, limit: 1000), Array(bytes.prefix(1000)), "the front of a file")
        let empty = folder.appendingPathComponent("empty")
        try Data().write(to: empty)
        XCTAssertEqual(FileBytes.read(empty.path), [])
    }

    func testOnlyARegularFileIsRead() throws {
        XCTAssertNil(FileBytes.read(folder.appendingPathComponent("missing").path))
        XCTAssertNil(FileBytes.read(folder.path), "a folder")
        let fifo = folder.appendingPathComponent("fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertNil(FileBytes.read(fifo), "a FIFO, opened without waiting for a writer")
    }
}
