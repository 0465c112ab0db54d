import Foundation
import SessionEngine
import XCTest
@testable import Reports

/// The transcript says what an edit of an action changed, not the whole action again.
final class TranscriptActionEditTests: XCTestCase {
    func testAnEditSaysWhatItChanged() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        try store.append(.actionAdded(id: "a1", element: a("leadership"), what: "Publish pledge", owner: "Council CEO", due: "2026-03-01"),
                         author: "Fac")
        try store.append(.actionEdited(id: "a1", what: "Publish pledge", owner: "Council CEO", due: nil), author: "Fac")
        try store.append(.actionEdited(id: "a1", what: "Publish the pledge", owner: "Council CEO", due: "2026-04-01"), author: "Fac")
        try store.append(.actionEdited(id: "a1", what: "Publish the pledge", owner: "Council CEO", due: "2026-04-01"), author: "Fac")
        let lines = Transcript.make(events: store.events, catalogue: catalogue).entries.map(\.text).filter { $0.contains("changed the action") }
        XCTAssertEqual(lines, [
            "Fac changed the action “Publish pledge”: no due date",
            "Fac changed the action “Publish pledge”: to “Publish the pledge”, due 2026-04-01",
            "Fac changed the action “Publish the pledge” (no change)",
        ])
    }
}
