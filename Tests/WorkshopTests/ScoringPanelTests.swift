import Foundation
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

let eightGroups = fourGroups + [
    Group(id: "ph", name: "Public Health Team", sector: .localAuthority, initials: "PH"),
    Group(id: "ha", name: "Housing Association", sector: .vcse, initials: "HA"),
    Group(id: "pol", name: "Police", sector: .other, initials: "POL"),
    Group(id: "sch", name: "Schools Partnership", sector: .other, initials: "SP"),
]

/// Every line the README promises about a step's scores shows at 80x24 with up to eight
/// groups: who has scored (or each level), the count or the spread, the divergence
/// warning and the agreed level with its reason.
final class ScoringPanelTests: XCTestCase {
    let step2 = ElementRef(instrument: "tool-a", element: "needs-assessment")

    private func app(_ scratch: ScratchSession) -> App { appOn(scratch, stack: [ElementScreen(instrument: "tool-a", index: 1)]) }

    func testAReasonCutShortEndsWithAnEllipsis() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let long = (1...60).map { "word\($0)" }.joined(separator: " ")
        try scratch.store.append(.revealed(step2), author: "Sam")
        try scratch.store.append(.agreedScoreRecorded(element: step2, answer: .level(3), rationale: long), author: "Sam")
        let app = app(scratch)
        for (w, h) in [(80, 24), (120, 40)] {
            let lines = app.render(size: Size(width: w, height: h)).lines()
            let shown = lines.filter { $0.contains("word1 ") || $0.contains("word2") }
            let last = try XCTUnwrap(lines.last { $0.contains("word") }, "at \(w)x\(h)")
            XCTAssertFalse(shown.isEmpty, "at \(w)x\(h)")
            XCTAssertTrue(last.trimmingCharacters(in: CharacterSet(charactersIn: " │")).hasSuffix("…"), "at \(w)x\(h): \(last)")
        }
        // A reason that fits is shown whole, with no ellipsis.
        try scratch.store.append(.agreedScoreRecorded(element: step2, answer: .level(3), rationale: "pooled data"), author: "Sam")
        _ = try scratch.store.refreshChanges()
        XCTAssertFalse(app.render(size: Size(width: 120, height: 40)).lines().contains { $0.contains("pooled data…") })
    }

    func testEveryPromisedLineShowsAt80x24WithFiveToEightGroups() throws {
        for count in 5...8 {
            let groups = Array(eightGroups.prefix(count))
            let scratch = try ScratchSession(groups: groups)
            var app = app(scratch)
            let levels = [1, 4, 5, 2, 3, 4, 2, 5].prefix(count - 1)   // the last group has not scored
            app.type(levels.map(String.init).joined())
            let hidden = app.render(size: Size(width: 80, height: 24))
            XCTAssertTrue(hidden.contains("\(count - 1) of \(count) groups have scored"), "\(count) groups, hidden")
            for group in groups { XCTAssertTrue(hidden.contains(group.name), "\(group.name) in view with \(count) groups") }
            XCTAssertEqual(hidden.lines().map { $0.components(separatedBy: "● scored").count - 1 }.reduce(0, +), count - 1,
                           "each scored group marked, \(count) groups")

            app.type("r")
            try scratch.store.append(.agreedScoreRecorded(element: step2, answer: .level(3), rationale: "Data pooled; community view thin"),
                                     author: "Sam")
            try scratch.store.append(.noteAdded(id: "n1", element: step2, text: "ask the ICB"), author: "Sam")
            let shown = app.render(size: Size(width: 80, height: 24))
            XCTAssertTrue(shown.contains("Median"), "\(count) groups: the spread")
            XCTAssertTrue(shown.contains("4 levels apart: discuss"), "\(count) groups: the divergence warning")
            XCTAssertTrue(shown.contains("Agreed: 3 Developing"), "\(count) groups: the agreed level")
            XCTAssertTrue(shown.contains("Data pooled; community view thin"), "\(count) groups: its reason")
            for group in groups { XCTAssertTrue(shown.contains(group.name), "\(group.name) in view with \(count) groups") }
            XCTAssertTrue(shown.contains("not scored"), "\(count) groups: the group that did not score")
            if count == 6 || count == 8 {
                assertSnapshot(hidden, named: "scoring-\(count)-groups-hidden-80x24")
                assertSnapshot(shown, named: "scoring-\(count)-groups-agreed-80x24")
            }
        }
    }

    func testASmallScreenScrollsTheGroupsAndKeepsTheWarning() throws {
        let scratch = try ScratchSession(groups: Array(eightGroups.prefix(6)))
        var app = app(scratch)
        app.type("15r")
        app.press(.tab, .tab, .tab)  // the last group, below the first rows
        let canvas = app.render(size: Size(width: 40, height: 12))
        assertSnapshot(canvas, named: "scoring-6-groups-revealed-40x12")
        XCTAssertTrue(canvas.contains("4 levels apart"), "the warning stays")
        XCTAssertTrue(canvas.contains("more: Tab"), "says more groups are out of view")
        XCTAssertTrue(canvas.contains("Housing"), "the selected group is in view")
    }
}

/// The big view works at 80x24 with six groups and grows with the screen.
final class BigViewSizesTests: XCTestCase {
    func testSixGroupsAt80x24AndLargerDigitsAndWholeNamesOnBiggerScreens() throws {
        let groups = Array(eightGroups.prefix(6))
        let scratch = try ScratchSession(groups: groups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.timeZone = TimeZone(identifier: "UTC")!
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: ElementScreen(instrument: "tool-a", index: 1), context: context)
        app.type("14523b")
        let hidden = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(hidden.contains("groups have scored"))
        XCTAssertTrue(hidden.contains("○ Housing Association") || hidden.contains("○ HA"), "who has not scored")
        XCTAssertFalse(hidden.contains("Embedded"), "no level before the reveal")
        assertSnapshot(hidden, named: "big-view-6-groups-hidden-80x24")

        app.type("r")
        try scratch.store.append(.agreedScoreRecorded(element: ElementRef(instrument: "tool-a", element: "needs-assessment"),
                                                      answer: .level(3), rationale: "pooled"), author: "Sam")
        var digitRows: [Int] = []
        for (w, h) in [(80, 24), (120, 36), (200, 60), (250, 70)] {
            let canvas = app.render(size: Size(width: w, height: h))
            for line in ["Median 3, range 1–5", "▲ 4 levels apart: discuss", "Agreed: 3 Developing"] {
                XCTAssertTrue(canvas.contains(line), "\(line) at \(w)x\(h)")
            }
            for group in groups {
                let firstWord = String(group.name.split(separator: " ")[0])
                XCTAssertTrue(canvas.contains(group.name) || canvas.contains(" \(group.initials) ") || canvas.contains(firstWord),
                              "\(group.name) at \(w)x\(h)")
            }
            if w >= 200 {
                for group in groups { XCTAssertTrue(canvas.contains(group.name), "whole name \(group.name) at \(w)x\(h)") }
            }
            digitRows.append(canvas.lines().filter { $0.contains("█") }.count)
            if w == 80 { assertSnapshot(canvas, named: "big-view-6-groups-revealed-80x24") }
        }
        XCTAssertEqual(digitRows, digitRows.sorted(), "digits never shrink as the screen grows: \(digitRows)")
        XCTAssertGreaterThan(digitRows.last!, 2 * digitRows.first!, "and are much taller at 250x70: \(digitRows)")
    }
}
