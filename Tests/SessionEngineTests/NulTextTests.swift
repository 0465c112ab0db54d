import Foundation
import XCTest
@testable import SessionEngine

/// SQLite stores a NUL inside a text but reads it back as the text's end: a change holding
/// one would be shown as saved and come back shorter. Such a change is refused.
final class NulTextTests: XCTestCase {
    func testATextWithANulIsRefusedAndNothingIsWritten() throws {
        let dir = TempDir()
        let store = try SessionStore.create(at: dir.file("s.pit"), info: SessionInfo(title: "S"), groups: fourGroups,
                                            author: "Fac", scales: [:])
        let before = store.events.count
        for payload in [EventPayload.noteAdded(id: "n1", element: toolA[0], text: "before\u{0}after"),
                        .groupRenamed(id: "la", name: "City\u{0}Council", initials: "CC")] {
            XCTAssertThrowsError(try store.append(payload, author: "Fac")) { error in
                XCTAssertTrue("\(error)".contains("holds a NUL character"), "\(error)")
            }
        }
        XCTAssertEqual(store.events.count, before)
        store.close()
        XCTAssertEqual(try SessionStore.snapshot(at: dir.file("s.pit"), scales: [:]).events.count, before)
    }
}
