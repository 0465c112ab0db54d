import Foundation
import XCTest
@testable import SessionEngine

/// Another program puts another file where an open session was (a backup copied over it,
/// a sync tool, a copy of another session) or moves it away: the store writes nothing
/// more to it and says why, where it used to append after its own last event.
final class ReplacedFileTests: XCTestCase {
    func score(_ group: String, _ level: Int) -> EventPayload {
        .scoreRecorded(group: group, element: toolA[0], answer: .level(level), note: nil)
    }

    /// Writes `bytes` into the file in place, as `cp` does (the same inode, so the open
    /// connection goes on reading it).
    func overwriteInPlace(_ url: URL, with bytes: Data) throws {
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    func assertReplaced(_ error: Error, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
        guard case SessionFileError.replacedWhileOpen(_, let detail) = error else {
            return XCTFail("\(message): \(error)", file: file, line: line)
        }
        XCTAssertTrue(detail.contains("another file was put in its place"), detail, file: file, line: line)
    }

    func testABackupCopiedOverTheOpenFileIsNeitherWrittenNorRead() throws {
        let dir = TempDir()
        let url = dir.file("s.pit")
        let store = try SessionStore.create(at: url, info: SessionInfo(title: "S"), groups: fourGroups, author: "Fac", scales: [:])
        let backup = try Data(contentsOf: url)
        for (group, level) in [("la", 2), ("nhs", 3), ("vcse", 4)] { try store.append(score(group, level), author: "Fac") }
        try overwriteInPlace(url, with: backup)

        XCTAssertThrowsError(try store.refreshIfChanged()) { assertReplaced($0, "the look after the copy") }
        XCTAssertThrowsError(try store.append(score("res", 5), author: "Fac")) { assertReplaced($0, "the next change") }
        XCTAssertEqual(try Data(contentsOf: url), backup, "pit wrote into the restored backup")
        store.close()
        XCTAssertEqual(try SessionStore.snapshot(at: url, scales: [:]).events.count, 5, "the restored backup no longer opens whole")
    }

    func testAnotherSessionCopiedOverIsNotFoldedIntoThisOne() throws {
        let dir = TempDir()
        let url = dir.file("s.pit"), other = dir.file("other.pit")
        let store = try SessionStore.create(at: url, info: SessionInfo(title: "S"), groups: fourGroups, author: "Fac", scales: [:])
        try store.append(score("la", 2), author: "Fac")
        let another = try SessionStore.create(at: other, info: SessionInfo(title: "Other"), groups: fourGroups, author: "Fac", scales: [:])
        for level in 1...5 { try another.append(score("nhs", level), author: "Fac") }
        another.close()
        let otherBytes = try Data(contentsOf: other)
        try overwriteInPlace(url, with: otherBytes)

        XCTAssertThrowsError(try store.refreshIfChanged()) { assertReplaced($0) }
        XCTAssertEqual(store.events.count, 6, "the other session's events were folded in")
        XCTAssertThrowsError(try store.append(score("la", 3), author: "Fac")) { assertReplaced($0) }
        XCTAssertEqual(try Data(contentsOf: url), otherBytes)
    }

    func testAFileMovedAwaySaysSoRatherThanBlameTheDisk() throws {
        let dir = TempDir()
        let url = dir.file("s.pit")
        let store = try SessionStore.create(at: url, info: SessionInfo(title: "S"), groups: fourGroups, author: "Fac", scales: [:])
        try FileManager.default.moveItem(at: url, to: dir.file("moved.pit"))
        XCTAssertThrowsError(try store.append(score("la", 2), author: "Fac")) { error in
            guard case SessionFileError.replacedWhileOpen(_, let detail) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("moved or deleted"), detail)
        }
    }

    func testChangesByAnotherPitStillArrive() throws {
        let dir = TempDir()
        let url = dir.file("s.pit")
        let first = try SessionStore.create(at: url, info: SessionInfo(title: "S"), groups: fourGroups, author: "Fac", scales: [:])
        let second = try SessionStore.open(at: url, scales: [:])
        try second.append(score("nhs", 4), author: "Scribe")
        XCTAssertTrue(try first.refreshIfChanged())
        try first.append(score("la", 2), author: "Fac")
        XCTAssertEqual(first.events.count, 7)
    }
}

extension ReplacedFileTests {
    func testNeitherTheFocusNorThePresenceIsWrittenIntoAReplacedFile() throws {
        let dir = TempDir()
        let url = dir.file("s.pit")
        let store = try SessionStore.create(at: url, info: SessionInfo(title: "S"), groups: fourGroups, author: "Fac", scales: [:])
        let backup = try Data(contentsOf: url)
        try store.append(score("la", 2), author: "Fac")
        try overwriteInPlace(url, with: backup)
        XCTAssertThrowsError(try store.writeFocus(RoomFocus(screen: .triangle), author: "Fac")) { assertReplaced($0, "the focus") }
        XCTAssertThrowsError(try store.clearPresence()) { assertReplaced($0, "the presence") }
        XCTAssertEqual(try Data(contentsOf: url), backup, "a row went into the file put in its place")
    }
}
