import Foundation
import Reports
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

final class ClosingSummaryTests: XCTestCase {
    func testTheEndOfTheDayOnScreenAndInTheReports() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let s = scratch.store
        let step = { (id: String) in ElementRef(instrument: "tool-a", element: id) }
        for (group, level) in [("la", 1), ("nhs", 5), ("vcse", 3), ("res", 3)] {
            try s.append(.scoreRecorded(group: group, element: step("needs-assessment"), answer: .level(level), note: nil), author: "Sam")
        }
        for group in ["la", "nhs"] {
            try s.append(.scoreRecorded(group: group, element: step("leadership"), answer: .level(2), note: nil), author: "Sam")
        }
        try s.append(.agreedScoreRecorded(element: step("leadership"), answer: .level(2), rationale: "no shared board yet"), author: "Sam")
        try s.append(.actionAdded(id: "a1", element: step("leadership"), what: "Draft the board's terms", owner: "Priya", due: "2026-03-01"), author: "Sam")
        try s.append(.actionAdded(id: "a2", element: nil, what: "Share the data map", owner: "Priya", due: "2026-02-01"), author: "Sam")
        try s.append(.actionAdded(id: "a3", element: nil, what: "Book the next workshop", owner: "", due: nil), author: "Sam")
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.timeZone = TimeZone(identifier: "UTC")!
        context.session = SessionController(store: s, author: "Sam")
        var app = App(root: TriangleScreen(), context: context)
        app.press(.char("S"))
        let screen = app.render(size: Size(width: 80, height: 40))
        for text in ["What was agreed", "Step 1 Leadership in place: 2 Emerging, because no shared board yet",
                     "Weakest elements", "Step 2 Joint needs assessment: 3 (1–5), the groups' median (range)",
                     "Step 1 Leadership in place: 2 agreed; groups 2 (2)", "Widest divergences", "Step 2 Joint needs assessment: range 1–5, 4 levels apart",
                     "Actions by owner", "Priya:", "open: Share the data map (due 2026-02-01)", "No owner named:",
                     "Not covered", "Step 3 Joint priority setting"] {
            XCTAssertTrue(screen.contains(text), "\(text)\n\(screen.plainText)")
        }
        let lines = screen.lines()
        let first = lines.firstIndex { $0.contains("Share the data map") }!, second = lines.firstIndex { $0.contains("Draft the board") }!
        XCTAssertLessThan(first, second, "by due date")
        assertSnapshot(app.render(size: Size(width: 80, height: 24)), named: "closing-summary-80x24")
        XCTAssertEqual(app.roomFocus?.screen, .summary)

        // It scrolls by the size the App was given: End puts the last line on the last row.
        app.resize(to: Size(width: 80, height: 24))
        app.press(.end)
        let end = app.render(size: Size(width: 80, height: 24)).lines()
        XCTAssertTrue(end[22].contains("Step 10 Built-in evaluation"), end.joined(separator: "\n"))
        XCTAssertFalse(end[1].contains("closing summary"), "scrolled")
        // A smaller terminal pages by its own height: the last row shown becomes the first.
        let small = Size(width: 80, height: 16)
        app.resize(to: small)
        app.press(.home)
        let before = app.render(size: small).lines()
        app.press(.pageDown)
        let after = app.render(size: small).lines()
        XCTAssertEqual(after[1], before[14], after.joined(separator: "\n"))

        let md = MarkdownReport.render(state: s.state, events: s.events, catalogue: shippedCatalogue)
        XCTAssertTrue(md.contains("## Closing summary\n\n### What was agreed\n\n- Step 1 Leadership in place: 2 Emerging, because no shared board yet"), md)
        XCTAssertTrue(md.contains("- Priya:\n  - open: Share the data map (due 2026-02-01)\n  - open: Draft the board's terms (due 2026-03-01)"))
        let html = HTMLReport.render(state: s.state, events: s.events, catalogue: shippedCatalogue)
        XCTAssertTrue(html.contains("<section id=\"closing\">"))
        // The owner's actions are a list inside the owner's item, one level down.
        XCTAssertTrue(html.contains("<li>Priya:<ul class=\"sub\">\n<li>open: Share the data map (due 2026-02-01)</li>\n"
                                    + "<li>open: Draft the board&#39;s terms (due 2026-03-01)</li>\n</ul></li>"), html)
    }
}
