import Foundation
import Instruments
import SessionEngine
import XCTest
@testable import Reports

/// The closing summary counts what the room answered, shows spread beside every median and
/// nests the actions under their owner in HTML.
final class ClosingSummaryReportTests: XCTestCase {
    private func summary(_ store: SessionStore) -> (ClosingSummary, SessionReport) {
        let r = SessionReport.make(state: store.state, events: store.events, catalogue: catalogue)
        return (ClosingSummary.make(r), r)
    }

    func testAnElementTheRoomAnsweredIsCoveredWhateverTheAnswer() throws {
        let dir = TempDir()
        let s = try makeStore(dir)
        try s.append(.agreedScoreRecorded(element: a("leadership"), answer: .notApplicable, rationale: "not for us"), author: "Fac")
        try s.append(.agreedScoreRecorded(element: a("needs-assessment"), answer: .dontKnow, rationale: "no data yet"), author: "Fac")
        try score(s, "la", a("priorities"), nil)                                       // a group's N/A, nothing agreed
        try s.append(.scoreRecorded(group: "nhs", element: a("whole-system"), answer: .dontKnow, note: nil), author: "Fac")
        try score(s, "la", a("interventions"), 3)
        let (cs, r) = summary(s)
        let names = cs.notCovered.map(\.ref.element)
        for answered in ["leadership", "needs-assessment", "priorities", "whole-system", "interventions"] {
            XCTAssertFalse(names.contains(answered), "\(answered) was answered, so covered: \(names)")
        }
        XCTAssertEqual(names, ["targets", "business-plan", "information-governance", "programme-management", "evaluation"])
        let notCovered = try XCTUnwrap(cs.lines(r).first { $0.heading == "Not covered" })
        XCTAssertFalse(notCovered.items.contains { $0.contains("Leadership") || $0.contains("needs assessment") }, "\(notCovered.items)")
    }

    func testTheWeakestElementsShowTheirSpread() throws {
        let dir = TempDir()
        let s = try makeStore(dir)
        for (g, level) in [("la", 1), ("nhs", 1), ("vcse", 4)] { try score(s, g, a("needs-assessment"), level) }
        for (g, level) in [("la", 1), ("nhs", 3)] { try score(s, g, a("leadership"), level) }
        try s.append(.agreedScoreRecorded(element: a("leadership"), answer: .level(1), rationale: ""), author: "Fac")
        try s.append(.agreedScoreRecorded(element: a("priorities"), answer: .level(2), rationale: ""), author: "Fac")
        let (cs, r) = summary(s)
        let weakest = try XCTUnwrap(cs.lines(r).first { $0.heading == "Weakest elements" }).items
        XCTAssertEqual(weakest, ["Step 2 Joint needs assessment: 1 (1–4), the groups' median (range)",
                                 "Step 1 Leadership in place: 1 agreed; groups 2 (1–3)",
                                 "Step 3 Joint priority setting: 2 agreed; no group gave a level"])
        let md = MarkdownReport.render(r)
        XCTAssertTrue(md.contains("- Step 2 Joint needs assessment: 1 (1–4), the groups' median (range)"), md)
        XCTAssertFalse(md.contains(": 1 (median)") || md.contains("(agreed)"), "a score without its spread")
        let html = HTMLReport.render(r)
        XCTAssertTrue(html.contains("<li>Step 2 Joint needs assessment: 1 (1–4), the groups&#39; median (range)</li>"), html)
    }

    func testActionsSitInAListNestedUnderTheirOwnerInHTML() throws {
        let dir = TempDir()
        let s = try makeStore(dir)
        try s.append(.actionAdded(id: "a1", element: nil, what: "Share the data map", owner: "Priya", due: "2026-02-01"), author: "Fac")
        try s.append(.actionAdded(id: "a2", element: nil, what: "Draft the terms", owner: "Priya", due: "2026-03-01"), author: "Fac")
        try s.append(.actionAdded(id: "a3", element: nil, what: "Book the room", owner: "", due: nil), author: "Fac")
        let (_, r) = summary(s)
        let html = HTMLReport.render(r)
        XCTAssertTrue(html.contains("""
            <h3>Actions by owner</h3>
            <ul>
            <li>Priya:<ul class="sub">
            <li>open: Share the data map (due 2026-02-01)</li>
            <li>open: Draft the terms (due 2026-03-01)</li>
            </ul></li>
            <li>No owner named:<ul class="sub">
            <li>open: Book the room</li>
            </ul></li>
            </ul>
            """), html)
        XCTAssertTrue(html.contains("ul.sub {"), "the nested list has its own style")
        XCTAssertFalse(html.contains("<li class=\"sub\">"), "no action is a sibling of its owner")
    }
}
