import Foundation
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

/// The screen size reaches the App as input (a resize), never as something the last
/// frame left behind: keys act the same however often frames are drawn.
final class KeysAndSizeTests: XCTestCase {
    func demoApp(root: any Screen) throws -> (App, ScratchSession) {
        let scratch = try ScratchSession(groups: [], instruments: ["tool-a"])
        let toolA = shippedCatalogue.instrument("tool-a")!
        try DemoSeed.fill(scratch.store, elements: [(instrument: "tool-a", elements: toolA.elements.map(\.id))],
                          seed: 7, start: Date(timeIntervalSince1970: 1_767_258_000))
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.timeZone = TimeZone(identifier: "UTC")!
        context.session = SessionController(store: scratch.store, author: "Sam")
        return (App(root: root, context: context), scratch)
    }

    func testExtraRightPressesInTheHeatMapAreNotDeadKeys() throws {
        let (start, scratch) = try demoApp(root: MatrixScreen(view: .heatmap))
        var app = start
        let size = Size(width: 40, height: 12)       // room for two of the four groups
        app.resize(to: size)
        app.press(.right, .right)
        let last = app.render(size: size)
        XCTAssertTrue(last.contains("Groups 3–4 of 4"), last.plainText)
        app.press(.right, .right, .right, .right)    // already at the last groups
        app.press(.left)
        let back = app.render(size: size)
        XCTAssertTrue(back.contains("Groups 2–3 of 4"), "one ← after extra → must scroll back:\n" + back.plainText)
        _ = scratch
    }

    func testScrollingAfterSwitchingViewsUsesTheNewViewsLength() throws {
        // Several keys arrive between two frames: the scroll limit is the view now shown,
        // not the one the last frame drew.
        let (start, scratch) = try demoApp(root: MatrixScreen(view: .transcript))
        var app = start
        let size = Size(width: 40, height: 12)       // the level matrix is longer than this, the transcript far longer
        app.resize(to: size)
        _ = app.render(size: size)
        app.press(.char("1"))                        // the level matrix: far shorter than the transcript
        for _ in 0..<200 { app.press(.down) }
        let bottom = app.render(size: size)
        app.press(.up)
        let oneUp = app.render(size: size)
        XCTAssertNotEqual(bottom.plainText, oneUp.plainText, "↑ after scrolling to the end must move the view")
        _ = scratch
    }

    func testTheEndOfAScrollingTextIsReachableAtTheSizeTheAppWasGiven() {
        // No frame is drawn before the keys: the size the App was told is all they may use.
        for (screen, footerRows) in [(ComponentScreen(component: .civic) as any Screen, 3), (ElementScreen(instrument: "tool-a", index: 2), 1)] {
            let tall = App(root: screen, context: makeContext()).render(size: Size(width: 40, height: 200))
            let lastLine = tall.lines().dropLast(footerRows).last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "?"
            var app = App(root: screen, context: makeContext())
            let small = Size(width: 40, height: 12)
            app.resize(to: small)
            app.press(.end)
            let bottom = app.render(size: small)
            XCTAssertTrue(bottom.contains(lastLine.trimmingCharacters(in: .whitespaces)),
                          "\(type(of: screen)): End must show the last line, \(lastLine):\n\(bottom.plainText)")
        }
    }

    func testGoingBetweenTheSharedScreensNeverGrowsTheStack() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = appOn(scratch, stack: [TriangleScreen(), ElementScreen(instrument: "tool-a", index: 8)])
        for key in ["o", "S", "m", "g", "o", "m", "S"] { app.type(key) }
        XCTAssertEqual(app.stack.map { "\(type(of: $0))" },
                       ["TriangleScreen", "ElementScreen", "GroupsScreen", "PlanScreen", "MatrixScreen", "ClosingSummaryScreen"],
                       "each shared screen once, the latest on top")
        XCTAssertTrue(app.top is ClosingSummaryScreen)
        app.press(.escape)
        XCTAssertTrue(app.top is MatrixScreen, "back leads where the key was pressed")
    }

    func testTheHelpLeavesNoStrayBordersBesideIt() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = appOn(scratch, stack: [ElementScreen(instrument: "tool-a", index: 1)])
        app.type("?")
        let lines = app.render(size: Size(width: 80, height: 24)).lines()
        let boxRows = lines.indices.filter { lines[$0].contains("│") && $0 > lines.firstIndex { $0.contains("Keys on this screen") }! }
        XCTAssertFalse(boxRows.isEmpty)
        for row in boxRows {
            let line = lines[row]
            let after = line[line.index(after: line.lastIndex(of: "│") ?? line.startIndex)...]
            XCTAssertTrue(after.allSatisfy { $0 == " " }, "row \(row): \(line)")
        }
    }

    func testWhileTheTerminalIsTooSmallOnlyResizeHelpAndQuitAct() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: ElementScreen(instrument: "tool-a", index: 1), context: context)
        let small = Size(width: 30, height: 10)
        app.resize(to: small)
        XCTAssertTrue(app.render(size: small).contains("Enlarge the terminal"))
        app.type("3")                                // a score nobody could see
        app.type("r")                                // a reveal
        app.type("m")
        app.press(.enter, .escape)
        XCTAssertEqual(context.session!.summary(ElementRef(instrument: "tool-a", element: "needs-assessment")).scores.count, 0,
                       "a key pressed while the screen says 'enlarge' recorded a score")
        XCTAssertTrue(app.top is ElementScreen, "nor moved between screens")
        XCTAssertFalse(app.shouldQuit)
        XCTAssertTrue(app.render(size: small).contains("q quits pit, ? help"))
        app.press(.char("?"))                        // help still opens ...
        XCTAssertTrue(app.render(size: small).contains("help shows when larger"), "... and says when")
        app.resize(to: Size(width: 80, height: 24))
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("Keys on this screen"))
        app.press(.escape)
        app.resize(to: small)
        app.press(.char("q"))                        // ... and q still quits
        XCTAssertTrue(app.shouldQuit)
    }

    func testAFormOpenWhenTheTerminalShrinksKeepsItsTextAndQDoesNotQuit() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = appOn(scratch, stack: [ElementScreen(instrument: "tool-a", index: 1)])
        app.resize(to: Size(width: 80, height: 24))
        app.type("n")
        app.type("Half a note")
        XCTAssertTrue(app.top.holdsTypedText)
        let small = Size(width: 20, height: 6)
        app.resize(to: small)
        XCTAssertTrue(app.render(size: small).contains("your form is kept"), app.render(size: small).plainText)
        app.press(.char("q"))
        XCTAssertFalse(app.shouldQuit, "q quit pit and threw the note away")
        app.resize(to: Size(width: 80, height: 24))
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("Half a note"))
        app.press(.enter)
        XCTAssertEqual(scratch.store.state.notes.map(\.text), ["Half a note"])
    }

    func testHelpThatDoesNotFitTurnsPagesAndEveryKeyIsOnOne() throws {
        // A step's help at 40x12 left most keys out ("27 more keys on a bigger terminal"); in
        // two columns a page once skipped the keys cut from the left column's foot.
        let scratch = try ScratchSession(groups: fourGroups)
        var app = appOn(scratch, stack: [ElementScreen(instrument: "tool-a", index: 1)])
        var size = Size(width: 40, height: 12)
        for each in [Size(width: 80, height: 24), Size(width: 60, height: 20), Size(width: 40, height: 12)] {
            size = each
            app.resize(to: size)
            app.press(.char("?"))
            var seen: [String] = []
            var pages = 0
            while true {
                let screen = app.render(size: size)
                pages += 1
                let page = app.helpPage(body: app.helpBody(size: size))
                for entry in page.layout.entries {
                    XCTAssertTrue(screen.contains(entry.keys), "\(entry.keys) is laid out but not drawn at \(size)")
                    seen.append(entry.keys)
                }
                XCTAssertTrue(screen.contains("Keys on this screen"), "help open at \(size)")
                let left = page.total - page.start - page.layout.entries.count
                XCTAssertEqual(screen.contains("↓ \(left) more"), left > 0, "the footer counts what is left at \(size)")
                guard left > 0, pages < 20 else { break }
                app.press(.down)
                XCTAssertTrue(app.showHelp, "↓ turns the page rather than closing the help")
            }
            if size.width < 80 { XCTAssertGreaterThan(pages, 1, "at \(size)") }
            let all = (app.top.keys(context: app.context) + app.activeGlobalKeys()).map(\.keys)
            XCTAssertEqual(seen.sorted(), all.sorted(), "every key on one page, once, at \(size)")
            if size.width > 40 { app.press(.char("x")) }
        }
        XCTAssertTrue(app.render(size: size).contains("↑ back"))
        app.press(.up)
        XCTAssertTrue(app.showHelp)
        app.press(.char("x"))
        XCTAssertFalse(app.showHelp, "any other key closes it")
        XCTAssertNil(scratch.store.state.scores[ElementRef(instrument: "tool-a", element: "needs-assessment")], "and does nothing else")
        let large = Size(width: 160, height: 50)
        app.resize(to: large)
        app.press(.char("?"))
        XCTAssertTrue(app.render(size: large).contains("any key closes this help · Ctrl-C quits"), "one page, and Ctrl-C is named")
        app.press(.down)
        XCTAssertFalse(app.showHelp, "with one page, ↓ is any key too")
    }

    func testTheHelpNamesCtrlCWhereItFitsAndCutsNothing() {
        XCTAssertEqual(App.helpFooter(start: 0, shown: 5, total: 5, width: 60), "any key closes this help · Ctrl-C quits")
        XCTAssertEqual(App.helpFooter(start: 0, shown: 5, total: 9, width: 60), "↓ 4 more · others close · Ctrl-C quits")
        XCTAssertEqual(App.helpFooter(start: 0, shown: 5, total: 9, width: 34), "↓ 4 more · others close", "too narrow: left out, not cut")
    }
}
