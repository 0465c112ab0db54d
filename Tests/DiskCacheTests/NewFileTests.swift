import DiskCache
import Foundation
import Glibc
import XCTest

final class NewFileTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "pit-newfile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    var names: [String] { (try? FileManager.default.contentsOfDirectory(atPath: folder).sorted()) ?? [] }

    func testTheFileIsPutInPlaceWholeWithNothingElseLeft() throws {
        let path = folder + "/report.html"
        try NewFile.write(Data("<p>whole</p>".utf8), to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "<p>whole</p>")
        XCTAssertEqual(names, ["report.html"], "a temporary was left beside it")
    }

    func testAnExistingFileIsNeverReplaced() throws {
        let path = folder + "/report.html"
        try Data("theirs".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try NewFile.write(Data("ours".utf8), to: path)) { error in
            XCTAssertEqual((error as? NewFile.Failure)?.code, EEXIST)
            XCTAssertEqual("\(error)", "\(path) already exists; choose another name")
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "theirs")
        XCTAssertEqual(names, ["report.html"])
    }

    func testAWriteThatRunsOutOfRoomLeavesNoFileUnderTheName() throws {
        // The file size limit stands in for a full disk: the write stops part-way (EFBIG).
        var limit = rlimit(), saved = rlimit()
        getrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
        limit.rlim_cur = 4096
        limit.rlim_max = saved.rlim_max
        let previous = signal(SIGXFSZ, SIG_IGN)
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit)
        defer {
            setrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
            signal(SIGXFSZ, previous)
        }
        let path = folder + "/report.html"
        XCTAssertThrowsError(try NewFile.write(Data(repeating: 65, count: 100_000), to: path)) { error in
            guard let failure = error as? NewFile.Failure else { return XCTFail("\(error)") }
            XCTAssertTrue(failure.whileWriting)
            XCTAssertTrue(failure.description.hasSuffix("no file was made. Free some space or choose another place"), failure.description)
        }
        XCTAssertEqual(names, [], "a cut-off report was left, under its name or hidden")
    }
}
