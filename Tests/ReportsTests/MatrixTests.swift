import Foundation
import Instruments
import SessionEngine
import XCTest
@testable import Reports

/// Hand-built sessions with known answers.
final class MatrixTests: XCTestCase {
    /// leadership: 2, 4, 4, 5 (divergent); needs-assessment: 3, 3, N/A, RP missing, agreed 2;
    /// priorities: 1, 2 (median 1.5); interventions: all N/A; targets: 3, agreed N/A;
    /// information-governance: 1, 3; programme-management: 2, 2; whole-system: nobody;
    /// business-plan: a score that was undone; tool-b empowerment: 4 (not a session instrument).
    func handSession(_ dir: TempDir) throws -> SessionStore {
        let s = try makeStore(dir)
        try score(s, "la", a("leadership"), 2)
        try score(s, "nhs", a("leadership"), 4, note: "Board minutes show it")
        try score(s, "vcse", a("leadership"), 4)
        try score(s, "res", a("leadership"), 5)
        try score(s, "la", a("needs-assessment"), 3)
        try score(s, "nhs", a("needs-assessment"), 3)
        try score(s, "vcse", a("needs-assessment"), nil)
        try s.append(.agreedScoreRecorded(element: a("needs-assessment"), answer: .level(2), rationale: "Data not shared"), author: "Fac")
        try score(s, "la", a("priorities"), 1)
        try score(s, "nhs", a("priorities"), 2)
        for g in ["la", "nhs", "vcse", "res"] { try score(s, g, a("interventions"), nil) }
        try score(s, "la", a("targets"), 3)
        try s.append(.agreedScoreRecorded(element: a("targets"), answer: .notApplicable, rationale: "Too early"), author: "Fac")
        try score(s, "la", a("information-governance"), 1)
        try score(s, "nhs", a("information-governance"), 3)
        try score(s, "la", a("programme-management"), 2)
        try score(s, "nhs", a("programme-management"), 2)
        let e = try s.append(.scoreRecorded(group: "nhs", element: a("business-plan"), answer: .level(5), note: nil), author: "Fac")
        try s.append(.undone(seq: e.seq), author: "Fac")
        try score(s, "la", ElementRef(instrument: "tool-b", element: "empowerment"), 4)
        try s.append(.actionAdded(id: "x1", element: a("priorities"), what: "Agree shared priorities", owner: "Board", due: "2026-02-01"),
                     author: "Fac")
        try s.append(.noteAdded(id: "n1", element: a("priorities"), text: "Revisit"), author: "Fac")
        return s
    }

    func testScopeCoversSessionInstrumentsThenOthersWithScores() throws {
        let dir = TempDir()
        let s = try handSession(dir)
        let scope = ReportScope.make(state: s.state, catalogue: catalogue)
        XCTAssertEqual(scope.instruments.map(\.id), ["tool-a", "tool-b"])
        XCTAssertEqual(scope.instruments[0].elements.map(\.ref.element), catalogue.instrument("tool-a")!.elements.map(\.id))
        XCTAssertEqual(scope.instruments[0].elements[1].name, "Step 2 Joint needs assessment")
        XCTAssertEqual(scope.instruments[1].elements[0].code, "Element 1")
        XCTAssertTrue(scope.isMixed)
        let only = ReportScope.make(state: s.state, catalogue: catalogue, instruments: ["tool-a"])
        XCTAssertEqual(only.instruments.map(\.id), ["tool-a"])
    }

    func testUnknownInstrumentAndElementStillReported() throws {
        let dir = TempDir()
        let s = try makeStore(dir)
        try score(s, "la", ElementRef(instrument: "local-tool", element: "x2"), 3)
        try score(s, "la", a("retired-step"), 2)
        let scope = ReportScope.make(state: s.state, catalogue: catalogue)
        XCTAssertEqual(scope.instruments.map(\.id), ["tool-a", "local-tool"])
        XCTAssertEqual(scope.instruments[0].elements.last?.ref.element, "retired-step")
        XCTAssertNil(scope.instruments[0].elements.last?.number)
        XCTAssertFalse(scope.instruments[1].inCatalogue)
        XCTAssertEqual(GroupMatrix.make(state: s.state, catalogue: catalogue).rows.count, 12)
    }

    func testLevelMatrix() throws {
        let dir = TempDir()
        let s = try handSession(dir)
        let m = LevelMatrix.make(state: s.state, catalogue: catalogue)
        let sec = m.sections[0]
        XCTAssertEqual(sec.columns.map(\.heading), ["1", "2", "3", "4", "5", "N/A"])
        XCTAssertEqual(sec.columns[2].label, "Developing")
        let lead = sec.rows[0]
        XCTAssertEqual(lead.cells.map { $0.map(\.id) }, [[], ["la"], [], ["nhs", "vcse"], ["res"], []])
        XCTAssertEqual(lead.notScored, [])
        let needs = sec.rows[1]
        XCTAssertEqual(needs.cells.map { $0.map(\.id) }, [[], [], ["la", "nhs"], [], [], ["vcse"]])
        XCTAssertEqual(needs.notScored.map(\.id), ["res"])
        XCTAssertEqual(needs.agreed, .level(2))
        let whole = sec.rows[3]
        XCTAssertEqual(whole.element.ref.element, "whole-system")
        XCTAssertTrue(whole.cells.allSatisfy(\.isEmpty))
        XCTAssertEqual(whole.notScored.count, 4)
        let interventions = sec.rows[4]
        XCTAssertEqual(interventions.cells.last?.count, 4)
        let plan = sec.rows[6]
        XCTAssertEqual(plan.element.ref.element, "business-plan")
        XCTAssertTrue(plan.cells.allSatisfy(\.isEmpty), "an undone score does not count")
        XCTAssertEqual(m.rows.count, 10 + catalogue.instrument("tool-b")!.elements.count)
    }

    func testLevelOutsideTheScaleGetsAColumn() throws {
        let dir = TempDir()
        let s = try makeStore(dir)
        try score(s, "la", a("leadership"), 7)
        let m = LevelMatrix.make(state: s.state, catalogue: catalogue)
        XCTAssertEqual(m.sections[0].columns.map(\.heading), ["1", "2", "3", "4", "5", "7", "N/A"])
        XCTAssertEqual(m.sections[0].rows[0].cells[5].map(\.id), ["la"])
    }

    func testGroupMatrix() throws {
        let dir = TempDir()
        let s = try handSession(dir)
        let m = GroupMatrix.make(state: s.state, catalogue: catalogue)
        XCTAssertEqual(m.groups.map(\.id), ["la", "nhs", "vcse", "res"])
        let lead = m.sections[0].rows[0]
        XCTAssertEqual(lead.cells.map(\.level), [2, 4, 4, 5])
        XCTAssertEqual(lead.cells[1].note, "Board minutes show it")
        XCTAssertEqual(lead.median, 4)
        XCTAssertEqual(lead.min, 2)
        XCTAssertEqual(lead.max, 5)
        XCTAssertEqual(lead.range, 3)
        XCTAssertTrue(lead.divergent)
        XCTAssertNil(lead.agreed)
        let needs = m.sections[0].rows[1]
        XCTAssertEqual(needs.cells.map(\.answer), [.level(3), .level(3), .notApplicable, nil])
        XCTAssertEqual(needs.median, 3)
        XCTAssertFalse(needs.divergent)
        XCTAssertEqual(needs.agreed?.answer, .level(2))
        XCTAssertEqual(needs.agreed?.rationale, "Data not shared")
        let prio = m.sections[0].rows[2]
        XCTAssertEqual(prio.median, 1.5, "an even count takes the middle two")
        XCTAssertFalse(prio.divergent)
        let whole = m.sections[0].rows[3]
        XCTAssertNil(whole.median)
        XCTAssertNil(whole.range)
        XCTAssertTrue(whole.cells.allSatisfy { $0.answer == nil })
        let ig = m.sections[0].rows[7]
        XCTAssertEqual(ig.element.ref.element, "information-governance")
        XCTAssertTrue(ig.divergent, "two levels apart is divergent at the default threshold")
        let strict = GroupMatrix.make(state: s.state, catalogue: catalogue, divergenceThreshold: 3)
        XCTAssertFalse(strict.sections[0].rows[7].divergent)
        XCTAssertTrue(strict.sections[0].rows[0].divergent)
    }

    func testRemovedGroupLeavesTheMatrix() throws {
        let dir = TempDir()
        let s = try handSession(dir)
        try s.append(.groupRemoved(id: "vcse"), author: "Fac")
        let m = GroupMatrix.make(state: s.state, catalogue: catalogue)
        XCTAssertEqual(m.groups.map(\.id), ["la", "nhs", "res"])
        XCTAssertEqual(m.sections[0].rows[0].cells.map(\.level), [2, 4, 5])
        XCTAssertEqual(m.sections[0].rows[0].median, 4)
    }

    func testPrioritiesWeakestFirstWithTies() throws {
        let dir = TempDir()
        let s = try handSession(dir)
        let p = Priorities.make(state: s.state, catalogue: catalogue, instruments: ["tool-a"])
        XCTAssertEqual(p.items.map(\.element.ref.element),
                       ["priorities", "information-governance", "needs-assessment", "programme-management", "leadership"])
        XCTAssertEqual(p.items.map(\.score.value), [1.5, 2, 2, 2, 4])
        XCTAssertEqual(p.items.map(\.score.source), [.median, .median, .agreed, .median, .median])
        XCTAssertEqual(p.items[0].actions.map(\.what), ["Agree shared priorities"])
        XCTAssertEqual(p.items[0].notes.map(\.text), ["Revisit"])
        XCTAssertEqual(p.items[4].scoreNotes.map(\.note), ["Board minutes show it"])
        XCTAssertEqual(p.unscored.map(\.element.ref.element),
                       ["whole-system", "interventions", "targets", "business-plan", "evaluation"])
        XCTAssertEqual(p.unscored[2].score.source, .agreedNotApplicable)
    }

    func testTriangleRollup() throws {
        let dir = TempDir()
        let s = try handSession(dir)
        let r = TriangleRollup.make(state: s.state, catalogue: catalogue)
        XCTAssertEqual(r.components.map(\.id), Triangle.order)
        let centre = try XCTUnwrap(r[.centre])
        XCTAssertEqual(centre.score.median, 2)
        XCTAssertEqual(centre.score.min, 1.5)
        XCTAssertEqual(centre.score.max, 4)
        XCTAssertEqual(centre.score.scored, 5)
        XCTAssertEqual(centre.score.agreed, 1)
        XCTAssertEqual(centre.score.total, 10)
        XCTAssertEqual(centre.instruments.map(\.instrument.id), ["tool-a"])
        let seam = try XCTUnwrap(r[.civicCommunity])
        XCTAssertEqual(seam.score.median, 4)
        XCTAssertEqual(seam.score.scored, 1)
        XCTAssertEqual(seam.score.total, catalogue.instrument("tool-b")!.elements.count)
        let civic = try XCTUnwrap(r[.civic])
        XCTAssertNil(civic.score.median)
        XCTAssertEqual(civic.score.total, 0)
        XCTAssertEqual(civic.score.text, "not assessed")
    }

    func testEmptySession() throws {
        let dir = TempDir()
        let s = try makeStore(dir, groups: [])
        XCTAssertTrue(GroupMatrix.make(state: s.state, catalogue: catalogue).rows.allSatisfy { $0.cells.isEmpty && $0.median == nil })
        XCTAssertTrue(Priorities.make(state: s.state, catalogue: catalogue).items.isEmpty)
        XCTAssertNil(TriangleRollup.make(state: s.state, catalogue: catalogue)[.centre]?.score.median)
        let md = MarkdownReport.render(state: s.state, events: s.events, catalogue: catalogue, options: fixedOptions)
        XCTAssertTrue(md.contains("No element has a score yet."))
        XCTAssertFalse(HTMLReport.render(state: s.state, events: s.events, catalogue: catalogue, options: fixedOptions).isEmpty)
        XCTAssertNoThrow(try CSVExport.render(state: s.state, catalogue: catalogue, options: fixedOptions))
    }

    func testASelfAssessmentReportSpeaksOfOnePartnerAndReportsNotApplicable() throws {
        let dir = TempDir()
        let s = try SessionStore.create(at: dir.file("self.pit"),
                                        info: SessionInfo(title: "NHS Trust self-assessment", place: "Northbridge", date: "2026-01-01",
                                                          facilitator: "NHS Trust", instruments: ["tool-a"], mode: .selfAssessment),
                                        groups: [Group(id: "p", name: "NHS Trust", sector: .nhs, initials: "NT")],
                                        author: "NHS Trust", scales: [:], clock: TestClock().clock)
        try score(s, "p", a("leadership"), 3)
        try score(s, "p", a("needs-assessment"), nil)
        let stepTwo = catalogue.instrument("tool-a")!.elements[1].title
        for report in [MarkdownReport.render(state: s.state, events: s.events, catalogue: catalogue, options: fixedOptions),
                       HTMLReport.render(state: s.state, events: s.events, catalogue: catalogue, options: fixedOptions)] {
            XCTAssertFalse(report.contains("the room agreed"), "no room when a partner assesses alone")
            XCTAssertTrue(report.contains("the level the partner gave"))
            let na = try XCTUnwrap(report.components(separatedBy: "\n").first { $0.contains("Not applicable:") })
            XCTAssertTrue(na.contains(stepTwo), "an N/A answer is reported as N/A")
            let gaps = try XCTUnwrap(report.components(separatedBy: "\n").first { $0.contains("Not scored yet:") })
            XCTAssertFalse(gaps.contains(stepTwo), "an N/A answer is not a gap")
        }
        let workshop = try makeStore(dir)
        XCTAssertTrue(MarkdownReport.render(state: workshop.state, events: workshop.events, catalogue: catalogue).contains("the level the room agreed"))
    }

    func testTranscriptInPlainWords() throws {
        let dir = TempDir()
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_767_260_520), step: 60) // 2026-01-01 09:42 UTC
        let s = try makeStore(dir, clock: clock)
        try s.append(.scoreRecorded(group: "nhs", element: a("needs-assessment"), answer: .level(3), note: nil), author: "NHS Trust")
        try s.append(.scoreRecorded(group: "la", element: a("needs-assessment"), answer: .notApplicable, note: "Unsure"), author: "Fac")
        let undo = try XCTUnwrap(try s.undoLast(author: "Fac"))
        try s.redo(author: "Fac")
        try s.append(.revealed(a("needs-assessment")), author: "Fac")
        try s.append(.agreedScoreRecorded(element: a("needs-assessment"), answer: .level(3), rationale: "Shared data"), author: "Fac")
        try s.append(.actionAdded(id: "x", element: nil, what: "Share the data", owner: "NHS Trust", due: "2026-02-01"), author: "Fac")
        try s.append(.actionDone(id: "x"), author: "Fac")
        let t = Transcript.make(events: s.events, catalogue: catalogue)
        XCTAssertEqual(t.entries.count, s.events.count)
        let texts = t.entries.map(\.text)
        XCTAssertTrue(texts.contains("NHS Trust scored Step 2 Joint needs assessment: 3 Developing"), "\(texts)")
        XCTAssertTrue(texts.contains("City Council scored Step 2 Joint needs assessment: Not applicable, noting “Unsure”"))
        XCTAssertTrue(texts.contains { $0.hasPrefix("Fac undid event 7: City Council scored") }, "\(texts)")
        XCTAssertTrue(texts.contains { $0.hasPrefix("Fac redid event 7: City Council scored") }, "\(texts)")
        XCTAssertTrue(texts.contains("Fac revealed the scores for Step 2 Joint needs assessment"))
        XCTAssertTrue(texts.contains("Fac marked the action “Share the data” done"))
        let undoEntry = try XCTUnwrap(t.entries.first { $0.seq == undo.seq })
        XCTAssertFalse(undoEntry.inEffect, "the undo was itself undone by the redo")
        XCTAssertEqual(undoEntry.undoneBy, undo.seq + 1)
        XCTAssertTrue(t.entries.first { $0.seq == 7 }!.inEffect, "redone")

        let plain = TranscriptRender.plain(t, timeZone: fixedZone)
        XCTAssertTrue(plain.contains("10:44  #6   NHS Trust scored Step 2 Joint needs assessment: 3 Developing"), plain)
        XCTAssertTrue(plain.contains("Times in UTC+01:00"))
        XCTAssertTrue(plain.contains("[undone] Fac undid event 7"), plain)
    }
}

final class TimeFormatTests: XCTestCase {
    func testAgreesWithCalendar() {
        var cal = Calendar(identifier: .gregorian)
        for zone in [TimeZone(identifier: "UTC")!, fixedZone, TimeZone(identifier: "Europe/London")!,
                     TimeZone(secondsFromGMT: -(9 * 3600 + 30 * 60))!] {
            cal.timeZone = zone
            let f = TimeFormat(timeZone: zone)
            var t = -2_000_000_000.0
            while t < 4_000_000_000 {
                let d = Date(timeIntervalSince1970: t)
                let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: d)
                let offset = zone.secondsFromGMT(for: d)
                let expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
                    + String(format: "%@%02d:%02d", offset < 0 ? "-" : "+", abs(offset) / 3600, abs(offset) % 3600 / 60)
                XCTAssertEqual(f.iso(d), expected, "\(t) in \(zone.identifier)")
                t += 7_777_777.7
            }
        }
        XCTAssertEqual(TimeFormat(timeZone: fixedZone).iso(Date(timeIntervalSince1970: 1_767_258_000)), "2026-01-01T10:00:00+01:00")
        XCTAssertEqual(TimeFormat(timeZone: TimeZone(secondsFromGMT: -(9 * 3600 + 30 * 60))!).offset(at: Date()), "-09:30")
        // Past year 9999 the digits are not fixed in width; the offset still follows.
        XCTAssertEqual(TimeFormat(timeZone: fixedZone).iso(Date(timeIntervalSince1970: 300_000_000_000)), "11476-08-15T06:20:00+01:00")
    }
}
