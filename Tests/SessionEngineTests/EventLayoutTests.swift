import XCTest
@testable import SessionEngine

/// A session keeps every event in memory, so each byte of `Event` is 100 KB of a
/// 100,000-event session. Every event takes the room of the payload's largest case: a
/// rare, large case belongs in a box (`indirect`), not inline in every score and note.
final class EventLayoutTests: XCTestCase {
    func testAnEventIsNoLargerThanAScoreNeeds() {
        // seq 8 + at 8 + author 16 + the score case (group 16, element 32, answer 9,
        // note 16, aligned: 80) and the case tag.
        XCTAssertLessThanOrEqual(MemoryLayout<Event>.stride, 120,
                                 "Event is \(MemoryLayout<Event>.stride) bytes; box the payload's largest case")
    }

    func testABoxedActionKeepsEveryField() {
        let element = ElementRef(instrument: "tool-a", element: "A3")
        let payload = EventPayload.actionAdded(id: "a1", element: element, what: "Share the data",
                                               owner: "Council", due: "2026-12-01")
        guard case .actionAdded(let id, let e, let what, let owner, let due) = payload else {
            return XCTFail("not an action")
        }
        XCTAssertEqual([id, e?.description, what, owner, due], ["a1", "tool-a/A3", "Share the data", "Council", "2026-12-01"])
        XCTAssertEqual(payload, .actionAdded(id: "a1", element: element, what: "Share the data", owner: "Council", due: "2026-12-01"))
    }
}
