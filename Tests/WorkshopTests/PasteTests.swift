import Foundation
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

/// Pasted text (`Key.paste`, from the terminal's bracketed paste) is text: it goes into
/// the open field whole, and outside a field it changes nothing.
final class PasteTests: XCTestCase {
    let step2 = ElementRef(instrument: "tool-a", element: "needs-assessment")

    func sessionApp(_ scratch: ScratchSession) -> App { appOn(scratch, stack: [ElementScreen(instrument: "tool-a", index: 1)]) }

    func testAPasteIntoANoteIsTheNoteAndNothingElse() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = sessionApp(scratch)
        app.type("3")  // City Council scores 3, hidden
        app.type("n")
        app.press(.paste("first line r2 then more words"))
        XCTAssertTrue(app.top is PromptScreen, "the form is still open")
        app.press(.enter)
        XCTAssertEqual(scratch.store.state.notes.map(\.text), ["first line r2 then more words"])
        XCTAssertFalse(scratch.store.state.revealed.contains(step2), "nothing pasted reveals the scores")
        XCTAssertEqual(scratch.store.state.scores[step2]?["la"]?.answer, .level(3), "nor scores a group")
    }

    func testAPasteOutsideAFieldChangesNothingAndSaysSo() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = sessionApp(scratch)
        let events = scratch.store.events.count
        app.press(.paste("r2"))
        XCTAssertTrue(app.top is ElementScreen)
        XCTAssertEqual(scratch.store.events.count, events, "nothing recorded")
        XCTAssertEqual(app.context.message, "Pasted text only goes into a text field; nothing was changed")
    }

    func testAFieldSaysWhatDidNotFit() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = sessionApp(scratch)
        app.type("n")
        app.press(.paste(String(repeating: "x", count: PromptScreen.limit + 500)))
        let form = try XCTUnwrap(app.top as? PromptScreen)
        XCTAssertEqual(form.fields[0].value.count, PromptScreen.limit, "the field keeps what fits")
        XCTAssertEqual(form.error, "Note holds at most \(PromptScreen.limit) characters: 500 were not added")
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("500 were not added"), "and says so on screen")
        app.type("y")
        XCTAssertEqual((app.top as? PromptScreen)?.error, "Note holds at most \(PromptScreen.limit) characters: the last one typed was not added")
    }

    func testOnAShortScreenTheFieldBeingTypedInStaysInView() {
        var app = App(root: PromptScreen("New session", fields: ["Title", "Place", "Groups", "Instruments", "Plan"].map {
            PromptScreen.Field($0, required: false)
        }) { _ in nil }, context: makeContext())
        for _ in 0..<4 { app.press(.enter) }
        app.type("zzz")
        let shown = app.render(size: Size(width: 40, height: 12))
        XCTAssertTrue(shown.contains("Plan"), shown.lines().joined(separator: "\n"))
        XCTAssertTrue(shown.contains("› zzz"), shown.lines().joined(separator: "\n"))
    }
}
