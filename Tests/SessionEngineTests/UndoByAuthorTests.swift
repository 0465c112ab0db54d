import Foundation
import XCTest
@testable import SessionEngine

/// Two terminals on one file, each recording under its own name.
final class UndoByAuthorTests: XCTestCase {
    func testUndoTakesBackOnlyTheSameAuthorsChange() throws {
        let dir = TempDir()
        let facilitator = try makeStore(dir)
        let scribe = try SessionStore.open(at: dir.file("s.pit"), scales: [:])
        try facilitator.append(.scoreRecorded(group: "la", element: toolA[0], answer: .level(3), note: nil), author: "Fac")
        try scribe.append(.noteAdded(id: "n1", element: toolA[0], text: "the scribe's note"), author: "Scribe")

        let undo = try XCTUnwrap(try facilitator.undoLast(author: "Fac"))
        guard case .undone(let target) = undo.payload else { return XCTFail("\(undo)") }
        XCTAssertEqual(facilitator.event(seq: target)?.author, "Fac")
        XCTAssertNil(facilitator.state.score(group: "la", element: toolA[0]), "the facilitator's score is taken back")
        XCTAssertEqual(facilitator.state.notes.map(\.id), ["n1"], "the scribe's note stays")

        // The facilitator's remaining changes are the groups added at creation.
        while try facilitator.undoLast(author: "Fac") != nil {}
        XCTAssertEqual(facilitator.state.notes.map(\.id), ["n1"])
        XCTAssertNil(try scribe.undoLast(author: "Nobody"), "an author with no changes undoes nothing")
        XCTAssertNotNil(try scribe.undoLast(author: "Scribe"))
        XCTAssertTrue(scribe.state.notes.isEmpty)
    }

    func testRedoIsPerAuthorAndSurvivesOtherPeoplesChanges() throws {
        let dir = TempDir()
        let a = try makeStore(dir)
        let b = try SessionStore.open(at: dir.file("s.pit"), scales: [:])
        try a.append(.noteAdded(id: "na", element: nil, text: "A's"), author: "A")
        try a.undoLast(author: "A")
        try b.append(.noteAdded(id: "nb", element: nil, text: "B's"), author: "B")
        XCTAssertFalse(b.canRedo(author: "B"), "B undid nothing")
        XCTAssertNil(try b.redo(author: "B"))
        XCTAssertNotNil(try a.redo(author: "A"), "B's change does not end A's redo")
        XCTAssertEqual(a.state.notes.map(\.id), ["na", "nb"])
        try a.append(.revealed(toolA[0]), author: "A")
        try a.undoLast(author: "A")
        try a.append(.revealed(toolA[1]), author: "A")
        XCTAssertNil(try a.redo(author: "A"), "A's own new change ends A's redo")
    }
}
