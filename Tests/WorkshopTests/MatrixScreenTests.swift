import Foundation
import Reports
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

final class MatrixScreenTests: XCTestCase {
    /// The demo data on a fixed clock, so every matrix can be snapshotted.
    func demoApp() throws -> (App, ScratchSession) {
        let scratch = try ScratchSession(groups: [], instruments: ["tool-a"])
        let toolA = shippedCatalogue.instrument("tool-a")!
        try DemoSeed.fill(scratch.store, elements: [(instrument: "tool-a", elements: toolA.elements.map(\.id))],
                          seed: 7, start: Date(timeIntervalSince1970: 1_767_258_000))
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.timeZone = TimeZone(identifier: "UTC")!
        context.session = SessionController(store: scratch.store, author: "Sam")
        return (App(root: TriangleScreen(), context: context), scratch)
    }

    func testEveryMatrixViewAtEverySize() throws {
        let (start, scratch) = try demoApp()
        var app = start
        app.type("m")
        XCTAssertTrue(app.top is MatrixScreen)
        app.type("1")
        for view in MatrixScreen.View.allCases {
            XCTAssertEqual((app.top as? MatrixScreen)?.view, view)
            for (w, h) in snapshotSizes + [(160, 48)] {
                assertSnapshot(app.render(size: Size(width: w, height: h)), named: "matrix-\(view.rawValue + 1)-\(w)x\(h)")
            }
            app.press(.tab)
        }
        _ = scratch
    }

    func testHeatMapShowsEveryLevelAsANumberAndFlagsDivergence() throws {
        let (start, scratch) = try demoApp()
        var app = start
        app.type("m")
        app.type("2")
        let screen = app.render(size: Size(width: 120, height: 40))
        let summary = scratch.store.state.summary(for: ElementRef(instrument: "tool-a", element: "needs-assessment"))
        let row = try XCTUnwrap(screen.lines().first { $0.contains("2. Joint needs assessment") })
        for score in summary.scores {
            if case .level(let v) = score.score.answer { XCTAssertTrue(row.contains(" \(v) "), row) }
        }
        XCTAssertEqual(summary.divergent, row.contains("▲"))
    }

    func testHeatMapCellsAreColourBlocksAndUnscoredRowsFold() throws {
        let (start, _) = try demoApp()
        var app = start
        app.type("m")
        app.type("2")
        let canvas = app.render(size: Size(width: 80, height: 24))
        let lines = canvas.lines(), roles = canvas.roleLines()
        let y = try XCTUnwrap(lines.firstIndex { $0.contains("1. Leadership in place") })
        // Every scored cell is a run of at least three cells in its level's colour.
        let runs = roles[y].split(whereSeparator: { !"12345".contains($0) }).map(\.count)
        XCTAssertGreaterThanOrEqual(runs.count, 4, roles[y])
        XCTAssertTrue(runs.allSatisfy { $0 >= 3 }, "cells wide enough to read: \(roles[y])")
        XCTAssertFalse(lines.contains { $0.contains("10. Built-in evaluation") }, "a row nobody scored is folded away")
        XCTAssertTrue(lines.contains { $0.contains("Not scored yet (folded): element 10") })
    }

    func testLevelMatrixSeparatesInitialsWithCommas() throws {
        let (start, _) = try demoApp()
        var app = start
        app.type("m")
        app.type("1")
        let lines = app.render(size: Size(width: 120, height: 40)).lines()
        let row = try XCTUnwrap(lines.first { $0.contains("2. Joint needs assessment") })
        XCTAssertTrue(row.contains(",") , "groups at one level are listed with commas: \(row)")
    }

    func testScrollingStopsAtTheEnd() throws {
        let (start, _) = try demoApp()
        var app = start
        app.type("m")
        app.type("6")
        _ = app.render(size: Size(width: 80, height: 24))   // as the run loop does after every key
        for _ in 0..<500 { app.press(.pageDown) }
        let bottom = app.render(size: Size(width: 80, height: 24))
        app.press(.up)
        let oneUp = app.render(size: Size(width: 80, height: 24))
        XCTAssertNotEqual(bottom.plainText, oneUp.plainText, "one key up moves the view")
    }

    func testExportWritesAReportAndRefusesToOverwrite() throws {
        let (start, scratch) = try demoApp()
        var app = start
        app.type("m")
        app.type("e")
        let path = scratch.folder.appendingPathComponent("out.html").path
        app.press(.enter)                 // html
        app.type(path)
        app.press(.enter)
        XCTAssertTrue(app.top is MatrixScreen)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(html.contains("<svg"))
        app.type("e")
        app.press(.enter)
        app.type(path)
        app.press(.enter)
        XCTAssertTrue(app.top is PromptScreen, "an existing file is not overwritten")
    }

    func testActionsCanBeMarkedDoneAndUndone() throws {
        let (start, scratch) = try demoApp()
        var app = start
        app.type("m")
        app.type("5")
        let before = app.render(size: Size(width: 120, height: 40))
        let open = scratch.store.state.actions.filter { !$0.done }
        XCTAssertFalse(open.isEmpty)
        XCTAssertTrue(before.contains("[ ] " + open[0].what.prefix(20)), before.plainText)
        app.press(.enter)
        XCTAssertTrue(scratch.store.state.action(id: open[0].id)!.done)
        XCTAssertTrue(app.context.message?.hasPrefix("Saved: done") ?? false)
        app.type("u")
        XCTAssertFalse(scratch.store.state.action(id: open[0].id)!.done, "u takes it back")
    }

    func testTheSelectionFollowsAnActionMarkedDone() throws {
        let (start, scratch) = try demoApp()
        var app = start
        app.type("m"); app.type("5")
        let open = scratch.store.state.actions.filter { !$0.done }
        XCTAssertGreaterThan(open.count, 1)
        app.press(.enter)
        app.press(.enter)                         // on the same action, now done: nothing more is marked
        XCTAssertEqual(app.context.message, "Already done; u takes it back")
        XCTAssertFalse(scratch.store.state.action(id: open[1].id)!.done, "the action that moved up into the row is untouched")
    }

    /// The heat map is worked out once per change of the session, and again after every change.
    func testMatricesAreMadeOncePerChangeOfTheSession() throws {
        let (start, scratch) = try demoApp()
        let session = try XCTUnwrap(start.context.session)
        var made = 0
        func heat() -> Int { session.memo.value(for: scratch.store, threshold: session.divergenceThreshold) { made += 1; return made } }
        XCTAssertEqual([heat(), heat(), heat()], [1, 1, 1], "no change: one making")
        let state = scratch.store.state
        let ref = try XCTUnwrap(state.scores.keys.sorted { $0.element < $1.element }.first { !state.locked.contains($0) })
        let group = try XCTUnwrap(state.groups.first).id
        XCTAssertTrue(session.record(.scoreRecorded(group: group, element: ref, answer: .level(1), note: nil)), session.lastFailure ?? "")
        XCTAssertEqual(heat(), 2, "a change makes it again")
        _ = session.undo()
        XCTAssertEqual(heat(), 3, "an undo too")
        session.divergenceThreshold += 1
        XCTAssertEqual(heat(), 4, "and a new threshold")

        // On screen: the heat map follows a score recorded while it is shown.
        var app = start
        app.type("m")
        app.type("2")
        let before = app.render(size: Size(width: 160, height: 48)).plainText
        let other = scratch.store.state.scores[ref]?[group]?.answer == .level(5) ? 1 : 5
        XCTAssertTrue(session.record(.scoreRecorded(group: group, element: ref, answer: .level(other), note: nil)), session.lastFailure ?? "")
        let after = app.render(size: Size(width: 160, height: 48)).plainText
        XCTAssertNotEqual(before, after, "the new score shows at once")
    }

    /// Long level-matrix cells are cut before drawing; what shows must not change.
    func testClippedCellsDrawAsTheWholeCells() {
        let long = (1...400).map { "P\($0)" }.joined(separator: ",")
        let wide = String(repeating: "語", count: 50) + "x"
        let cells = [TableCell("1. Leadership"), TableCell(long, role: .heat3), TableCell(wide), TableCell("short")]
        let columns = [TableColumn("Element", minWidth: 12, maxWidth: 34)]
            + (1...3).map { TableColumn("\($0)", minWidth: 3, maxWidth: 18, alignment: .left) }
        for widths in [[12, 5, 5, 5], [14, 18, 7, 3], [12, 3, 4, 18]] {
            let clipped = MatrixTables.clipped(cells, to: widths)
            XCTAssertLessThan(clipped[1].text.count, 40, "the long cell is cut")
            for maxX in [30, 60] {
                var whole = Canvas(width: 60, height: 1), cut = Canvas(width: 60, height: 1)
                Table.drawRow(cells, columns: columns, widths: widths, x: 0, y: 0, maxX: maxX, on: &whole)
                Table.drawRow(clipped, columns: columns, widths: widths, x: 0, y: 0, maxX: maxX, on: &cut)
                XCTAssertEqual(cut.plainText, whole.plainText, "widths \(widths), maxX \(maxX)")
                XCTAssertEqual(cut.roleLines(), whole.roleLines())
            }
        }
    }
}

final class TranscriptBoundTests: XCTestCase {
    /// Text that skipped the checks on the way in (a note of 100,000 characters) is cut in the
    /// transcript view, so a frame never wraps megabytes; the start of it still shows.
    func testAnOverlongEntryIsCutInTheTranscriptView() {
        let start = Date(timeIntervalSince1970: 1_767_258_000)
        let events = [
            Event(seq: 1, at: start, author: "Sam", payload: .sessionCreated(SessionInfo(title: "Long"))),
            Event(seq: 2, at: start, author: "Sam", payload: .noteAdded(id: "n1", element: nil, text: "begin " + String(repeating: "z", count: 100_000))),
        ]
        let context = makeContext()
        context.timeZone = TimeZone(identifier: "UTC")!
        var canvas = Canvas(width: 80, height: 24)
        let extent = MatrixTables.transcript(Transcript.make(events: events, catalogue: context.catalogue),
                                             in: Rect(x: 0, y: 0, width: 80, height: 24), scroll: 0, canvas: &canvas, context: context)
        XCTAssertTrue(canvas.lines().joined().contains("begin"))
        let lines = extent.lines
        XCTAssertLessThanOrEqual(lines, 20_100 / 72 + 2, "wrapped lines of the cut entry")
        XCTAssertGreaterThan(lines, 20_000 / 80, "but not cut shorter than the limit")
    }
}
