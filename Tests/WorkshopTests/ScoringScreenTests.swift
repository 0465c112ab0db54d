import Foundation
import Instruments
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

/// A session on tmpfs (fsync is free there) with a fixed clock, deleted after the test.
final class ScratchSession {
    let folder: URL
    let store: SessionStore

    init(groups: [Group], mode: SessionMode = .workshop, instruments: [String] = ["tool-a"]) throws {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        folder = base.appendingPathComponent("pit-workshop-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let start = Date(timeIntervalSince1970: 1_767_258_000)  // 2026-01-01 09:00 UTC
        nonisolated(unsafe) var tick = 0.0
        let clock: SessionClock = { tick += 60; return start.addingTimeInterval(tick) }
        store = try SessionStore.create(at: folder.appendingPathComponent("s.pit"),
                                        info: SessionInfo(title: "Northbridge workshop", place: "Northbridge", date: "2026-01-01",
                                                          facilitator: "Sam", instruments: instruments, mode: mode),
                                        groups: groups, author: "Sam", scales: [:], clock: clock)
    }

    deinit {
        store.close()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// An App on `scratch`'s session, as the screens see it: times in UTC, changes by Sam.
func appOn(_ scratch: ScratchSession, stack: [any Screen]) -> App {
    let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
    context.timeZone = TimeZone(identifier: "UTC")!
    context.session = SessionController(store: scratch.store, author: "Sam")
    return App(stack: stack, context: context)
}

let fourGroups = [
    Group(id: "la", name: "City Council", sector: .localAuthority, initials: "CC"),
    Group(id: "nhs", name: "NHS Trust", sector: .nhs, initials: "NHS"),
    Group(id: "vcse", name: "Voluntary Sector Forum", sector: .vcse, initials: "VSF"),
    Group(id: "res", name: "Residents' Panel", sector: .residents, initials: "RP"),
]

final class ScoringScreenTests: XCTestCase {
    func sessionApp(_ scratch: ScratchSession, catalogue: Catalogue = shippedCatalogue, root: any Screen) -> App {
        let context = WorkshopContext(catalogue: catalogue, themes: shippedThemes)
        context.timeZone = TimeZone(identifier: "UTC")!
        context.session = SessionController(store: scratch.store, author: "Sam")
        return App(root: root, context: context)
    }

    let step2 = ElementRef(instrument: "tool-a", element: "needs-assessment")

    func testScoresStayHiddenUntilTheRevealThenShowSpreadAndDivergence() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = sessionApp(scratch, root: ElementScreen(instrument: "tool-a", index: 1))
        app.type("2")          // City Council
        app.type("4")          // NHS Trust (selection moved on by itself)
        app.type("5")          // Voluntary Sector Forum
        for (w, h) in snapshotSizes {
            assertSnapshot(app.render(size: Size(width: w, height: h)), named: "scoring-hidden-\(w)x\(h)")
        }
        let hidden = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(hidden.contains("3 of 4 groups have scored"))
        XCTAssertFalse(hidden.contains("Emerging"), "a hidden score must not appear on screen")
        XCTAssertFalse(app.context.message?.contains("Embedded") ?? false, "nor in the status message")
        let summary = app.context.session!.summary(step2)
        XCTAssertEqual(summary.scores.map(\.group.id), ["la", "nhs", "vcse"])

        app.type("r")
        for (w, h) in snapshotSizes {
            assertSnapshot(app.render(size: Size(width: w, height: h)), named: "scoring-revealed-\(w)x\(h)")
        }
        let shown = app.render(size: Size(width: 120, height: 40))
        XCTAssertTrue(shown.contains("2  Emerging"))
        XCTAssertTrue(shown.contains("Median 4, range 2–5"))
        XCTAssertTrue(shown.contains("3 levels apart: discuss"))
    }

    func testAgreedLevelNotesActionsAndUndo() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = sessionApp(scratch, root: ElementScreen(instrument: "tool-a", index: 1))
        app.type("3333")
        app.type("r")
        app.type("a")
        XCTAssertTrue(app.top is PromptScreen)
        let form = app.render(size: Size(width: 80, height: 24))
        assertSnapshot(form, named: "agreed-prompt-80x24")
        XCTAssertTrue(form.contains("Median 3, all at 3"), "the spread stays in view while the reason is typed")
        XCTAssertFalse(form.lines().last!.contains("help"), "global keys are not offered while typing")
        app.press(.backspace)
        app.type("4")
        app.press(.enter)
        app.type("Everyone saw strong shared data")
        app.press(.enter)
        XCTAssertTrue(app.top is ElementScreen)
        let agreed = try XCTUnwrap(scratch.store.state.agreed[step2])
        XCTAssertEqual(agreed.answer, .level(4))
        XCTAssertEqual(agreed.rationale, "Everyone saw strong shared data")

        app.type("A")
        app.type("Share the dashboard"); app.press(.enter)
        app.type("NHS Trust"); app.press(.enter)
        app.type("31/12/2026"); app.press(.enter)
        XCTAssertTrue(app.top is PromptScreen, "a bad date is refused, the form stays open")
        for _ in 0..<10 { app.press(.backspace) }
        app.type("2026-12-31"); app.press(.enter)
        XCTAssertEqual(scratch.store.state.actions.map(\.what), ["Share the dashboard"])
        XCTAssertEqual(scratch.store.state.actions.first?.due, "2026-12-31")

        app.type("n")
        app.press(.escape)
        XCTAssertEqual(scratch.store.state.notes.count, 0, "Esc cancels without recording")

        assertSnapshot(app.render(size: Size(width: 120, height: 40)), named: "scoring-agreed-120x40")

        app.type("u")
        XCTAssertEqual(scratch.store.state.actions.count, 0, "undo removes the action")
        XCTAssertEqual(app.context.message, "Undone: an action on Tool A step 2, recorded by Sam")
        app.type("U")
        XCTAssertEqual(scratch.store.state.actions.count, 1, "redo brings it back")
        XCTAssertEqual(app.context.message, "Redone: an action on Tool A step 2, recorded by Sam")
    }

    func testAnUndoFromAnotherStepSaysWhichStepItChanged() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        try scratch.store.append(.agreedScoreRecorded(element: ElementRef(instrument: "tool-a", element: "leadership"),
                                                      answer: .level(3), rationale: "shared goal"), author: "Sam")
        var app = sessionApp(scratch, root: ElementScreen(instrument: "tool-a", index: 1))
        app.type("u")
        XCTAssertEqual(app.context.message, "Undone: the agreed level on Tool A step 1, recorded by Sam")
    }

    func testUndoLeavesAnotherTerminalsChangeAndSaysWhose() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = sessionApp(scratch, root: ElementScreen(instrument: "tool-a", index: 1))
        app.type("3")                                  // Sam scores City Council
        let scribe = try SessionStore.open(at: scratch.store.url, scales: [:])
        try scribe.append(.noteAdded(id: "n1", element: step2, text: "from the scribe"), author: "Kim")
        scribe.close()
        app.type("u")
        XCTAssertEqual(scratch.store.state.notes.map(\.text), ["from the scribe"], "Kim's note stays")
        XCTAssertNil(scratch.store.state.score(group: "la", element: step2), "Sam's own score is undone")
        XCTAssertEqual(app.context.message, "Undone: City Council's score on Tool A step 2, recorded by Sam")
        while scratch.store.canUndo(author: "Sam") { try scratch.store.undoLast(author: "Sam") }
        app.type("u")
        XCTAssertEqual(app.context.message, "Nothing of yours (Sam) to undo")
        XCTAssertEqual(scratch.store.state.notes.count, 1)
    }

    func testOpeningAStepFromTheListSelectsTheFirstGroupStillToScore() throws {
        // From the list the first group was selected whatever had been scored, and a digit
        // replaced City Council's hidden score.
        let scratch = try ScratchSession(groups: fourGroups)
        var app = appOn(scratch, stack: [ElementListScreen(instrument: "tool-a", selected: 1)])
        app.press(.enter)
        app.type("4")                         // City Council scores 4
        app.press(.escape)                    // back to the list
        app.press(.enter)                     // and into the step again
        app.type("2")
        let ref = ElementRef(instrument: "tool-a", element: "needs-assessment")
        XCTAssertEqual(scratch.store.state.scores[ref]?["la"]?.answer, .level(4), "Council's score stands")
        XCTAssertEqual(scratch.store.state.scores[ref]?["nhs"]?.answer, .level(2), "the next group still to score got the 2")
    }

    func testReopeningOnAStepSelectsTheFirstGroupStillToScore() throws {
        // `pit open` puts the screens back where they were; the first group was selected
        // whatever had been scored, and a digit replaced City Council's hidden score.
        let scratch = try ScratchSession(groups: fourGroups)
        let ref = ElementRef(instrument: "tool-a", element: "leadership")
        try scratch.store.append(.scoreRecorded(group: "la", element: ref, answer: .level(2), note: nil), author: "Sam")
        try scratch.store.append(.scoreRecorded(group: "nhs", element: ref, answer: .level(4), note: nil), author: "Sam")
        let place = SessionPlace(instrument: "tool-a", index: 0, view: .element)
        var app = appOn(scratch, stack: SessionController(store: scratch.store, author: "Sam").resumeScreens(catalogue: shippedCatalogue, place: place))
        XCTAssertTrue(app.top is ElementScreen)
        app.type("5")
        XCTAssertEqual(scratch.store.state.scores[ref]?["la"]?.answer, .level(2), "Council's score stands")
        XCTAssertEqual(scratch.store.state.scores[ref]?["vcse"]?.answer, .level(5), "the first group still to score got the 5")
    }

    func testLockedVotingRefusesScores() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = sessionApp(scratch, root: ElementScreen(instrument: "tool-a", index: 0))
        app.type("l")
        app.type("3")
        XCTAssertTrue(app.context.messageIsError)
        XCTAssertNil(scratch.store.state.scores[ElementRef(instrument: "tool-a", element: "leadership")])
    }

    func testSelfAssessmentShowsOneGroupAndPercentProgress() throws {
        let scratch = try ScratchSession(groups: [Group(id: "partner", name: "NHS Trust", sector: .nhs)], mode: .selfAssessment)
        var app = sessionApp(scratch, root: ElementListScreen(instrument: "tool-a"))
        app.press(.enter)
        let unscored = app.render(size: Size(width: 120, height: 40))
        XCTAssertTrue(unscored.contains("Press 1–5, d don't know, 0 n/a"), "every answer's key, don't know too")
        XCTAssertTrue(unscored.contains("you lack the evidence to judge"), "spoken to the partner, not to a group")
        app.type("i")
        let guidance = app.render(size: Size(width: 120, height: 40))
        XCTAssertTrue(guidance.contains("Evidence you could point to"), guidance.plainText)
        XCTAssertFalse(guidance.contains("For the facilitator"))
        app.type("i")
        app.type("4")          // moves on to step 2 by itself
        app.type("0")
        app.press(.escape)
        let list = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(list.contains("Tool A: 20% done (2/10)"))
        XCTAssertTrue(list.contains("4 Established"))
        app.press(.enter)
        let step = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(step.contains("Your level: 4 Established"))
        XCTAssertFalse(step.contains("reveal"), "no reveal step when assessing alone")
        for (w, h) in snapshotSizes {
            assertSnapshot(app.render(size: Size(width: w, height: h)), named: "self-assessment-\(w)x\(h)")
        }
    }

    func testASelfAssessmentOffersNoWorkshopKeys() throws {
        // Another group in a partner's file stopped `pit merge` taking it; a plan, an
        // audience and a live room have no place in an assessment made alone.
        let scratch = try ScratchSession(groups: [Group(id: "partner", name: "NHS Trust", sector: .nhs)], mode: .selfAssessment)
        var app = sessionApp(scratch, root: ElementListScreen(instrument: "tool-a"))
        app.context.liveRoom = FakeRoomLink(groups: [])
        app.type("?")
        let help = app.render(size: Size(width: 120, height: 40))
        for words in ["the groups in the room", "the plan (agenda)", "audience view on/off", "live room"] {
            XCTAssertFalse(help.contains(words), words)
        }
        XCTAssertTrue(help.contains("the matrices"), "the session's other keys stay")
        app.press(.escape)
        for key in ["g", "o", "P", "J"] {
            app.type(key)
            XCTAssertTrue(app.top is ElementListScreen, key)
            XCTAssertFalse(app.presenting, key)
        }
        XCTAssertEqual((app.context.liveRoom as? FakeRoomLink)?.isOpen, false)
    }

    func testGroupsCanBeAddedRenamedAndRemoved() throws {
        let scratch = try ScratchSession(groups: Array(fourGroups.prefix(2)))
        var app = sessionApp(scratch, root: GroupsScreen())
        app.type("a")
        app.type("Fire and Rescue"); app.press(.enter)
        app.press(.backspace); app.type("1"); app.press(.enter)
        XCTAssertEqual(scratch.store.state.groups.map(\.name), ["City Council", "NHS Trust", "Fire and Rescue"])
        XCTAssertEqual(scratch.store.state.groups.last?.sector, .localAuthority)
        app.press(.down)
        app.press(.enter)
        for _ in 0..<9 { app.press(.backspace) }
        app.type("Integrated Care Board"); app.press(.enter)
        XCTAssertEqual(scratch.store.state.groups[1].name, "Integrated Care Board")
        app.type("d")
        app.type("n")
        XCTAssertEqual(scratch.store.state.groups.count, 3, "anything but y keeps the group")
        app.type("d")
        app.type("y")
        XCTAssertEqual(scratch.store.state.groups.map(\.name), ["City Council", "Fire and Rescue"])
        for (w, h) in snapshotSizes {
            assertSnapshot(app.render(size: Size(width: w, height: h)), named: "groups-\(w)x\(h)")
        }
    }

    func testProgressShowsOnTheTriangleAndTheStepList() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = sessionApp(scratch, root: TriangleScreen())
        app.type("p")
        app.press(.enter)
        app.type("3344")
        app.type("r")
        app.press(.escape)
        let list = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(list.contains("Tool A: 1/10 scored, 0 agreed"))
        XCTAssertTrue(list.contains("median 3.5, range 3–4"))
        app.press(.escape)
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("Tool A: 1/10 scored, 0 agreed"))
    }

    func testAUserWrittenInstrumentScoresLikeToolA() throws {
        let fixtures = repositoryRoot.appendingPathComponent("Tests/InstrumentsTests/Fixtures")
        let catalogue = try Catalogue.load(shipped: repositoryRoot.appendingPathComponent("Assessments"), extra: [fixtures])
        let scratch = try ScratchSession(groups: fourGroups, instruments: ["walkability"])
        var app = sessionApp(scratch, catalogue: catalogue, root: ComponentScreen(component: .civic))
        app.type("2")   // the civic segment lists the shipped civic levers, then the user's instrument
        XCTAssertEqual((app.top as? ElementListScreen)?.instrumentID, "walkability")
        app.press(.enter)
        app.type("3")
        app.type("4")   // not on this three-level scale
        XCTAssertTrue(app.context.messageIsError)
        app.type("0")   // this scale has no n/a
        XCTAssertTrue(app.context.messageIsError)
        let ref = ElementRef(instrument: "walkability", element: "routes")
        XCTAssertEqual(scratch.store.state.scores[ref]?["la"]?.answer, .level(3))
        XCTAssertEqual(scratch.store.state.scores[ref]?.count, 1)
    }

    func testTypingReplacesASuggestedValueAndAChangedLevelKeepsItsReason() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = sessionApp(scratch, root: GroupsScreen())
        app.type("a")
        app.type("Fire and Rescue"); app.press(.enter)
        app.type("5")                      // the sector field suggests 5; typing 5 gives 5, not 55
        XCTAssertEqual((app.top as? PromptScreen)?.fields[1].value, "5")
        app.press(.enter)
        XCTAssertEqual(scratch.store.state.groups.last?.sector, .other)

        app = sessionApp(scratch, root: ElementScreen(instrument: "tool-a", index: 1))
        app.type("3333r")
        app.type("a")
        app.type("2")                      // replaces the suggested 3
        XCTAssertEqual((app.top as? PromptScreen)?.fields[0].value, "2")
        app.press(.enter)
        app.type("Little shared data yet"); app.press(.enter)
        XCTAssertEqual(scratch.store.state.agreed[step2]?.answer, .level(2))
        app.type("a")
        app.type("3"); app.press(.enter)
        XCTAssertEqual((app.top as? PromptScreen)?.fields[1].value, "Little shared data yet", "the earlier reason is offered again")
        app.press(.enter)
        let agreed = try XCTUnwrap(scratch.store.state.agreed[step2])
        XCTAssertEqual(agreed.answer, .level(3))
        XCTAssertEqual(agreed.rationale, "Little shared data yet")
    }
}

final class SmallScreenScoringTests: XCTestCase {
    func testTheSelectedGroupStaysInViewOnASmallScreen() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: ElementScreen(instrument: "tool-a", index: 0), context: context)
        app.type("333")   // the fourth group is now selected
        let canvas = app.render(size: Size(width: 40, height: 12))
        XCTAssertTrue(canvas.contains("Residents"), canvas.plainText)
        let cursor = try XCTUnwrap(canvas.cursor)
        XCTAssertTrue(canvas.lines()[cursor.y].contains("Residents"))
    }
}

final class FormTests: XCTestCase {
    func testEachFieldIsCheckedWhenLeftAndNothingIsRecordedUntilSaved() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: ElementScreen(instrument: "tool-a", index: 0), context: context)
        app.type("a")
        app.type("7")                      // after the suggested level: "7" is not on the scale
        app.press(.backspace, .backspace)
        app.type("9")
        app.press(.enter)
        let form = try XCTUnwrap(app.top as? PromptScreen)
        XCTAssertEqual(form.current, 0, "a level off the scale keeps the cursor in the field")
        XCTAssertNotNil(form.error)
        app.press(.backspace)
        app.type("4")
        app.press(.enter)
        XCTAssertEqual((app.top as? PromptScreen)?.current, 1)
        XCTAssertNil(scratch.store.state.agreed[ElementRef(instrument: "tool-a", element: "leadership")], "nothing saved before the last Enter")
        app.type("Clear evidence from all partners")
        app.press(.enter)
        XCTAssertEqual(scratch.store.state.agreed[ElementRef(instrument: "tool-a", element: "leadership")]?.answer, .level(4))
    }
}

final class AsciiTerminalTests: XCTestCase {
    /// On a terminal whose locale is not UTF-8 every screen must be plain ASCII.
    func testEveryScreenIsAsciiOnlyWhenTheLocaleIsNotUTF8() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: HomeScreen(), context: context)
        let screens: [[Key]] = [[], [.enter], [.enter, .enter], [.char("p")], [.char("p"), .enter],
                                [.char("p"), .enter, .char("3"), .char("4"), .char("r")], [.char("m")],
                                [.char("m"), .tab], [.char("m"), .tab, .tab], [.char("m"), .tab, .tab, .tab], [.char("g")], [.char("?")]]
        for keys in screens {
            app = App(root: HomeScreen(), context: context)
            app.press(.enter)   // the triangle
            for key in keys { app.press(key) }
            for (w, h) in snapshotSizes {
                let canvas = app.render(size: Size(width: w, height: h), glyphs: .ascii)
                let bad = canvas.cells.filter { !$0.grapheme.isASCII }.map { String($0.grapheme) }
                XCTAssertEqual(bad, [], "\(keys) at \(w)x\(h)")
            }
        }
    }
}

final class BigViewTests: XCTestCase {
    func testBigDigitsShowOnlyTheCountBeforeTheRevealAndEachLevelAfter() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.timeZone = TimeZone(identifier: "UTC")!
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: ElementScreen(instrument: "tool-a", index: 1), context: context)
        app.type("254b")
        let hidden = app.render(size: Size(width: 80, height: 24))
        assertSnapshot(hidden, named: "big-view-hidden-80x24")
        XCTAssertTrue(hidden.contains("groups have scored"))
        XCTAssertFalse(hidden.contains("Emerging"))
        app.type("r")
        for (w, h) in [(80, 24), (120, 40)] {
            assertSnapshot(app.render(size: Size(width: w, height: h)), named: "big-view-revealed-\(w)x\(h)")
        }
        let shown = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(shown.contains("Median 4, range 2–5"))
        XCTAssertTrue(shown.contains("3 levels apart: discuss"))
        app.press(.right)
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("groups have scored"), "the big view stays on for the next step")
        app.type("b")
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("What good looks like"))
    }
}
