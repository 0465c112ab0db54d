import Foundation
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

/// `pit present`: the audience follows the facilitator's focus through the file.
final class AudienceViewTests: XCTestCase {
    let fiveGroups = Array(eightGroups.prefix(5))
    let t0 = Date(timeIntervalSince1970: 1_767_258_000)

    private func facilitator(_ scratch: ScratchSession) -> App {
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.timeZone = TimeZone(identifier: "UTC")!
        context.session = SessionController(store: scratch.store, author: "Sam")
        return App(root: TriangleScreen(), context: context)
    }

    private func audience(_ scratch: ScratchSession) throws -> App {
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.timeZone = TimeZone(identifier: "UTC")!
        let t0 = self.t0
        context.now = { t0 }
        context.session = SessionController(store: try SessionStore.openForReading(at: scratch.store.url, scales: [:]), author: "audience")
        var app = App(root: AudienceScreen(), context: context)
        app.presenting = true
        return app
    }

    private func follow(_ app: App) { _ = try? app.context.session?.store.refreshChanges() }

    private let levelWords = ["Not evident", "Emerging", "Developing", "Established", "Embedded", "median", "range"]

    func testOneScoreRevealedAt80x24StillNamesWhoHasNotScored() throws {
        // The plot took the row, and "median 5 · all at 5" read as the room's agreement.
        let scratch = try ScratchSession(groups: Array(fiveGroups.prefix(4)))
        var fac = facilitator(scratch)
        let aud = try audience(scratch)
        fac.press(.char("p"), .down, .enter)      // Tool A, step 2
        fac.type("5r")                            // one group scores 5; revealed
        fac.publishFocus()
        follow(aud)
        for (w, h) in [(80, 24), (120, 36), (250, 70)] {
            let canvas = aud.render(size: Size(width: w, height: h))
            XCTAssertTrue(canvas.contains("Not scored:"), "at \(w)x\(h):\n\(canvas.lines().joined(separator: "\n"))")
        }
    }

    func testAt40x12EveryRevealedSpreadStillShowsItsLevels() throws {
        // Every group at one level stacked their initials over the axis, which went off the
        // screen: initials with no level beside them.
        for (levels, words) in [("3333", "median 3 · all at 3"), ("1534", "median 3.5 · range 1–5")] {
            let scratch = try ScratchSession(groups: Array(fiveGroups.prefix(4)))
            var fac = facilitator(scratch)
            let aud = try audience(scratch)
            fac.press(.char("p"), .down, .enter)
            fac.type(levels + "r")
            fac.publishFocus()
            follow(aud)
            let canvas = aud.render(size: Size(width: 40, height: 12))
            let text = canvas.lines().joined(separator: "\n")
            XCTAssertTrue(canvas.contains(words), "\(levels):\n\(text)")
            XCTAssertTrue(canvas.contains("1      2      3      4      5"), "the axis, \(levels):\n\(text)")
            for initials in ["CC", "NHS", "VSF", "RP"] { XCTAssertTrue(canvas.contains(initials), "\(initials), \(levels)") }
            assertSnapshot(canvas, named: "audience-revealed-\(levels)-40x12")
        }
    }

    func testAt40x12TheAgreedLevelStaysOnScreen() throws {
        // An n/a row pushed the plot up and "Agreed: 4 Established" went below the last row.
        let scratch = try ScratchSession(groups: Array(fiveGroups.prefix(4)))
        var fac = facilitator(scratch)
        let aud = try audience(scratch)
        fac.press(.char("p"), .down, .enter)
        fac.type("0145r")
        try scratch.store.append(.agreedScoreRecorded(element: ElementRef(instrument: "tool-a", element: "needs-assessment"),
                                                      answer: .level(4), rationale: "most of the picture is shared"), author: "Sam")
        fac.publishFocus()
        follow(aud)
        let canvas = aud.render(size: Size(width: 40, height: 12))
        let text = canvas.lines().joined(separator: "\n")
        XCTAssertTrue(canvas.contains("Agreed: 4 Established"), text)
        XCTAssertTrue(canvas.contains("n/a: City Council"), text)
    }

    func testBeforeTheRevealOnlyWhoHasScoredThenTheSpreadOutliersAndAgreedLevel() throws {
        let scratch = try ScratchSession(groups: fiveGroups)
        var fac = facilitator(scratch)
        var aud = try audience(scratch)
        fac.publishFocus()
        follow(aud)
        XCTAssertTrue(aud.render(size: Size(width: 80, height: 24)).contains("Joint Strategic") == false)
        XCTAssertTrue(aud.render(size: Size(width: 80, height: 24)).contains("Place-based planning"), "the triangle")

        fac.press(.char("p"), .down, .enter)      // Tool A, step 2
        fac.type("1534")                          // four groups score; Public Health Team has not
        fac.context.session!.timer = RoomTimer(duration: 480, run: .running(endsAt: t0.addingTimeInterval(455)))
        fac.publishFocus()
        follow(aud)
        for (w, h) in [(80, 24), (120, 36), (250, 70)] {
            let canvas = aud.render(size: Size(width: w, height: h))
            XCTAssertTrue(canvas.contains("Joint needs assessment") || canvas.contains("J o i n t   n e e d s"), "title at \(w)x\(h)")
            XCTAssertTrue(canvas.contains("● ● ● ● ○  4 of 5 groups in"), "who has scored at \(w)x\(h)")
            XCTAssertTrue(canvas.contains("7:35 left"), "the timer at \(w)x\(h)")
            for word in levelWords { XCTAssertFalse(canvas.contains(word), "no \(word) before the reveal at \(w)x\(h)") }
            XCTAssertFalse(canvas.contains("Tab"), "no key hints at \(w)x\(h)")
            assertSnapshot(canvas, named: "audience-hidden-\(w)x\(h)")
        }

        fac.type("r")
        try scratch.store.append(.agreedScoreRecorded(element: ElementRef(instrument: "tool-a", element: "needs-assessment"),
                                                      answer: .level(3), rationale: "pooled data, thin community view"), author: "Sam")
        follow(aud)
        for (w, h) in [(80, 24), (120, 36), (250, 70)] {
            let canvas = aud.render(size: Size(width: w, height: h))
            XCTAssertTrue(canvas.contains("median 3.5 · range 1–5"), "median and range at \(w)x\(h)")
            XCTAssertTrue(canvas.contains("City Council 1 · NHS Trust 5: discuss")
                          || canvas.contains("CC 1 · NHS 5: discuss"), "the outliers at \(w)x\(h)")
            XCTAssertTrue(canvas.contains("Agreed: 3 Developing"), "the agreed level at \(w)x\(h)")
            for initials in ["CC", "NHS", "VSF", "RP"] { XCTAssertTrue(canvas.contains(initials), "\(initials) on the plot at \(w)x\(h)") }
            assertSnapshot(canvas, named: "audience-revealed-\(w)x\(h)")
        }
    }

    func testNoKeyChangesTheSessionAndFStopsFollowing() throws {
        let scratch = try ScratchSession(groups: fiveGroups)
        var fac = facilitator(scratch)
        var aud = try audience(scratch)
        fac.press(.char("p"), .enter)
        follow(aud)
        let events = scratch.store.events.count
        aud.type("1234505rRaAnxlubgmtTP")
        aud.press(.tab, .enter, .right, .left)
        XCTAssertEqual(scratch.store.events.count, events, "the audience records nothing")
        XCTAssertFalse(aud.shouldQuit)
        XCTAssertTrue(aud.render(size: Size(width: 80, height: 24)).contains("Leadership in place"))

        aud.type("f")
        fac.press(.right)
        follow(aud)
        let held = aud.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(held.contains("not following"))
        XCTAssertFalse(held.contains("Joint needs assessment"), "stays where it was")
        aud.type("f")
        XCTAssertTrue(aud.render(size: Size(width: 80, height: 24)).contains("Joint needs assessment"), "catches up")
        aud.type("q")
        XCTAssertTrue(aud.shouldQuit)
    }

    func testPresentationModeInTheFacilitatorsOwnProcess() throws {
        let scratch = try ScratchSession(groups: fiveGroups)
        var fac = facilitator(scratch)
        fac.press(.char("p"), .down, .enter)
        fac.type("15")
        fac.type("P")
        let shown = fac.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(shown.contains("2 of 5 groups in"))
        XCTAssertFalse(shown.contains("Tab group"), "no key hints")
        fac.type("3")   // keys still drive the session
        XCTAssertTrue(fac.render(size: Size(width: 80, height: 24)).contains("3 of 5 groups in"))
        fac.type("P")
        XCTAssertTrue(fac.render(size: Size(width: 80, height: 24)).contains("Tab group"))
    }
}

final class AudienceSixGroupsTests: XCTestCase {
    /// 80x24 with six groups, before and after the reveal: every group is accounted for.
    func testSixGroupsAt80x24() throws {
        let groups = Array(eightGroups.prefix(6))
        let scratch = try ScratchSession(groups: groups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: ElementScreen(instrument: "tool-a", index: 1), context: context)
        app.type("15342")
        app.type("P")
        let hidden = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(hidden.contains("● ● ● ● ● ○  5 of 6 groups in"), hidden.plainText)
        XCTAssertTrue(hidden.contains("Housing Association") || hidden.contains("○ HA"), hidden.plainText)
        app.type("r")
        let shown = app.render(size: Size(width: 80, height: 24))
        for initials in groups.prefix(5).map(\.initials) { XCTAssertTrue(shown.contains(initials), "\(initials)\n\(shown.plainText)") }
        XCTAssertTrue(shown.contains("median 3 · range 1–5"), shown.plainText)
        XCTAssertTrue(shown.contains(": discuss"), shown.plainText)
        XCTAssertTrue(shown.contains("Not scored: Housing Association"), shown.plainText)
        assertSnapshot(shown, named: "audience-6-groups-revealed-80x24")
    }
}

final class AudienceUnplottedGroupsTests: XCTestCase {
    /// Groups that gave no level (n/a, don't know, not yet) are named under the plot.
    func testNotApplicableAndDontKnowAreNamedUnderThePlot() throws {
        let groups = Array(eightGroups.prefix(5))
        let scratch = try ScratchSession(groups: groups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: ElementScreen(instrument: "tool-a", index: 1), context: context)
        app.resize(to: Size(width: 120, height: 36))
        app.type("150d")
        app.type("P")
        app.type("r")
        let shown = app.render(size: Size(width: 120, height: 36))
        XCTAssertTrue(shown.contains("Not scored: Public Health Team · n/a: Voluntary Sector Forum · don't know: Residents' Panel"),
                      shown.plainText)
    }
}
