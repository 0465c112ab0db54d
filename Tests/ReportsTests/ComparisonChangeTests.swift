import Foundation
import Instruments
import SessionEngine
import XCTest
@testable import Reports

/// A comparison's change is like for like, agrees with the values it shows, and names what
/// the groups answered when they gave no level.
final class ComparisonChangeTests: XCTestCase {
    let steps = ["leadership", "needs-assessment", "priorities", "whole-system", "interventions",
                 "targets", "business-plan", "information-governance", "programme-management", "evaluation"]

    private func compared(_ baseline: SessionStore, _ followUp: SessionStore) throws -> (Comparison, md: String, html: String, csv: String, parts: String) {
        let c = Comparison.make(baseline: baseline.state, followUp: followUp.state, catalogue: catalogue)
        return (c, ComparisonRender.markdown(c), ComparisonRender.html(c),
                String(decoding: try ComparisonRender.csv(c), as: UTF8.self),
                String(decoding: try ComparisonRender.csv(c, table: .components), as: UTF8.self))
    }

    private func unpadded(_ s: String) -> String { s.replacingOccurrences(of: " +", with: " ", options: .regularExpression) }

    func testElementsScoredForTheFirstTimeDoNotReadAsImprovement() throws {
        let dir = TempDir()
        let base = try makeStore(dir, "base.pit"), follow = try makeStore(dir, "follow.pit")
        for step in steps.prefix(5) {
            try score(base, "la", a(step), 2)
            try score(follow, "la", a(step), 2)
        }
        for step in steps.dropFirst(5) { try score(follow, "la", a(step), 5) }
        let (c, md, html, csv, parts) = try compared(base, follow)
        let centre = try XCTUnwrap(c.components.first { $0.id == .centre })
        XCTAssertEqual(centre.before.median, 2, "each session's own score is still shown")
        XCTAssertEqual(centre.after.median, 3.5)
        XCTAssertEqual(centre.paired, 5)
        XCTAssertEqual(centre.change, 0, "the five scored in both did not move")
        XCTAssertTrue(unpadded(md).contains("| Place-based planning and leadership | Centre | 2 (2) | 5 of 10 | 3.5 (2–5) | 10 of 10 | 2 (2) → 2 (2), 5 elements | = 0 |"), md)
        XCTAssertTrue(md.contains("0 higher, 0 lower, 5 unchanged, 5 without a score in both sessions"), md)
        XCTAssertTrue(md.contains("over only the elements scored in both sessions"), "the method says how the change is taken")
        XCTAssertFalse(md.contains("+1.5") || html.contains("+1.5") || csv.contains("1.5") || parts.contains(",1.5"),
                       "coverage never reads as a change")
        XCTAssertTrue(html.contains(">same 5: 2 → 2, = 0</text>"), html)
        XCTAssertTrue(html.contains(">10 of 10 scored</text>") && html.contains(">was 2 (5 scored)</text>"), html)
        XCTAssertTrue(parts.contains("\"Place-based planning and leadership\",2,2,2,5,3.5,2,5,10,10,5,2,2,2,2,2,2,0\r\n"), parts)
    }

    func testAPartWithNoElementScoredInBothHasNoChange() throws {
        let dir = TempDir()
        let base = try makeStore(dir, "base.pit"), follow = try makeStore(dir, "follow.pit")
        try score(base, "la", a("leadership"), 2)
        try score(follow, "la", a("needs-assessment"), 4)
        let (c, md, _, _, _) = try compared(base, follow)
        let centre = try XCTUnwrap(c.components.first { $0.id == .centre })
        XCTAssertNil(centre.change)
        XCTAssertTrue(unpadded(md).contains("| 2 (2) | 1 of 10 | 4 (4) | 1 of 10 | none scored in both | – |"), md)
    }

    func testTheChangeIsTakenFromTheValuesAsShown() throws {
        XCTAssertEqual(Comparison.shownChange(from: 2.75, to: 3), 0.2)      // 2.8 → 3
        XCTAssertEqual(Comparison.shownChange(from: 2.25, to: 2), -0.3)     // 2.3 → 2
        XCTAssertEqual(Comparison.shownChange(from: 2.25, to: 2.75), 0.5)   // 2.3 → 2.8
        XCTAssertNil(Comparison.shownChange(from: nil, to: 3))

        let dir = TempDir()
        let base = try makeStore(dir, "base.pit"), follow = try makeStore(dir, "follow.pit")
        // Baseline 2.5, 2.5, 3, 3: the part's median is 2.75, shown 2.8. Follow-up all 3.
        for step in steps.prefix(2) {
            try score(base, "la", a(step), 2)
            try score(base, "nhs", a(step), 3)
        }
        for step in steps.prefix(4) {
            if !steps.prefix(2).contains(step) { try score(base, "la", a(step), 3) }
            try score(follow, "la", a(step), 3)
        }
        let (c, md, html, _, parts) = try compared(base, follow)
        let centre = try XCTUnwrap(c.components.first { $0.id == .centre })
        XCTAssertEqual(centre.before.median, 2.75)
        XCTAssertEqual(centre.change, 0.2)
        XCTAssertTrue(unpadded(md).contains("| 2.8 (2.5–3) → 3 (3), 4 elements | ▲ +0.2 |"), md)
        XCTAssertFalse(md.contains("+0.3") || html.contains("+0.3"))
        XCTAssertTrue(html.contains(">same 4: 2.8 → 3, ▲ +0.2</text>"), html)
        XCTAssertTrue(html.contains("<b>▲ +0.2</b>"), html)
        XCTAssertTrue(parts.contains(",2.8,2.5,3,4,3,3,3,4,10,4,2.8,2.5,3,3,3,3,0.2\r\n"), parts)
    }

    func testAnElementAnsweredOnlyDontKnowOrNotApplicableSaysSo() throws {
        let dir = TempDir()
        let base = try makeStore(dir, "base.pit"), follow = try makeStore(dir, "follow.pit")
        try base.append(.scoreRecorded(group: "la", element: a("leadership"), answer: .dontKnow, note: nil), author: "Fac")
        try follow.append(.scoreRecorded(group: "la", element: a("leadership"), answer: .notApplicable, note: nil), author: "Fac")
        try base.append(.scoreRecorded(group: "la", element: a("needs-assessment"), answer: .dontKnow, note: nil), author: "Fac")
        try base.append(.scoreRecorded(group: "nhs", element: a("needs-assessment"), answer: .notApplicable, note: nil), author: "Fac")
        let (_, md, html, csv, _) = try compared(base, follow)
        XCTAssertTrue(unpadded(md).contains("| Step 1 Leadership in place | – | don't know | – | N/A | – |"), md)
        XCTAssertTrue(unpadded(md).contains("| Step 2 Joint needs assessment | – | N/A and don't know | – | not scored | – |"), md)
        XCTAssertTrue(unpadded(md).contains("| Step 3 Joint priority setting | – | not scored | – | not scored | – |"), md)
        XCTAssertTrue(csv.contains(",\"leadership\",1,\"Leadership in place\",,\"don't know\",,,,\"N/A\",,,\r\n"), csv)
        XCTAssertTrue(html.contains("<td>don&#39;t know</td>") && html.contains("<td>N/A</td>"), html)
    }
}
