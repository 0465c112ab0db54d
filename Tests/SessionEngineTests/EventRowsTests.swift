import Foundation
import GRDB
import XCTest
@testable import SessionEngine

/// Reading a session's rows straight from SQLite's statement: texts read exactly as before
/// (up to a NUL, invalid UTF-8 repaired), and repeated long texts held once.
final class EventRowsTests: XCTestCase {
    /// The address of a String's bytes (nil for a text kept inside the String itself).
    func storage(_ s: String) -> UnsafeRawPointer? {
        var s = s
        let count = s.utf8.count
        return s.withUTF8 { count > 15 ? UnsafeRawPointer($0.baseAddress) : nil }
    }

    func testALongAuthorIsHeldOnceForEveryEvent() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let author = "Facilitator of the Northbridge workshop"
        for (i, e) in toolA.enumerated() {
            try store.append(.scoreRecorded(group: "la", element: e, answer: .level(i % 5 + 1), note: nil), author: author)
        }
        store.close()
        let events = try SessionStore.snapshot(at: dir.file("s.pit"), scales: [:]).events.filter { $0.author == author }
        XCTAssertEqual(events.count, toolA.count)
        let addresses = Set(events.map { storage($0.author) })
        XCTAssertEqual(addresses.count, 1, "each event holds its own copy of the author")
        XCTAssertNotNil(addresses.first!)
    }

    func testTextsReadAsCStringsRepairedAsUTF8() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        store.close()
        // A row written by something other than pit: a note with invalid UTF-8 and a NUL.
        let queue = try DatabaseQueue(path: dir.file("s.pit").path)
        let bytes: [UInt8] = Array("Note ".utf8) + [0xFF, 0xC3] + Array(" and more than fifteen bytes".utf8) + [0] + Array("hidden".utf8)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO events (seq, at, author, kind, subject, instrument, element, level, na, text)
                VALUES (6, 1767225700000, CAST(? AS TEXT), 'scoreRecorded', 'la', 'tool-a', 'A1', 2, 0, CAST(? AS TEXT))
                """, arguments: [Data(bytes), Data(bytes)])
        }
        try queue.close()
        let last = try XCTUnwrap(try SessionStore.snapshot(at: dir.file("s.pit"), scales: [:]).events.last)
        let expected = bytes.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { String(cString: $0) }
        }
        XCTAssertEqual(expected, "Note \u{FFFD}\u{FFFD} and more than fifteen bytes")
        XCTAssertEqual(last.author, expected)
        guard case .scoreRecorded(_, _, _, let note) = last.payload else { return XCTFail("not a score: \(last.payload)") }
        XCTAssertEqual(note, expected)
    }

    func testTheSharedTableStopsGrowingAndStaysCorrect() {
        var interner = TextInterner()
        for i in 0..<(TextInterner.limit + 100) {
            let text = "an id that is long enough \(i)"
            let read = Array(text.utf8).withUnsafeBufferPointer { interner.text($0) }
            XCTAssertEqual(read, text)
        }
        let again = Array("an id that is long enough 7".utf8).withUnsafeBufferPointer { interner.text($0) }
        XCTAssertEqual(again, "an id that is long enough 7")
        let invalid: [UInt8] = Array("sixteen bytes or more ".utf8) + [0xFF]
        let repaired = invalid.withUnsafeBufferPointer { interner.text($0) }
        XCTAssertEqual(repaired, "sixteen bytes or more \u{FFFD}")
    }
}
