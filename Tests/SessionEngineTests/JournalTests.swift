import Foundation
import XCTest
@testable import SessionEngine

/// Writes a rollback journal as SQLite leaves it when a save is cut off after the database
/// pages were written: a synced header and the original of every page that changed, so
/// opening the file plays `original` back into it.
func writeHotJournal(original: Data, besides url: URL, nonce: UInt32 = 0x1234_5678) throws {
    let current = try Data(contentsOf: url)
    let pageSize = Int(original[16]) << 8 | Int(original[17])
    func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    var records: [UInt8] = []
    var count: UInt32 = 0
    for page in 0..<(original.count / pageSize) {
        let range = (page * pageSize)..<((page + 1) * pageSize)
        let old = [UInt8](original[range])
        if range.upperBound <= current.count, [UInt8](current[range]) == old { continue }
        var sum = nonce
        var i = pageSize - 200
        while i > 0 { sum &+= UInt32(old[i]); i -= 200 }
        records += be32(UInt32(page + 1)) + old + be32(sum)
        count += 1
    }
    let sector = 512
    var header = FileCheck.journalMagic + be32(count) + be32(nonce) + be32(UInt32(original.count / pageSize))
        + be32(UInt32(sector)) + be32(UInt32(pageSize))
    header += [UInt8](repeating: 0, count: sector - header.count)
    try Data(header + records).write(to: URL(fileURLWithPath: url.path + "-journal"))
}

final class JournalTests: XCTestCase {
    /// A session, its bytes before one more note, and the file with that note saved.
    private func savedTwice(_ dir: TempDir, _ name: String) throws -> (url: URL, before: Data) {
        let store = try makeStore(dir, name)
        try store.append(.noteAdded(id: "n1", element: toolA[0], text: "first"), author: "Fac")
        store.close()
        let url = dir.file(name)
        let before = bytes(url)
        let again = try SessionStore.open(at: url, scales: [:])
        try again.append(.noteAdded(id: "n2", element: toolA[1], text: "second"), author: "Fac")
        again.close()
        return (url, before)
    }

    func testAJournalThatBelongsIsPlayedBack() throws {
        let dir = TempDir()
        let (url, before) = try savedTwice(dir, "s.pit")
        try writeHotJournal(original: before, besides: url)
        let store = try SessionStore.open(at: url, scales: [:])
        XCTAssertEqual(store.state.notes.map(\.id), ["n1"], "the interrupted save of n2 is rolled back")
        store.close()
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path + "-journal"))
    }

    func testAStaleJournalBesideARestoredCopyIsRefusedAndNothingChanges() throws {
        let dir = TempDir()
        let (url, before) = try savedTwice(dir, "s.pit")
        try writeHotJournal(original: before, besides: url)
        let journal = bytes(URL(fileURLWithPath: url.path + "-journal"))
        // The journal is left behind; the user restores a later good copy beside it.
        try FileManager.default.removeItem(atPath: url.path + "-journal")
        let store = try SessionStore.open(at: url, scales: [:])
        try store.append(.noteAdded(id: "n3", element: toolA[2], text: "third"), author: "Fac")
        store.close()
        try journal.write(to: URL(fileURLWithPath: url.path + "-journal"))
        let good = bytes(url)

        for attempt in [{ _ = try SessionStore.open(at: url, scales: [:]) }, { _ = try SessionStore.snapshot(at: url, scales: [:]) }] {
            XCTAssertThrowsError(try attempt()) { error in
                guard case .foreignJournal(let p, let detail)? = error as? SessionFileError else { return XCTFail("\(error)") }
                XCTAssertEqual(p, url.path)
                XCTAssertTrue(detail.contains("save"), detail)
                let message = (error as! SessionFileError).description
                XCTAssertTrue(message.contains("-journal.old"), message)
                // The journal is judged foreign by a rule of thumb: the advice must not
                // send a user to drop another program's way back from a half-made change.
                XCTAssertTrue(message.contains("and no other program was writing to it"), message)
            }
            XCTAssertEqual(bytes(url), good, "the restored copy is untouched")
            XCTAssertEqual(bytes(URL(fileURLWithPath: url.path + "-journal")), journal, "the journal is left for the user")
        }
        // Moved aside as the message says, the copy opens with all three notes.
        try FileManager.default.moveItem(atPath: url.path + "-journal", toPath: url.path + "-journal.old")
        XCTAssertEqual(try SessionStore.open(at: url, scales: [:]).state.notes.map(\.id), ["n1", "n2", "n3"])
    }

    func testAJournalFromAnotherSessionIsRefused() throws {
        let dir = TempDir()
        let (other, otherBefore) = try savedTwice(dir, "other.pit")
        try writeHotJournal(original: otherBefore, besides: other)
        let mine = try makeStore(dir, "mine.pit")
        for i in 0..<5 { try mine.append(.noteAdded(id: "m\(i)", element: nil, text: "mine"), author: "Fac") }
        mine.close()
        let url = dir.file("mine.pit")
        try FileManager.default.copyItem(atPath: other.path + "-journal", toPath: url.path + "-journal")
        let good = bytes(url)
        XCTAssertThrowsError(try SessionStore.open(at: url, scales: [:])) {
            guard case .foreignJournal? = $0 as? SessionFileError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(bytes(url), good)
    }

    /// A journal that does belong, whose playback leaves a file pit cannot use: the file has
    /// changed, and the message must not claim otherwise.
    func testARefusalAfterPlaybackNeverSaysUnchanged() throws {
        let dir = TempDir()
        let (url, before) = try savedTwice(dir, "s.pit")
        var original = before
        original[63] = 7 // the page being played back says: session format 7
        try writeHotJournal(original: original, besides: url)
        let was = bytes(url)
        XCTAssertThrowsError(try SessionStore.open(at: url, scales: [:])) { error in
            XCTAssertNotEqual(bytes(url), was, "SQLite played the journal back")
            let message = "\(error)"
            XCTAssertFalse(message.contains("not been changed"), message)
            guard case .changedWhileOpening? = error as? SessionFileError else { return XCTFail(message) }
            XCTAssertTrue(message.contains("was changed"), message)
        }
    }
}
