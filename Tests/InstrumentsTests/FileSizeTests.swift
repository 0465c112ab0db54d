import Foundation
@testable import Instruments
import XCTest

/// A stray large file in the user's instruments folder is skipped unread, with a message.
final class FileSizeTests: XCTestCase {
    func testAnInstrumentFileOverTheLimitIsSkippedAndNamed() throws {
        let folder = try temporaryFolder()
        // 21 MB, sparse: nothing is written, so only the size says what it is.
        let big = folder.appendingPathComponent("huge.yaml")
        FileManager.default.createFile(atPath: big.path, contents: nil)
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 21_000_000)
        try handle.close()
        // Just over the limit, with valid-looking text.
        let over = folder.appendingPathComponent("over.yaml")
        try Data(("# " + String(repeating: "x", count: Catalogue.maxFileBytes) + "\n").utf8).write(to: over)

        let catalogue = try Catalogue.load(shipped: assessments, extra: [folder])
        XCTAssertEqual(catalogue.instruments.count, try Catalogue.load(shipped: assessments).instruments.count)
        for (file, size) in [(big, "20.0 MiB"), (over, "1 MiB")] {
            let problem = try XCTUnwrap(catalogue.problems.first { $0.file == file.path }, "\(file.lastPathComponent) is reported")
            XCTAssertTrue(problem.message.contains("1 MiB"), problem.message)
            XCTAssertTrue(problem.message.contains("limit"), problem.message)
            XCTAssertTrue(problem.message.contains(size) || file == over, problem.message)
        }
        XCTAssertEqual(Catalogue.loadInstrument(at: big).0, nil)
    }

    func testAnEmptyFileIsSaidToBeEmptyNotUnreadable() throws {
        let empty = try temporaryFolder().appendingPathComponent("empty.yaml")
        try Data().write(to: empty)
        let (instrument, problems) = Catalogue.loadInstrument(at: empty)
        XCTAssertNil(instrument)
        XCTAssertEqual(problems.map(\.message), ["the file is empty"])
    }

    func testAFolderOrPipeNamedLikeAnInstrumentIsSkipped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pit-size-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("dir.yaml"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("pipe.yaml").path, 0o600), 0)
        let catalogue = try Catalogue.load(shipped: assessments, extra: [folder])
        XCTAssertEqual(catalogue.problems.filter { $0.message.contains("not a regular file") }.count, 2,
                       catalogue.problems.map(\.description).joined(separator: "\n"))
    }
}
