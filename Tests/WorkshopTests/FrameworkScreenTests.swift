import Instruments
import TerminalKit
@testable import Workshop
import XCTest

final class FrameworkScreenTests: XCTestCase {
    func app(_ root: any Screen) -> App { App(root: root, context: makeContext()) }

    func testSnapshotsOfEveryFrameworkScreen() {
        let screens: [(String, () -> App)] = [
            ("home", { self.app(HomeScreen()) }),
            ("triangle-centre", { self.app(TriangleScreen()) }),
            ("triangle-seam-b", { self.app(TriangleScreen(selected: .civicCommunity)) }),
            ("component-civic", { self.app(ComponentScreen(component: .civic)) }),
            ("component-service", { self.app(ComponentScreen(component: .service)) }),
            ("component-community", { self.app(ComponentScreen(component: .community)) }),
            ("component-centre", { self.app(ComponentScreen(component: .centre)) }),
            ("component-seam-c", { self.app(ComponentScreen(component: .serviceCommunity)) }),
            ("tool-a-list", { self.app(ElementListScreen(instrument: "tool-a", selected: 2)) }),
            ("tool-a-step-3", { self.app(ElementScreen(instrument: "tool-a", index: 2)) }),
            ("pots-list", { self.app(ElementListScreen(instrument: "pots")) }),
            ("guide", { self.app(GuideScreen()) }),
            ("help-on-triangle", { var a = self.app(TriangleScreen()); a.press(.char("?")); return a }),
        ]
        for (name, make) in screens {
            for (w, h) in snapshotSizes {
                let canvas = make().render(size: Size(width: w, height: h))
                assertSnapshot(canvas, named: "\(name)-\(w)x\(h)")
            }
        }
    }

    func testAsciiTriangleWhenTheLocaleIsNotUTF8() {
        let canvas = app(TriangleScreen()).render(size: Size(width: 80, height: 24), glyphs: .ascii)
        assertSnapshot(canvas, named: "triangle-ascii-80x24")
        XCTAssertTrue(canvas.cells.allSatisfy { $0.grapheme.isASCII }, "an ASCII terminal must get only ASCII")
    }

    func testArrowKeysReachEverySegmentSeamAndTheCentre() {
        var reached: Set<ComponentID> = []
        // Walk every arrow from every part; the union must be the whole triangle.
        for start in ComponentID.allCases {
            for key in [Key.up, .down, .left, .right] {
                var screen = TriangleScreen(selected: start)
                _ = screen.handle(key, context: makeContext())
                reached.insert(screen.selected)
            }
        }
        XCTAssertEqual(reached, Set(ComponentID.allCases))
        var a = app(TriangleScreen(selected: .centre))
        a.press(.up)
        XCTAssertEqual((a.top as? TriangleScreen)?.selected, .civic)
        a.press(.left)
        XCTAssertEqual((a.top as? TriangleScreen)?.selected, .civicCommunity)
        a.press(.down)
        XCTAssertEqual((a.top as? TriangleScreen)?.selected, .community)
        a.press(.right)
        XCTAssertEqual((a.top as? TriangleScreen)?.selected, .serviceCommunity)
        a.press(.right)
        XCTAssertEqual((a.top as? TriangleScreen)?.selected, .service)
    }

    func testEnterOpensTheSelectedPartAndItsTool() {
        var a = app(TriangleScreen(selected: .serviceCommunity))
        a.press(.enter)
        XCTAssertEqual((a.top as? ComponentScreen)?.component, .serviceCommunity)
        XCTAssertTrue(a.render(size: Size(width: 120, height: 40)).contains("Service engagement with communities"))
        a.press(.enter)
        XCTAssertEqual((a.top as? ElementListScreen)?.instrumentID, "tool-c")
        a.press(.escape, .escape)
        XCTAssertTrue(a.top is TriangleScreen)
        // Each segment opens the instrument the issue names for it.
        for (component, tool) in [(ComponentID.service, "pots"), (.community, "community-centred"), (.civic, "civic"),
                                  (.centre, "tool-a"), (.civicCommunity, "tool-b"), (.civicService, "tool-d")] {
            var b = app(ComponentScreen(component: component))
            b.press(.enter)
            XCTAssertEqual((b.top as? ElementListScreen)?.instrumentID, tool, "\(component)")
        }
    }

    func testRightArrowWalksAllTenPlanningSteps() {
        var a = app(ElementScreen(instrument: "tool-a", index: 0))
        var titles: [String] = []
        for _ in 0..<12 {
            let canvas = a.render(size: Size(width: 80, height: 24))
            titles.append(canvas.lines()[2])
            a.press(.right)
        }
        let steps = shippedCatalogue.instrument("tool-a")!.elements
        XCTAssertEqual(steps.count, 10)
        for (i, step) in steps.enumerated() {
            XCTAssertTrue(titles[i].contains(step.title), "step \(i + 1): \(titles[i])")
        }
        XCTAssertEqual(titles[10], titles[9], "moving past the last step stays on it")
    }

    func testHelpListsEveryKeyOfTheScreenAndClosesOnAnyKey() {
        var a = app(TriangleScreen())
        a.press(.char("?"))
        let canvas = a.render(size: Size(width: 120, height: 40))
        for help in TriangleScreen().keys(context: a.context) + App.globalKeys {
            XCTAssertTrue(canvas.contains(help.action), "help is missing \(help.action)")
        }
        a.press(.char("x"))
        XCTAssertFalse(a.showHelp)
        XCTAssertTrue(a.top is TriangleScreen, "closing help does not navigate")
    }

    func testTooSmallShowsEnlargeMessageAndResizingBackRestores() {
        var a = app(TriangleScreen(selected: .service))
        let small = a.render(size: Size(width: 30, height: 10))
        XCTAssertTrue(small.contains("Enlarge the terminal"))
        XCTAssertTrue(small.contains("40 x 12"))
        a.press(.resize)
        let big = a.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(big.contains("SERVICE"))
        XCTAssertEqual((a.top as? TriangleScreen)?.selected, .service)
    }

    func testThemeKeyCyclesThroughShippedThemes() {
        var a = app(TriangleScreen())
        let first = a.context.theme.name
        a.press(.char("t"))
        XCTAssertNotEqual(a.context.theme.name, first)
        for _ in 1..<shippedThemes.count { a.press(.char("t")) }
        XCTAssertEqual(a.context.theme.name, first)
        XCTAssertEqual(a.context.message, "Theme: \(first)")
        a.context.coloursOff = true          // NO_COLOR: a theme changes nothing, and says why
        a.press(.char("t"))
        XCTAssertTrue(a.context.message?.contains("colours are off here") ?? false, a.context.message ?? "")
    }

    func testQuitFromRootAndBackFromDeeperScreens() {
        var a = app(HomeScreen())
        a.press(.enter)  // Explore the triangle
        XCTAssertTrue(a.top is TriangleScreen)
        a.press(.char("q"))
        XCTAssertTrue(a.top is HomeScreen)
        XCTAssertFalse(a.shouldQuit)
        a.press(.char("q"))
        XCTAssertTrue(a.shouldQuit)
    }

    func testCursorSitsOnTheSelectedItem() {
        let canvas = app(TriangleScreen(selected: .civic)).render(size: Size(width: 80, height: 24))
        let cursor = try! XCTUnwrap(canvas.cursor)
        let row = canvas.lines()[cursor.y]
        XCTAssertTrue(row.dropFirst(cursor.x).hasPrefix("CIVIC"), row)
    }
}
