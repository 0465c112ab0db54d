import CSV
import Foundation
import Instruments
import SessionEngine
import XCTest
@testable import Reports

/// "Don't know" (an evidence gap) and "not applicable" are different answers: both stay out
/// of medians, and every matrix and export counts them apart.
final class DontKnowTests: XCTestCase {
    /// Needs assessment: CC 2, NHS 4, VSF not applicable, RP don't know.
    func session(_ dir: TempDir) throws -> SessionStore {
        let s = try makeStore(dir)
        try score(s, "la", a("needs-assessment"), 2)
        try score(s, "nhs", a("needs-assessment"), 4)
        try s.append(.scoreRecorded(group: "vcse", element: a("needs-assessment"), answer: .notApplicable, note: nil), author: "Fac")
        try s.append(.scoreRecorded(group: "res", element: a("needs-assessment"), answer: .dontKnow, note: "No data"), author: "Fac")
        try s.append(.agreedScoreRecorded(element: a("targets"), answer: .dontKnow, rationale: "No baseline yet"), author: "Fac")
        return s
    }

    func testNeitherMovesTheMedianAndEachIsCountedApart() throws {
        let dir = TempDir()
        let s = try session(dir)
        let summary = s.state.summary(for: a("needs-assessment"))
        XCTAssertEqual(summary.median, 3, "only the levels 2 and 4 count")
        XCTAssertEqual(summary.count, 2)
        XCTAssertEqual(summary.notApplicableCount, 1)
        XCTAssertEqual(summary.dontKnowCount, 1)
        XCTAssertEqual(summary.respondedCount, 4)
    }

    func testTheStoreKeepsDontKnowApartFromNotApplicable() throws {
        let dir = TempDir()
        let s = try session(dir)
        s.close()
        let snap = try SessionStore.snapshot(at: dir.file("s.pit"), scales: [:])
        XCTAssertEqual(snap.state.scores[a("needs-assessment")]?["res"]?.answer, .dontKnow)
        XCTAssertEqual(snap.state.scores[a("needs-assessment")]?["vcse"]?.answer, .notApplicable)
        XCTAssertEqual(snap.state.agreed[a("targets")]?.answer, .dontKnow)
    }

    func testTheLevelMatrixHasADontKnowColumnBesideNotApplicable() throws {
        let dir = TempDir()
        let s = try session(dir)
        let section = try XCTUnwrap(LevelMatrix.make(state: s.state, catalogue: catalogue).sections.first)
        let na = try XCTUnwrap(section.columns.firstIndex { $0.isNotApplicable })
        let dk = try XCTUnwrap(section.columns.firstIndex { $0.isDontKnow })
        XCTAssertNotEqual(na, dk)
        XCTAssertEqual(section.columns[dk].heading, "DK")
        let row = try XCTUnwrap(section.rows.first { $0.element.ref == a("needs-assessment") })
        XCTAssertEqual(row.cells[na].map(\.id), ["vcse"])
        XCTAssertEqual(row.cells[dk].map(\.id), ["res"])
    }

    func testCSVMarksEachInItsOwnColumn() throws {
        let dir = TempDir()
        let s = try session(dir)
        let reader = try CSVReader(string: String(decoding: try CSVExport.render(state: s.state, catalogue: catalogue, options: fixedOptions), as: UTF8.self))
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        let header = try XCTUnwrap(rows.first)
        let na = try XCTUnwrap(header.firstIndex(of: "not_applicable")), dk = try XCTUnwrap(header.firstIndex(of: "dont_know"))
        let group = try XCTUnwrap(header.firstIndex(of: "group_id"))
        let byGroup = Dictionary(uniqueKeysWithValues: rows.dropFirst().filter { $0.count == header.count }.map { ($0[group], $0) })
        XCTAssertEqual(byGroup["vcse"].map { [$0[na], $0[dk]] }, ["TRUE", "FALSE"])
        XCTAssertEqual(byGroup["res"].map { [$0[na], $0[dk]] }, ["FALSE", "TRUE"])
        XCTAssertEqual(byGroup["la"].map { [$0[na], $0[dk]] }, ["FALSE", "FALSE"])
    }

    func testJSONCountsThemApartAndImportsThemBack() throws {
        let dir = TempDir()
        let s = try session(dir)
        let json = try SessionJSON.render(state: s.state, events: s.events, catalogue: catalogue, options: fixedOptions)
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let state = try XCTUnwrap(doc["state"] as? [String: Any])
        let summaries = try XCTUnwrap(state["elements"] as? [[String: Any]])
        let needs = try XCTUnwrap(summaries.first { $0["element"] as? String == "needs-assessment" })
        XCTAssertEqual(needs["notApplicable"] as? Int, 1)
        XCTAssertEqual(needs["dontKnow"] as? Int, 1)
        XCTAssertEqual(needs["median"] as? Double, 3)
        let imported = try SessionJSON.decode(json)
        XCTAssertEqual(imported.events, s.events, "don't know survives export and import")
    }

    func testDontKnowAnswersAreListedAsEvidenceGapsInThePriorities() throws {
        let dir = TempDir()
        let s = try session(dir)
        let priorities = Priorities.make(state: s.state, catalogue: catalogue)
        XCTAssertEqual(priorities.evidenceGaps.map(\.element.ref), [a("needs-assessment"), a("targets")])
        XCTAssertEqual(Priorities.gapText(priorities.evidenceGaps[0]), "Residents' Panel answered don't know")
        let markdown = MarkdownReport.render(state: s.state, events: s.events, catalogue: catalogue, options: fixedOptions)
        XCTAssertTrue(markdown.contains("Evidence gaps"))
        XCTAssertTrue(markdown.contains("the room agreed it does not know"))
    }

    /// The report's closing lines keep three answers apart: "not applicable", not answered
    /// yet, and "don't know" (listed only as an evidence gap).
    func testNotApplicableNotAnsweredAndDontKnowAreListedApart() throws {
        let dir = TempDir()
        let s = try session(dir)
        try s.append(.scoreRecorded(group: "vcse", element: a("priorities"), answer: .notApplicable, note: nil), author: "Fac")
        let priorities = Priorities.make(state: s.state, catalogue: catalogue)
        XCTAssertEqual(priorities.notApplicable.map(\.element.ref), [a("priorities")])
        XCTAssertFalse(priorities.notAnswered.contains { $0.element.ref == a("targets") }, "an agreed don't know is an answer")
        XCTAssertTrue(priorities.notAnswered.contains { $0.element.ref == a("leadership") })
        let title = { (id: String) in catalogue.instrument("tool-a")!.elements.first { $0.id == id }!.title }
        let markdown = MarkdownReport.render(state: s.state, events: s.events, catalogue: catalogue, options: fixedOptions)
        let lines = markdown.components(separatedBy: "\n")
        let na = try XCTUnwrap(lines.first { $0.hasPrefix("Not applicable:") })
        XCTAssertTrue(na.contains(title("priorities")))
        XCTAssertFalse(na.contains(title("targets")), "don't know is not listed as not applicable")
        let notYet = try XCTUnwrap(lines.first { $0.hasPrefix("Not scored yet:") })
        XCTAssertFalse(notYet.contains(title("targets")), "don't know is listed as an evidence gap, not as unanswered")
        XCTAssertTrue(notYet.contains(title("leadership")))
    }
}
