import Foundation
import Instruments
import Reports
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

/// A plan from a file, reordered on screen, drives the order of the elements.
final class PlanTests: XCTestCase {
    func shippedPlan(_ name: String) throws -> SessionPlan {
        let url = repositoryRoot.appendingPathComponent("Plans/\(name).yaml")
        let (template, problems) = PlanParser.parse(try String(contentsOf: url, encoding: .utf8), file: url.path, name: name,
                                                    catalogue: shippedCatalogue)
        XCTAssertEqual(problems, [])
        let t = try XCTUnwrap(template)
        return SessionPlan(name: t.name, title: t.title, items: t.items.map { .init(instrument: $0.instrument, elements: $0.elements, minutes: $0.minutes) })
    }

    func testEveryShippedPlanLoads() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Plans").path)
            .filter { $0.hasSuffix(".yaml") }
        XCTAssertGreaterThanOrEqual(names.count, 2)
        for name in names { XCTAssertFalse(try shippedPlan(String(name.dropLast(5))).items.isEmpty) }
    }

    func testMistakesNameTheLine() {
        let text = "schema: 1\ntitle: T\nitems:\n  - instrument: tool-z\n    minutes: 5\n  - instrument: tool-a\n    elements: [nope]\n    minutes: 10\n"
        let (plan, problems) = PlanParser.parse(text, file: "p.yaml", name: "p", catalogue: shippedCatalogue)
        XCTAssertNil(plan)
        XCTAssertEqual(problems.map(\.line), [4, 7])
        XCTAssertTrue(problems[0].message.contains("tool-z"))
        XCTAssertTrue(problems[1].message.contains("nope"))
    }

    func testReorderedPlanDrivesTheOrderAndTheCountdown() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        try scratch.store.append(.planSet(try shippedPlan("tool-a-90")), author: "Sam")
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.timeZone = TimeZone(identifier: "UTC")!
        let t0 = Date(timeIntervalSince1970: 1_767_258_000)
        context.now = { t0 }
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: TriangleScreen(), context: context)
        app.press(.char("o"))
        var screen = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(screen.contains("Tool A in 90 minutes"))
        XCTAssertTrue(screen.contains("1. Tool A: steps 1–5"))
        XCTAssertTrue(screen.contains("Planned 90 min · used 0 min · on time"))
        app.press(.char("]"))                 // the second half first
        app.press(.up, .char("-"), .char("-")) // and ten minutes less for it
        screen = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(screen.contains("1. Tool A: steps 6–10"), screen.plainText)
        XCTAssertTrue(screen.contains("Planned 80 min"))
        assertSnapshot(screen, named: "plan-80x24")
        XCTAssertEqual(scratch.store.state.plan?.items.first?.elements?.first, "targets")

        app.press(.enter)
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("Setting targets"))
        XCTAssertTrue(app.render(size: Size(width: 120, height: 40)).contains("About 6 minutes in this session's plan (10 in a full run)"),
                      "the plan's share, not only the guidance's full-run minutes")
        app.type("T")
        XCTAssertEqual(context.session?.timer?.remaining(at: t0), 6 * 60, "30 minutes over five steps")
        app.press(.right, .right, .right, .right)
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("Built-in evaluation"))
        app.press(.right)                     // the item's end: on to the next item
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("Leadership in place"))
        XCTAssertEqual(app.roomFocus?.planPosition, 1)

        // The record carries every version of the plan.
        let json = String(decoding: try SessionJSON.render(state: scratch.store.state, events: scratch.store.events,
                                                          catalogue: shippedCatalogue), as: UTF8.self)
        XCTAssertEqual(json.components(separatedBy: "\"planSet\"").count - 1, 4, "set, moved, retimed twice")
        let transcript = Transcript.make(events: scratch.store.events, catalogue: shippedCatalogue)
        XCTAssertTrue(transcript.entries.contains { $0.text.contains("set the plan") && $0.text.contains("(80 minutes)") })
    }
}

final class InstrumentNotInSessionTests: XCTestCase {
    func testAToolNotInTheSessionSaysSoAndCapitalIOffersIt() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: ElementScreen(instrument: "tool-c", index: 0), context: context)
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("Tool C is not in this session: I then Enter adds it"))
        let events = scratch.store.events.count
        app.type("3")
        XCTAssertEqual(scratch.store.events.count, events)
        XCTAssertEqual(app.context.message, "Tool C is not in this session: I then Enter adds it", "the digit is answered")
        // i is left to the step's own keys: it adds nothing.
        app.type("i")
        XCTAssertEqual(scratch.store.state.info.instruments, ["tool-a"])
        app.type("?")
        let help = app.render(size: Size(width: 80, height: 24))
        XCTAssertEqual(help.lines().filter { $0.contains("│ I ") }.count, 1, "I is listed once, with this screen's words")
        XCTAssertTrue(help.contains("add this tool to the session"))
        app.type("?")
        app.type("I")
        let offer = try XCTUnwrap(app.top as? SessionInstrumentsScreen, "I opens the session's instruments")
        XCTAssertEqual(shippedCatalogue.instruments[offer.selected].id, "tool-c", "with Tool C chosen")
        XCTAssertEqual(app.context.message, "Enter adds Tool C to the session")
        XCTAssertEqual(scratch.store.events.count, events, "nothing is added before Enter")
        app.press(.enter)
        XCTAssertEqual(scratch.store.state.info.instruments, ["tool-a", "tool-c"])
        XCTAssertTrue(app.top is ElementScreen, "adding it goes back to the element")
        XCTAssertEqual(app.context.message, "Added Tool C to the session: its elements can be scored")
        app.type("3")
        XCTAssertEqual(scratch.store.state.scores.count, 1, "now it scores")
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("Scores (hidden)"))
    }
}

final class SecondRoundTests: XCTestCase {
    func testASecondRoundHidesTheScoresKeepsTheFirstAndShowsWhoMoved() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.timeZone = TimeZone(identifier: "UTC")!
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: ElementScreen(instrument: "tool-a", index: 1), context: context)
        let ref = ElementRef(instrument: "tool-a", element: "needs-assessment")
        app.type("R")
        XCTAssertEqual(app.context.message, "No group has scored this yet: a new round follows a first one")
        app.type("1533")
        app.type("R")                             // before the reveal: nobody has seen this round
        XCTAssertEqual(app.context.message, "Reveal this round first (r): a new round follows its discussion")
        XCTAssertEqual(scratch.store.state.round(of: ref), 1)
        app.type("r")
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("4 levels apart"))
        app.type("R")
        var screen = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(screen.contains("Scores, round 2 (hidden)"), screen.plainText)
        XCTAssertTrue(screen.contains("0 of 4 groups have scored"))
        XCTAssertFalse(screen.contains("Not evident"), "the new round starts hidden")
        app.type("3443r")
        screen = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(screen.contains("Round 2 · moved: CC 1 → 3, NHS 5 → 4, VSF 3 → 4"), screen.plainText)
        assertSnapshot(screen, named: "second-round-80x24")
        XCTAssertEqual(scratch.store.state.previousRounds[ref]?.first?["la"]?.answer, .level(1), "the first round is kept")
        XCTAssertEqual(scratch.store.state.scores[ref]?["la"]?.answer, .level(3), "matrices use the latest round")

        let json = String(decoding: try SessionJSON.render(state: scratch.store.state, events: scratch.store.events,
                                                           catalogue: shippedCatalogue), as: UTF8.self)
        XCTAssertTrue(json.contains("\"roundStarted\""))
        XCTAssertEqual(json.components(separatedBy: "\"scoreRecorded\"").count - 1, 8, "both rounds' scores")
        let transcript = Transcript.make(events: scratch.store.events, catalogue: shippedCatalogue)
        XCTAssertTrue(transcript.entries.contains { $0.text.contains("opened a new round of scoring on") })

        // The matrices show the latest round, and the first on request.
        app.press(.char("m"), .char("2"))
        let latest = app.render(size: Size(width: 80, height: 24)).lines().dropLast()
        app.type("f")
        XCTAssertEqual(app.context.message, "Showing each element's first round")
        let firstRound = app.render(size: Size(width: 80, height: 24)).lines().dropLast()
        XCTAssertNotEqual(latest, firstRound)
        XCTAssertTrue(firstRound.contains { $0.contains("First round: each element as first scored") }, "said for as long as it holds")
        app.context.message = nil
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("First round:"), "also once the message has gone")
        XCTAssertEqual(scratch.store.state.firstRound.scores[ref]?["la"]?.answer, .level(1))
        app.type("f")
        XCTAssertEqual(app.render(size: Size(width: 80, height: 24)).lines().dropLast(), latest, "and back (the status line aside)")
        app.press(.char("q"))

        app.type("u")
        app.type("u"); app.type("u"); app.type("u"); app.type("u"); app.type("u")   // back past the new round
        XCTAssertEqual(scratch.store.state.round(of: ref), 1)
        XCTAssertEqual(scratch.store.state.scores[ref]?["la"]?.answer, .level(1), "undo brings the first round back")
    }
}

final class SessionInstrumentsScreenTests: XCTestCase {
    func testAddAndTakeOutAToolFromTheScreen() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: TriangleScreen(), context: context)
        app.press(.char("I"))
        let toolC = shippedCatalogue.instruments.firstIndex { $0.id == "tool-c" }!
        let toolA = shippedCatalogue.instruments.firstIndex { $0.id == "tool-a" }!
        for _ in 0..<toolC { app.press(.down) }
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("○ not in Tool C"))
        // The names line up, and at 40x12 the list scrolls to the selection and cuts with an ellipsis.
        let small = app.render(size: Size(width: 40, height: 12))
        XCTAssertTrue(small.lines().contains { $0.contains("→ ○ not in Tool C") })
        app.press(.enter)
        XCTAssertEqual(scratch.store.state.info.instruments, ["tool-a", "tool-c"])
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("● in     Tool C"))
        for _ in 0..<toolC { app.press(.up) }
        for _ in 0..<toolA { app.press(.down) }
        app.press(.enter)
        XCTAssertEqual(scratch.store.state.info.instruments, ["tool-a", "tool-c"], "one Enter only asks")
        app.press(.enter)
        XCTAssertEqual(scratch.store.state.info.instruments, ["tool-c"])
        for _ in 0..<toolA { app.press(.up) }
        for _ in 0..<toolC { app.press(.down) }
        app.press(.enter)
        XCTAssertEqual(app.context.message, "Tool C is the session's only instrument; add another first")
        XCTAssertEqual(scratch.store.state.info.instruments, ["tool-c"])
    }
}

final class PlanProgressTests: XCTestCase {
    /// Time used comes from the record: the scratch session's clock moves a minute per change.
    func testWithNoPlanTheScreenSaysHowToMakeOneAndOffersNoPlanKeys() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        let app = App(stack: [PlanScreen()], context: context)
        let shown = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(shown.contains("Plans folder)."), "the whole message:\n\(shown.lines().joined(separator: "\n"))")
        XCTAssertFalse(shown.lines().last!.contains("skip"), "no plan keys in the status line")
    }

    func testRetimingRecordsOnlyAChange() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let plan = SessionPlan(name: "p", title: "P", items: [
            .init(instrument: "tool-a", elements: ["leadership"], minutes: 5),
            .init(instrument: "tool-a", elements: ["priorities"], minutes: 2),
        ])
        try scratch.store.append(.planSet(plan), author: "Sam")
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(stack: [PlanScreen()], context: context)
        let events = scratch.store.events.count
        app.type("-")                                  // already 5 minutes
        XCTAssertEqual(app.context.message, "- takes an item down to 5 minutes, no further")
        app.press(.down); app.type("-")                // 2 minutes: not raised to 5
        XCTAssertEqual(scratch.store.events.count, events, "nothing recorded")
        XCTAssertEqual(scratch.store.state.plan?.items.map(\.minutes), [5, 2])
        app.type("s"); app.type("+")                   // skipped: its time counts for nothing
        XCTAssertEqual(app.context.message, "This item is skipped; s keeps it, then + and - change its time")
        XCTAssertEqual(scratch.store.events.count, events + 1, "the skip alone")
        app.type("s"); app.type("+")
        XCTAssertEqual(scratch.store.state.plan?.items.map(\.minutes), [5, 7])
        app.type("u")                                  // undo and redo work here as on a step
        XCTAssertEqual(scratch.store.state.plan?.items.map(\.minutes), [5, 2])
        XCTAssertEqual(app.context.message, "Undone: the change to the plan, recorded by Sam")
        app.type("U")
        XCTAssertEqual(scratch.store.state.plan?.items.map(\.minutes), [5, 7])
    }

    func testTimeUsedAndRunningOver() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let plan = SessionPlan(name: "p", title: "P", items: [
            .init(instrument: "tool-a", elements: ["leadership", "needs-assessment"], minutes: 2),
            .init(instrument: "tool-a", elements: ["priorities"], minutes: 10),
        ])
        try scratch.store.append(.planSet(plan), author: "Sam")
        let first = ElementRef(instrument: "tool-a", element: "leadership")
        let second = ElementRef(instrument: "tool-a", element: "needs-assessment")
        for group in ["la", "nhs", "vcse", "res"] {
            try scratch.store.append(.scoreRecorded(group: group, element: first, answer: .level(3), note: nil), author: "Sam")
        }
        try scratch.store.append(.revealed(second), author: "Sam")       // item 1: five changes, four minutes apart end to end
        var progress = PlanProgress(plan: plan, events: scratch.store.events, catalogue: shippedCatalogue)
        XCTAssertEqual(progress.items[0].usedMinutes, 4)
        XCTAssertEqual(progress.verdict, "running 2 minutes over", "the current item counts once it runs over")
        try scratch.store.append(.revealed(ElementRef(instrument: "tool-a", element: "priorities")), author: "Sam")
        progress = PlanProgress(plan: plan, events: scratch.store.events, catalogue: shippedCatalogue)
        XCTAssertTrue(progress.items[0].finished)
        XCTAssertEqual(progress.items[1].usedMinutes, 0)
        XCTAssertEqual(progress.verdict, "running 2 minutes over")
        var shorter = plan
        shorter.items[0].minutes = 10
        XCTAssertEqual(PlanProgress(plan: shorter, events: scratch.store.events, catalogue: shippedCatalogue).verdict, "6 minutes ahead")
    }
}

final class AudienceAsciiTests: XCTestCase {
    func testTheAudienceViewIsPlainASCIIOnANonUTF8Terminal() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: ElementScreen(instrument: "tool-a", index: 1), context: context)
        app.type("1534TP")
        for keys in ["", "r", "Ra", "m", "S"] {
            app.type(keys)
            for (w, h) in [(80, 24), (250, 70)] {
                let canvas = app.render(size: Size(width: w, height: h), glyphs: .ascii)
                let bad = canvas.cells.filter { !$0.grapheme.isASCII }.map { String($0.grapheme) }
                XCTAssertEqual(bad, [], "after \(keys) at \(w)x\(h)")
            }
        }
    }
}
