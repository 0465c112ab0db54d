import Foundation
import Instruments
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

/// What a new user and a partner found on the screens: cut text, progress, digits, resuming.
final class ScreenFixesTests: XCTestCase {
    func app(_ scratch: ScratchSession, stack: [any Screen]) -> App {
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.timeZone = TimeZone(identifier: "UTC")!
        context.session = SessionController(store: scratch.store, author: "Sam")
        return App(stack: stack, context: context)
    }

    func testStepHelpListsEachKeyOnceWithMAndGAndCutsNoWord() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = app(scratch, stack: [ElementScreen(instrument: "tool-a", index: 1)])
        app.type("?")
        let help = app.render(size: Size(width: 80, height: 24))
        XCTAssertEqual(help.lines().filter { $0.contains("← →") }.count, 1, "← → once")
        XCTAssertTrue(help.lines().contains { $0.contains(" m ") && $0.contains("the matrices") }, "m is listed")
        XCTAssertTrue(help.lines().contains { $0.contains(" g ") && $0.contains("the groups in the") }, "g is listed")
        XCTAssertTrue(help.contains("transcript"), "a long action wraps instead of being cut")
        XCTAssertFalse(help.contains("more keys"), "every key fits at 80x24")
    }

    func testALongMessageWrapsAboveTheStatusBar() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let app = app(scratch, stack: [ElementScreen(instrument: "tool-a", index: 1)])
        app.context.say("Could not write /a/rather/long/folder/for/reports/northbridge-workshop-report.html: the folder does not exist; choose another", error: true)
        let screen = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(screen.contains("choose another"), "the end of the message is on screen")
        XCTAssertTrue(screen.lines()[23].contains("choose another"), "the last line of it sits in the status bar")
    }

    func testRecentSessionsAreNotCutMidWord() {
        let context = makeContext()
        context.sessionActions = { _ in .stay }
        context.recentSessions = ["/home/facilitator/workshops/2026/northbridge/healthier-northbridge-march.pit"]
        let app = App(root: HomeScreen(), context: context)
        let screen = app.render(size: Size(width: 80, height: 24))
        let line = try? XCTUnwrap(screen.lines().first { $0.contains("healthier-northbridge") })
        XCTAssertTrue(line?.contains("healthier-northbridge-march.pit") ?? false, "the path is whole")
        XCTAssertFalse(line?.contains("recent sessi…") ?? true)
        XCTAssertFalse(line?.contains("…") ?? true, "nothing on the line is cut")
    }

    func testAnErrorInAFormWrapsInsteadOfBeingCut() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let existing = scratch.folder.appendingPathComponent("an-existing-report-with-a-fairly-long-name-for-the-transcript-m.md")
        try Data().write(to: existing)
        var app = app(scratch, stack: [MatrixScreen()])
        app.type("e")
        XCTAssertTrue(app.top is PromptScreen)
        app.type("md"); app.press(.enter)
        app.type(existing.path); app.press(.enter)
        let form = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(app.top is PromptScreen, "the form stays open")
        XCTAssertTrue(form.contains("choose another name"), "the end of the error is shown:\n\(form.lines().joined(separator: "\n"))")
    }

    func testProgressCountsAnElementScoredOnlyWhenEveryGroupHasScoredIt() throws {
        let scratch = try ScratchSession(groups: fourGroups + [Group(id: "fire", name: "Fire and Rescue", sector: .other, initials: "FR")])
        var app = app(scratch, stack: [ElementScreen(instrument: "tool-a", index: 0)])
        app.type("3")
        let session = try XCTUnwrap(app.context.session)
        let toolA = try XCTUnwrap(shippedCatalogue.instrument("tool-a"))
        XCTAssertEqual(session.progressText(toolA), "Tool A: 0/10 scored, 1 partly, 0 agreed")
        app.type("3333")
        XCTAssertEqual(session.progressText(toolA), "Tool A: 1/10 scored, 0 agreed")
    }

    func testDigitsReachElementsTenAndAbove() throws {
        var app = App(root: ElementListScreen(instrument: "tool-a"), context: makeContext())
        app.type("10")
        XCTAssertEqual((app.top as? ElementScreen)?.index, 9, "1 then 0 opens step 10")
        app.press(.escape)
        app.type("1")
        XCTAssertTrue(app.top is ElementListScreen, "1 waits: it may become 10")
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("Enter opens 1"))
        app.press(.enter)
        XCTAssertEqual((app.top as? ElementScreen)?.index, 0)
        app.press(.escape)
        app.type("3")
        XCTAssertEqual((app.top as? ElementScreen)?.index, 2, "3 cannot become another step's number: it opens at once")
        app.press(.escape)
        app.type("17")
        XCTAssertEqual((app.top as? ElementScreen)?.index, 6, "1 then 7 (no step 17) opens step 7")
    }

    func testAPartnerAssessesTwoInstrumentsAndResumesWhereTheyLeftOff() throws {
        let scratch = try ScratchSession(groups: [Group(id: "partner", name: "NHS Trust", sector: .nhs)], mode: .selfAssessment,
                                         instruments: ["tool-a", "tool-b"])
        let controller = SessionController(store: scratch.store, author: "NHS Trust")
        var app = app(scratch, stack: controller.resumeScreens(catalogue: shippedCatalogue))
        XCTAssertTrue(app.top is AssessmentScreen, "several instruments: the partner chooses one")
        let list = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(list.contains("Tool A: 0% done (0/10)"))
        XCTAssertTrue(list.contains("Tool B: 0% done (0/9)"))
        for (w, h) in snapshotSizes {
            assertSnapshot(app.render(size: Size(width: w, height: h)), named: "assessment-start-\(w)x\(h)")
        }
        app.press(.down, .enter)
        XCTAssertEqual((app.top as? ElementListScreen)?.instrumentID, "tool-b")
        app.press(.enter)
        app.type("3")
        XCTAssertEqual((app.top as? ElementScreen)?.index, 1, "after a score the next element")
        app.type("4")

        // Reopened: the first element still to answer, with the way back to the lists.
        let reopened = SessionController(store: scratch.store, author: "NHS Trust").resumeScreens(catalogue: shippedCatalogue)
        XCTAssertEqual(reopened.count, 3)
        let top = try XCTUnwrap(reopened.last as? ElementScreen)
        XCTAssertEqual(top.instrumentID, "tool-a", "Tool A is the first with an unanswered element")
        XCTAssertEqual(top.index, 0)

        app = self.app(scratch, stack: reopened)
        for _ in 0..<10 { app.type("4") }
        XCTAssertTrue(app.context.message?.contains("Tool A is done") ?? false, app.context.message ?? "")
        app.press(.escape, .escape)
        XCTAssertTrue(app.top is AssessmentScreen)
        app.press(.down, .enter, .enter)
        for _ in 0..<9 { app.type("2") }
        let message = try XCTUnwrap(app.context.message)
        XCTAssertTrue(message.contains("100% done"), message)
        XCTAssertTrue(message.contains(scratch.store.path), "names the file to send")
        let done = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(done.contains("facilitator."), "the whole message is readable")
    }

    func testReopeningASessionReturnsToTheLastElementOpen() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let controller = SessionController(store: scratch.store, author: "Sam")
        var app = app(scratch, stack: controller.resumeScreens(catalogue: shippedCatalogue, place: nil))
        XCTAssertTrue(app.top is TriangleScreen, "a workshop with no place opens on the triangle")
        app.type("p")                      // Tool A's step list
        app.type("2")                      // step 2
        app.press(.right, .right)          // step 4
        app.press(.escape, .escape, .escape)
        XCTAssertTrue(app.top is TriangleScreen)
        let place = try XCTUnwrap(app.lastPlace)
        XCTAssertEqual(place, SessionPlace(instrument: "tool-a", index: 3, view: .element), "the element, not the list's older selection")

        let reopened = controller.resumeScreens(catalogue: shippedCatalogue, place: place)
        XCTAssertEqual(reopened.count, 3)
        app = self.app(scratch, stack: reopened)
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("Step 4 of 10"))
        app.press(.escape)
        XCTAssertEqual((app.top as? ElementListScreen)?.selected, 3, "back leads to the list with that step selected")
        app.press(.escape)
        XCTAssertTrue(app.top is TriangleScreen)

        let gone = SessionPlace(instrument: "tool-b", index: 0, view: .element)
        XCTAssertEqual(controller.resumeScreens(catalogue: shippedCatalogue, place: gone).count, 1,
                       "a place in an instrument the session does not use is ignored")
    }

    func testProgressMarksLineUpAcrossSectionsOfDifferentNames() throws {
        let scratch = try ScratchSession(groups: fourGroups, instruments: ["pots"])
        let pots = try XCTUnwrap(shippedCatalogue.instrument("pots"))
        for element in pots.elements.prefix(8) {
            try scratch.store.append(.scoreRecorded(group: "la", element: ElementRef(instrument: "pots", element: element.id),
                                                    answer: .level(3), note: nil), author: "Sam")
        }
        let app = app(scratch, stack: [ElementListScreen(instrument: "pots")])
        let lines = app.render(size: Size(width: 120, height: 40)).lines()
        let columns = lines.compactMap { line -> Int? in
            guard let dot = line.firstIndex(where: { $0 == "●" || $0 == "○" }) else { return nil }
            return line.distance(from: line.startIndex, to: dot)
        }
        XCTAssertGreaterThan(columns.count, 8)
        XCTAssertEqual(Set(columns).count, 1, "the dots start in one column: \(columns)")
    }

    func testNotesAndActionsOnAStepCanBeEditedAndDeletedAndShowNearTheTop() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        // A scribe at a second terminal writes a note and an action on step 2.
        let step2 = ElementRef(instrument: "tool-a", element: "needs-assessment")
        try scratch.store.append(.noteAdded(id: "n1", element: step2, text: "Residents want the raw data"), author: "Scribe")
        try scratch.store.append(.actionAdded(id: "a1", element: step2, what: "Publish the data", owner: "Council", due: nil),
                                 author: "Scribe")
        var app = app(scratch, stack: [ElementScreen(instrument: "tool-a", index: 1)])
        let step = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(step.contains("Residents want the raw data"), "the scribe's note is readable without scrolling")
        XCTAssertTrue(step.contains("Publish the data (Council)"))

        app.type("e")
        XCTAssertTrue(app.top is RecordedScreen)
        for (w, h) in snapshotSizes {
            assertSnapshot(app.render(size: Size(width: w, height: h)), named: "recorded-\(w)x\(h)")
        }
        app.press(.enter)                                  // edit the note: typing replaces it
        app.type("Residents want the raw data, monthly"); app.press(.enter)
        XCTAssertEqual(scratch.store.state.note(id: "n1")?.text, "Residents want the raw data, monthly")
        app.press(.down, .enter)                           // the action: change only its owner
        app.press(.enter)
        app.type("NHS Trust"); app.press(.enter)
        app.type("2026-06-30"); app.press(.enter)
        let action = try XCTUnwrap(scratch.store.state.action(id: "a1"))
        XCTAssertEqual([action.what, action.owner, action.due ?? ""], ["Publish the data", "NHS Trust", "2026-06-30"])
        app.type("d")
        app.type("n")
        XCTAssertNotNil(scratch.store.state.action(id: "a1"), "anything but y keeps it")
        app.type("d")
        app.type("y")
        XCTAssertNil(scratch.store.state.action(id: "a1"))
        app.type("u")
        XCTAssertNotNil(scratch.store.state.action(id: "a1"), "undo brings it back")
        XCTAssertEqual(scratch.store.events.filter { $0.payload.kind == "actionDeleted" }.count, 1, "the deletion stays in the log")
    }
}
