import Foundation
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

/// What the forms refuse: a day that is not in the calendar, a group name already taken.
final class FormChecksTests: XCTestCase {
    func testADueDateIsADayOfTheCalendar() {
        for good in ["2026-12-31", "2026-02-28", "2028-02-29", "2000-02-29", "2026-04-30"] {
            XCTAssertNil(ElementScreen.dateProblem(good), good)
        }
        for bad in ["2026-02-29", "2100-02-29", "2026-04-31", "2026-02-30", "2026-01-00"] {
            XCTAssertEqual(ElementScreen.dateProblem(bad)?.hasPrefix("\(bad) is not a day of the calendar"), true, bad)
        }
        for malformed in ["2026-1-5", "2026-13-01", "2026-00-10", "31/12/2026", "2026-+1-01", "26-01-01", "2026-01-01x"] {
            XCTAssertEqual(ElementScreen.dateProblem(malformed), "Due must be a date like 2026-12-31, or left empty", malformed)
        }
    }

    func testADoneActionIsTickedOnTheStepAsInTheMatrix() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let step2 = ElementRef(instrument: "tool-a", element: "needs-assessment")
        try scratch.store.append(.actionAdded(id: "a1", element: step2, what: "Share the dashboard", owner: "NHS", due: nil), author: "Sam")
        try scratch.store.append(.actionDone(id: "a1"), author: "Sam")
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        let app = App(stack: [ElementScreen(instrument: "tool-a", index: 1)], context: context)
        XCTAssertTrue(app.render(size: Size(width: 120, height: 40)).contains("[✓] Share the dashboard"))
        XCTAssertTrue(app.render(size: Size(width: 120, height: 40), glyphs: .ascii).contains("[v] Share the dashboard"))
    }

    func testARenameCannotTakeAnotherGroupsName() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(stack: [GroupsScreen()], context: context)
        app.press(.down, .down, .down)        // Residents' Panel
        app.press(.enter, .ctrl("u"))
        app.type("nhs trust"); app.press(.enter)
        XCTAssertEqual((app.top as? PromptScreen)?.error, "There is already a group called nhs trust")
        XCTAssertEqual(scratch.store.state.groups.map(\.name).filter { $0 == "NHS Trust" }.count, 1)
        app.press(.ctrl("u")); app.type("RESIDENTS' PANEL"); app.press(.enter)
        XCTAssertTrue(app.top is GroupsScreen, "a group may change the case of its own name")
        XCTAssertEqual(scratch.store.state.groups.last?.name, "RESIDENTS' PANEL")
    }
}

/// A change refused for what it says (a note another terminal deleted) is said in words,
/// and leaves no NOT SAVED in the corner: the file is fine and there is nothing to retry.
final class RefusedChangeTests: XCTestCase {
    func testEditingANoteAnotherTerminalDeletedSaysSoAndLeavesNoNotSaved() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let step2 = ElementRef(instrument: "tool-a", element: "needs-assessment")
        try scratch.store.append(.noteAdded(id: "n1", element: step2, text: "pooled data"), author: "Sam")
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        let scribe = SessionController(store: try SessionStore.open(at: scratch.store.url, scales: [:]), author: "Kim")
        context.session = scribe
        let app = App(stack: [ElementScreen(instrument: "tool-a", index: 1)], context: context)
        try scratch.store.append(.noteDeleted(id: "n1"), author: "Sam")   // the facilitator deletes it
        XCTAssertFalse(scribe.record(.noteEdited(id: "n1", text: "pooled data, and more")))
        XCTAssertEqual(scribe.lastFailure, "that note (n1) is no longer in the session; another terminal may have deleted it")
        XCTAssertFalse(app.render(size: Size(width: 80, height: 24)).lines().last!.contains("NOT SAVED"))
        XCTAssertNil(scribe.retry(), "nothing to try again")
    }
}
