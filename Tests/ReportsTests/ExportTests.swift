import CSV
import Foundation
import Instruments
import SessionEngine
import XCTest
@testable import Escaping
@testable import Reports

final class GoldenTests: XCTestCase {
    func testGoldenExports() throws {
        let dir = TempDir()
        let s = try goldenSession(dir)
        let st = s.state, ev = s.events
        assertGolden(MarkdownReport.render(state: st, events: ev, catalogue: catalogue, options: fixedOptions), "report.md")
        assertGolden(HTMLReport.render(state: st, events: ev, catalogue: catalogue, options: fixedOptions), "report.html")
        for table in CSVExport.Table.allCases {
            assertGolden(try CSVExport.render(state: st, catalogue: catalogue, table: table, options: fixedOptions), "\(table.rawValue).csv")
        }
        assertGolden(try SessionJSON.render(state: st, events: ev, catalogue: catalogue, options: fixedOptions), "session.json")
        let t = Transcript.make(events: ev, catalogue: catalogue)
        assertGolden(TranscriptRender.plain(t, timeZone: fixedZone), "transcript.txt")
        assertGolden(TranscriptRender.markdown(t, timeZone: fixedZone), "transcript.md")
    }

    func testGoldenComparison() throws {
        let dir = TempDir()
        let base = try goldenSession(dir, "base.pit", seed: 1, hostile: false)
        let follow = try goldenSession(dir, "follow.pit", seed: 5, start: Date(timeIntervalSince1970: 1_782_896_400), hostile: false)
        let c = Comparison.make(baseline: base.state, followUp: follow.state, catalogue: catalogue)
        assertGolden(ComparisonRender.markdown(c), "compare.md")
        assertGolden(try ComparisonRender.csv(c), "compare.csv")
        assertGolden(try ComparisonRender.csv(c, table: .components), "compare-components.csv")
        assertGolden(ComparisonRender.html(c), "compare.html")
    }

    func testExportsDoNotDependOnTheMachineZone() throws {
        let dir = TempDir()
        let s = try goldenSession(dir)
        let md = MarkdownReport.render(state: s.state, events: s.events, catalogue: catalogue, options: fixedOptions)
        XCTAssertTrue(md.contains("shown in UTC+01:00"))
        let utc = MarkdownReport.render(state: s.state, events: s.events, catalogue: catalogue,
                                        options: ReportOptions(timeZone: TimeZone(identifier: "UTC")!))
        XCTAssertTrue(utc.contains("shown in UTC+00:00"))
        let named = TimeFormat(timeZone: TimeZone(identifier: "Europe/London")!)
        XCTAssertEqual(named.label(at: Date(timeIntervalSince1970: 1_782_896_400)), "Europe/London (UTC+01:00)")
    }
}

final class EscapingTests: XCTestCase {
    var dir: TempDir!
    var store: SessionStore!

    override func setUpWithError() throws {
        dir = TempDir()
        store = try goldenSession(dir)
    }

    override func tearDown() {
        store = nil
        dir = nil
    }

    func testMarkdownEscapesUserText() throws {
        let md = MarkdownReport.render(state: store.state, events: store.events, catalogue: catalogue, options: fixedOptions)
        XCTAssertFalse(md.contains("<script>"))
        XCTAssertTrue(md.contains("\\<script\\>alert(1)\\</script\\>"))
        XCTAssertFalse(md.contains("<b>bold</b>"))
        // Every table row keeps its shape: same number of unescaped pipes as its header.
        var expected: Int? = nil
        for line in md.components(separatedBy: "\n") {
            guard line.hasPrefix("|") else { expected = nil; continue }
            let pipes = unescapedPipes(line)
            if let e = expected { XCTAssertEqual(pipes, e, "table row broken: \(line)") } else { expected = pipes }
        }
        XCTAssertTrue(md.contains("Pipes \\| and / newlines, \\`code\\`, \\*stars\\*, \\_under\\_ \\<b\\>bold\\</b\\>"))
        XCTAssertFalse(md.components(separatedBy: "\n").contains { $0.hasPrefix("# not a heading") || $0.hasPrefix("* not a list") })
        XCTAssertTrue(md.contains("تعليق باللغة العربية 👩🏽‍⚕️ ✅"))
        XCTAssertTrue(md.contains("\\=HYPERLINK"), "a leading = in a cell cannot make a setext heading")
    }

    func testMarkdownTablesAlignTheirColumnsAndSizeThemForWord() throws {
        let md = MarkdownReport.render(state: store.state, events: store.events, catalogue: catalogue, options: fixedOptions)
        XCTAssertFalse(md.contains("<br>"), "raw HTML line breaks are lost on the way to Word")
        let lines = md.components(separatedBy: "\n")
        let head = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("| #") && $0.contains("Divergent") && $0.contains("Actions") })
        func cells(_ line: String) -> [String] {
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map(String.init)
        }
        let names = cells(lines[head]).map { $0.trimmingCharacters(in: .whitespaces) }
        let rule = cells(lines[head + 1])
        XCTAssertEqual(rule.count, names.count)
        let byName = Dictionary(uniqueKeysWithValues: zip(names, rule))
        for number in ["#", "Score", "Groups: median (range)"] {
            XCTAssertTrue(byName[number]!.hasSuffix(":") && !byName[number]!.hasPrefix(":"), "\(number) is right-aligned")
        }
        for text in ["Element", "Basis", "Actions"] {
            XCTAssertTrue(byName[text]!.hasPrefix(":") && !byName[text]!.hasSuffix(":"), "\(text) is left-aligned")
        }
        XCTAssertGreaterThanOrEqual(byName["Element"]!.count, 4 * byName["#"]!.count, "pandoc sizes columns by their dashes")
        // Padded: every row's column boundaries line up with the rule's (for cells that fit).
        let firstRow = cells(lines[head + 2])
        XCTAssertEqual(firstRow[0].count, rule[0].count)
    }

    func unescapedPipes(_ line: String) -> Int {
        var n = 0, escaped = false
        for ch in line {
            if escaped { escaped = false; continue }
            if ch == "\\" { escaped = true } else if ch == "|" { n += 1 }
        }
        return n
    }

    func testTheLevelMatrixHeadsTheDontKnowColumnDK() throws {
        // An element no group has scored yet in the golden session, so voting on it is open.
        let el = try XCTUnwrap(catalogue.instrument("tool-c")!.elements.map { ElementRef(instrument: "tool-c", element: $0.id) }
            .last { store.state.scores[$0, default: [:]].isEmpty && !store.state.locked.contains($0) })
        let groups = store.state.groups.map(\.id)
        try store.append(.scoreRecorded(group: groups[0], element: el, answer: .notApplicable, note: nil), author: "Sam")
        try store.append(.scoreRecorded(group: groups[1], element: el, answer: .dontKnow, note: nil), author: "Sam")
        let md = MarkdownReport.render(state: store.state, events: store.events, catalogue: catalogue, options: fixedOptions)
        let heads = md.components(separatedBy: "\n").filter { $0.hasPrefix("| Element") && $0.contains("Not scored") }
        XCTAssertTrue(heads.contains { $0.contains("| N/A") && $0.contains("| DK") }, heads.joined(separator: "\n"))
        XCTAssertFalse(heads.contains { $0.components(separatedBy: "| N/A").count > 2 }, "no second N/A column")
        let html = HTMLReport.render(state: store.state, events: store.events, catalogue: catalogue, options: fixedOptions)
        XCTAssertTrue(html.contains(">N/A</th>") && html.contains(">DK</th>"))
    }

    func testAHeadingKeepsATitleWithLineBreaksOnItsOneLine() throws {
        var state = store.state
        state.info.title = "Line one\nLine two"
        let md = MarkdownReport.render(state: state, events: store.events, catalogue: catalogue, options: fixedOptions)
        XCTAssertEqual(md.components(separatedBy: "\n").first, "# Line one / Line two")
        let transcript = TranscriptRender.markdown(Transcript.make(events: store.events, state: state, catalogue: catalogue))
        XCTAssertEqual(transcript.components(separatedBy: "\n").first, "# Transcript: Line one / Line two")
    }

    func testMarkdownEscapeUnits() {
        XCTAssertEqual(Escape.markdownCell("a|b\nc"), "a\\|b / c")
        XCTAssertEqual(Escape.markdownCell("# h"), "\\# h")
        XCTAssertEqual(Escape.markdownText("- item"), "\\- item")
        XCTAssertEqual(Escape.markdownText("1. one"), "1\\. one")
        XCTAssertEqual(Escape.markdownText("    code"), "code")
        XCTAssertEqual(Escape.markdownText("[x](http://e)"), "\\[x\\](http://e)")
        XCTAssertEqual(Escape.markdownText("a\nb", indent: 2), "a\\\n  b")
        XCTAssertEqual(Escape.markdownCell(""), "")
    }

    func testHTMLEscapesUserText() throws {
        let html = HTMLReport.render(state: store.state, events: store.events, catalogue: catalogue, options: fixedOptions)
        XCTAssertFalse(html.lowercased().contains("<script"), "no script element, not even the user's")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        XCTAssertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt;"))
        XCTAssertTrue(html.contains("تعليق باللغة العربية 👩🏽‍⚕️ ✅"))
        // Self-contained: no external resources of any kind.
        for bad in ["<link", "src=", "href=", "@import", "url(http", "<iframe", "<img"] {
            XCTAssertFalse(html.contains(bad), "found \(bad)")
        }
        XCTAssertTrue(html.contains("@page { size: A4"))
        XCTAssertTrue(html.contains("@media print"))
        XCTAssertTrue(html.contains("<svg"))
        XCTAssertEqual(Escape.html("<a href='x'>&</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;")
    }

    func testHeatMapWritesANumberInEveryScoredCell() throws {
        let m = GroupMatrix.make(state: store.state, catalogue: catalogue)
        let svg = HTMLParts.heatmapSVG(m.sections[0], groups: m.groups, id: "t")
        let cells = m.sections[0].rows.flatMap(\.cells)
        let levels = cells.filter { $0.level != nil }.count
        let na = cells.filter { $0.answer == .notApplicable }.count
        func count(_ s: String) -> Int { svg.components(separatedBy: s).count - 1 }
        XCTAssertEqual(count("\"/><text "), cells.count, "a rectangle and a text per cell")
        XCTAssertEqual(count(">N/A</text></g>"), na)
        XCTAssertEqual(count(">–</text></g>"), cells.count - levels - na)
        for l in 1...5 {
            XCTAssertEqual(count(">\(l)</text></g>"), cells.filter { $0.level == l }.count, "cells at level \(l)")
        }
        XCTAssertGreaterThan(count(">Divergent</text>"), 0, "the heat map's headings are whole words")
        XCTAssertEqual(count(">Diverge</text>"), 0)
        XCTAssertEqual(count("…</text>"), 0, "element names in the heat map are whole")
    }

    func testCSVNeutralisesFormulas() throws {
        let scores = try CSVExport.render(state: store.state, catalogue: catalogue, options: fixedOptions)
        let rows = try parse(scores)
        XCTAssertEqual(rows[0], CSVExport.scoreColumns)
        let note = rows.first { $0[4] == "barriers" && $0[7] == "nhs" }?[14]
        XCTAssertEqual(note, "'\tleading tab and =1+1")
        XCTAssertTrue(rows.dropFirst().allSatisfy { Int($0[10]) != nil || $0[12] == "TRUE" || $0[13] == "TRUE" }, "levels stay numbers")

        let actions = try parse(try CSVExport.render(state: store.state, catalogue: catalogue, table: .actions, options: fixedOptions))
        let formula = try XCTUnwrap(actions.first { $0[3] == "a-formula" })
        XCTAssertEqual(formula[8], "'=HYPERLINK(\"http://x\",\"y\")")
        XCTAssertEqual(formula[9], "'@SUM(A1)")
        let minus = try XCTUnwrap(actions.first { $0[3] == "a-minus" })
        XCTAssertEqual(minus[8], "'-5 staff in the team")
        XCTAssertEqual(minus[9], "'+1 volunteer")

        let agreed = try parse(try CSVExport.render(state: store.state, catalogue: catalogue, table: .agreed, options: fixedOptions))
        let rationale = try XCTUnwrap(agreed.first { $0[4] == "barriers" })[11]
        XCTAssertEqual(rationale, "Pipes | and\nnewlines, `code`, *stars*, _under_ <b>bold</b>", "quoted, not mangled")
        XCTAssertTrue(agreed.allSatisfy { $0.count == CSVExport.agreedColumns.count })

        XCTAssertEqual(Escape.spreadsheetCell("=1"), "'=1")
        XCTAssertEqual(Escape.spreadsheetCell("\r1"), "'\r1")
        XCTAssertEqual(Escape.spreadsheetCell("3"), "3")
        XCTAssertEqual(Escape.spreadsheetCell("a=b"), "a=b")
        XCTAssertEqual(Escape.spreadsheetCell(""), "")
        XCTAssertTrue(CSVExport.isPlainNumber("-1.5"))
        XCTAssertFalse(CSVExport.isPlainNumber("+1"))
        XCTAssertFalse(CSVExport.isPlainNumber("-1+2"))
    }

    func testNotesThatAreNotScoreNotesHaveTheirOwnTable() throws {
        let notes = try parse(try CSVExport.render(state: store.state, catalogue: catalogue, table: .notes, options: fixedOptions))
        XCTAssertEqual(notes[0], CSVExport.noteColumns)
        XCTAssertEqual(Set(notes.dropFirst().map { $0[3] }), Set(store.state.notes.map(\.id)))
        XCTAssertFalse(notes.contains { $0[3] == "n-undone" }, "an undone note is not reported")
        let session = try XCTUnwrap(notes.first { $0[3] == "n-table" })
        XCTAssertEqual(session[4], "", "a note on the whole session names no element")
        XCTAssertEqual(session[8], "a | b | c\nsecond line\n# not a heading\n* not a list")
        let step = try XCTUnwrap(notes.first { $0[3] == "n-rtl" })
        XCTAssertEqual(step[4...7], ["tool-a", "leadership", "1", "Leadership in place"])
        XCTAssertTrue(notes.allSatisfy { $0.count == CSVExport.noteColumns.count })
    }

    func testCSVKeepsUnicodeAndCanAddAByteOrderMark() throws {
        let data = try CSVExport.render(state: store.state, catalogue: catalogue, options: fixedOptions, byteOrderMark: true)
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF])
        let plain = try CSVExport.render(state: store.state, catalogue: catalogue, table: .scores, options: fixedOptions)
        XCTAssertNotNil(String(data: plain, encoding: .utf8))
        XCTAssertEqual(Array(plain.prefix(7)), Array("session".utf8))
    }

    /// pit's own CSV writer quotes exactly as CSV.swift's writer, which it replaced for speed.
    func testCSVTextQuotesAsCSVSwiftDoes() throws {
        let rows: [[String]] = [
            ["plain", "", "with,comma", "say \"hi\"", "\"", "\"\"", "line\nbreak", "cr\ronly", "crlf\r\nhere"],
            ["émoji 👩‍👩‍👧 ok", "'=1+1", "tab\tin", "ends,", ",starts", "a\"b,c\nd", "٣ عربي", "-1", "3.5"],
        ]
        for quotedCells in [Set<Int>(), Set(0..<9), [1, 3, 5, 7]] {
            let stream = OutputStream(toMemory: ())
            let reference = try CSVWriter(stream: stream, delimiter: ",", newline: .crlf)
            var ours = CSVText()
            for row in rows {
                try reference.write(row: row, quotedAtIndex: { quotedCells.contains($0) })
                ours.append(row: row, quoted: { quotedCells.contains($0) })
            }
            reference.stream.close()
            let expected = try XCTUnwrap(stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data)
            XCTAssertEqual(String(decoding: ours.bytes, as: UTF8.self), String(decoding: expected, as: UTF8.self),
                           "quoted cells \(quotedCells.sorted())")
        }
        var ended = CSVText(prefix: [0xEF, 0xBB, 0xBF])
        ended.append(row: ["a"], quoted: { _ in true })
        ended.endFile()
        XCTAssertEqual(ended.bytes, [0xEF, 0xBB, 0xBF] + Array("\"a\"\r\n".utf8))
    }

    func parse(_ data: Data) throws -> [[String]] {
        let reader = try CSVReader(string: String(decoding: data, as: UTF8.self))
        var rows: [[String]] = []
        while let r = reader.next() { rows.append(r) }
        return rows
    }

    func testPlainTranscriptCarriesNoControlCharacters() throws {
        let s = try makeStore(dir, "esc.pit")
        try s.append(.noteAdded(id: "n", element: nil, text: "bell\u{7} and \u{1B}[31mred"), author: "Fac")
        let plain = TranscriptRender.plain(Transcript.make(events: s.events, catalogue: catalogue), timeZone: fixedZone)
        XCTAssertFalse(plain.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }
}

final class JSONRoundTripTests: XCTestCase {
    func testExportImportGivesIdenticalEventsAndState() throws {
        let dir = TempDir()
        let s = try goldenSession(dir)
        // Corrections are events too, and travel with the rest.
        try s.append(.noteEdited(id: "n-rtl", text: "corrected"), author: "Sam Okafor")
        try s.append(.noteDeleted(id: "n-table"), author: "Sam Okafor")
        try s.append(.actionEdited(id: "a-minus", what: "Five staff", owner: "Council", due: "2026-09-01"), author: "Sam Okafor")
        try s.append(.actionDeleted(id: "a-formula"), author: "Sam Okafor")
        let json = try SessionJSON.render(state: s.state, events: s.events, catalogue: catalogue, options: fixedOptions)
        let doc = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        XCTAssertEqual(doc?["format"] as? String, "pit-session")
        XCTAssertEqual(doc?["version"] as? Int, 1)
        let imported = try SessionJSON.decode(json)
        XCTAssertEqual(imported.events, s.events)
        let copy = try SessionStore.importEvents(imported.events, at: dir.file("copy.pit"), scales: [:])
        copy.close()
        let snap = try SessionStore.snapshot(at: dir.file("copy.pit"), scales: [:])
        XCTAssertEqual(snap.events, s.events)
        XCTAssertEqual(snap.state, s.state)
        XCTAssertEqual(snap.state.note(id: "n-rtl")?.text, "corrected")
        XCTAssertNil(snap.state.action(id: "a-formula"))
        let transcript = TranscriptRender.plain(Transcript.make(events: snap.events, catalogue: catalogue), timeZone: fixedZone)
        XCTAssertTrue(transcript.contains("deleted the action"), "the transcript says what was taken out")
        // And the copy exports to the same JSON.
        XCTAssertEqual(try SessionJSON.render(state: snap.state, events: snap.events, catalogue: catalogue, options: fixedOptions), json)
    }

    func testMillisecondsSurvive() throws {
        let dir = TempDir()
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_767_258_000.123), step: 0.457)
        let s = try makeStore(dir, clock: clock)
        try score(s, "la", a("leadership"), 3, note: "x")
        let json = try SessionJSON.render(state: s.state, events: s.events, catalogue: catalogue)
        XCTAssertEqual(try SessionJSON.decode(json).events, s.events)
        XCTAssertEqual(SessionJSON.timestamp(Date(timeIntervalSince1970: 1_767_258_000.5)), "2026-01-01T09:00:00.500Z")
        XCTAssertEqual(SessionJSON.parseTimestamp("2026-01-01T10:00:00.5+01:00"), Date(timeIntervalSince1970: 1_767_258_000.5))
        XCTAssertNil(SessionJSON.parseTimestamp("yesterday"))
    }

    func testImportRefusesToOverwrite() throws {
        let dir = TempDir()
        let s = try makeStore(dir)
        let before = try Data(contentsOf: s.url)
        XCTAssertThrowsError(try SessionStore.importEvents(s.events, at: s.url, scales: [:])) {
            XCTAssertEqual($0 as? SessionFileError, .alreadyExists(path: s.url.path))
        }
        XCTAssertEqual(try Data(contentsOf: s.url), before)
    }

    func testImportRefusesBrokenInput() throws {
        let dir = TempDir()
        XCTAssertThrowsError(try SessionJSON.decode(Data("not json".utf8))) {
            guard case .notJSON? = $0 as? SessionJSONError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try SessionJSON.decode(Data(#"{"format":"other","version":1}"#.utf8))) {
            XCTAssertEqual($0 as? SessionJSONError, .wrongFormat(found: "other"))
        }
        XCTAssertThrowsError(try SessionJSON.decode(Data(#"{"format":"pit-session","version":2,"events":[]}"#.utf8))) {
            XCTAssertEqual($0 as? SessionJSONError, .newerVersion(found: 2, supported: 1))
        }
        let badKind = #"{"format":"pit-session","version":1,"events":[{"seq":1,"at":"2026-01-01T00:00:00.000Z","author":"F","kind":"teleported"}]}"#
        XCTAssertThrowsError(try SessionJSON.decode(Data(badKind.utf8))) {
            guard case .badEvent(0, _)? = $0 as? SessionJSONError else { return XCTFail("\($0)") }
        }
        // A gap in the numbering, and an event the engine would refuse.
        let s = try makeStore(dir)
        var gap = s.events
        gap[2].seq = 9
        XCTAssertThrowsError(try SessionStore.importEvents(gap, at: dir.file("gap.pit"), scales: [:]))
        var bad = s.events
        bad.append(Event(seq: Int64(bad.count + 1), at: Date(), author: "F",
                         payload: .scoreRecorded(group: "nobody", element: a("leadership"), answer: .level(3), note: nil)))
        XCTAssertThrowsError(try SessionStore.importEvents(bad, at: dir.file("bad.pit"), scales: [:])) {
            guard case .invalidEvent? = $0 as? SessionError else { return XCTFail("\($0)") }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("gap.pit").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("bad.pit").path))
    }
}

/// What `pit import` says of a file it cannot use: valid JSON is never called invalid, and a
/// refused event is named by its number.
final class ImportMessageTests: XCTestCase {
    /// The export of a small session, with `edit` applied to its last event (a score).
    func export(editingTheScore edit: (inout [String: Any]) -> Void) throws -> Data {
        let dir = TempDir()
        let s = try makeStore(dir)
        try score(s, "la", a("leadership"), 3)
        var doc = try XCTUnwrap(JSONSerialization.jsonObject(with: try SessionJSON.render(state: s.state, events: s.events,
                                                                                             catalogue: catalogue)) as? [String: Any])
        var events = try XCTUnwrap(doc["events"] as? [[String: Any]])
        edit(&events[events.count - 1])
        doc["events"] = events
        return try JSONSerialization.data(withJSONObject: doc)
    }

    func testAValueOfTheWrongKindIsNamedByItsPathNotCalledInvalidJSON() throws {
        for (label, value) in [("a fraction", 3.5 as Any), ("too large", 1e30 as Any), ("text", "3" as Any)] {
            let data = try export { $0["level"] = value }
            XCTAssertThrowsError(try SessionJSON.decode(data), label) {
                XCTAssertEqual($0 as? SessionJSONError, .wrongValue(at: "\"level\" in event 6"), label)
                XCTAssertFalse("\($0)".contains("not valid JSON"), label)
            }
        }
    }

    func testTextInAnotherEncodingIsSaidToBeNotUTF8() throws {
        var data = try export { $0["author"] = "Zoë" }
        let zoe = Data("Zo\u{eb}".utf8)
        let at = try XCTUnwrap(data.range(of: zoe))
        data.replaceSubrange(at, with: Data([0x5A, 0x6F, 0xEB]))   // ë as ISO-8859-1
        XCTAssertThrowsError(try SessionJSON.decode(data)) {
            XCTAssertEqual($0 as? SessionJSONError, .notUTF8)
            XCTAssertTrue("\($0)".hasPrefix("it is not UTF-8 text"), "\($0)")
        }
        XCTAssertThrowsError(try SessionJSON.decode(Data("{\"format\": ".utf8))) {
            guard case .notJSON? = $0 as? SessionJSONError else { return XCTFail("\($0)") }
        }
    }

    func testARefusedEventIsNamedWithoutAdviceForTheScreens() throws {
        let dir = TempDir()
        let s = try makeStore(dir)
        try s.append(.votingLocked(a("leadership")), author: "Fac")
        var events = s.events
        // A score on the locked element, as a hand-edited export could hold.
        events.append(Event(seq: Int64(events.count + 1), at: Date(), author: "Fac",
                            payload: .scoreRecorded(group: "la", element: a("leadership"), answer: .level(3), note: nil)))
        XCTAssertThrowsError(try SessionStore.importEvents(events, at: dir.file("locked.pit"), scales: [:])) {
            XCTAssertEqual($0 as? SessionError,
                           .invalidEvent("event \(events.count) (scoreRecorded) breaks a rule: voting on tool-a/leadership is locked"))
        }
        // The same change made on a screen keeps its advice.
        XCTAssertThrowsError(try score(s, "la", a("leadership"), 3)) {
            XCTAssertEqual($0 as? SessionError, .invalidEvent("voting on tool-a/leadership is locked; unlock it first"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("locked.pit").path))
    }

    /// An instrument whose scale has `notApplicable: false` is never offered N/A on a screen
    /// or in the room; an imported file that answers it so is refused and names the event.
    func testNotApplicableIsRefusedWhereTheScaleHasNone() throws {
        let dir = TempDir()
        let s = try makeStore(dir)
        var events = s.events
        events.append(Event(seq: Int64(events.count + 1), at: Date(), author: "Fac",
                            payload: .scoreRecorded(group: "la", element: a("leadership"), answer: .notApplicable, note: nil)))
        XCTAssertThrowsError(try SessionStore.importEvents(events, at: dir.file("na.pit"), scales: [:], withoutNotApplicable: ["tool-a"])) {
            XCTAssertEqual($0 as? SessionError, .invalidEvent(
                "event \(events.count) (scoreRecorded) answers \"not applicable\" for tool-a/leadership, but the scale of tool-a has no "
                + "\"not applicable\" (notApplicable: false in its file); give a level, or remove the event"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("na.pit").path))
        // An agreed score is held to it too; a scale that has N/A takes it.
        var agreed = s.events
        agreed.append(Event(seq: Int64(agreed.count + 1), at: Date(), author: "Fac",
                            payload: .agreedScoreRecorded(element: a("leadership"), answer: .notApplicable, rationale: "")))
        XCTAssertThrowsError(try SessionStore.importEvents(agreed, at: dir.file("na.pit"), scales: [:], withoutNotApplicable: ["tool-a"])) {
            XCTAssertTrue("\($0)".contains("(agreedScoreRecorded) answers \"not applicable\" for tool-a/leadership"), "\($0)")
        }
        XCTAssertNoThrow(try SessionStore.importEvents(events, at: dir.file("ok.pit"), scales: [:], withoutNotApplicable: ["tool-c"]).close())
    }
}

final class ComparisonTests: XCTestCase {
    func testAMissingPlaceIsSaidInWords() {
        XCTAssertEqual(ComparisonRender.placeWords(""), "no place")
        XCTAssertEqual(ComparisonRender.placeWords("Northbridge"), "\"Northbridge\"")
    }

    func testChangePerElementAndComponent() throws {
        let dir = TempDir()
        let base = try makeStore(dir, "base.pit")
        try score(base, "la", a("leadership"), 2)
        try score(base, "nhs", a("leadership"), 2)
        try score(base, "la", a("needs-assessment"), 3)
        try score(base, "la", a("priorities"), 4)
        try base.append(.agreedScoreRecorded(element: a("priorities"), answer: .level(3), rationale: ""), author: "Fac")
        let follow = try makeStore(dir, "follow.pit", instruments: ["tool-a", "tool-b"])
        try score(follow, "la", a("leadership"), 3)
        try score(follow, "nhs", a("leadership"), 4)
        try score(follow, "la", a("needs-assessment"), 2)
        try score(follow, "la", a("whole-system"), 4)
        try score(follow, "la", a("priorities"), 3)
        try score(follow, "la", ElementRef(instrument: "tool-b", element: "empowerment"), 2)

        let c = Comparison.make(baseline: base.state, followUp: follow.state, catalogue: catalogue)
        XCTAssertTrue(c.samePlace)
        XCTAssertEqual(c.instruments.map(\.instrument.id), ["tool-a", "tool-b"])
        let byID = Dictionary(uniqueKeysWithValues: c.elements.map { ($0.element.ref.element, $0) })
        XCTAssertEqual(byID["leadership"]?.before.value, 2)
        XCTAssertEqual(byID["leadership"]?.after.value, 3.5)
        XCTAssertEqual(byID["leadership"]?.change, 1.5)
        XCTAssertEqual(byID["needs-assessment"]?.change, -1)
        XCTAssertEqual(byID["priorities"]?.before.source, .agreed)
        XCTAssertEqual(byID["priorities"]?.change, 0)
        XCTAssertNil(byID["whole-system"]?.change, "no baseline score")
        XCTAssertEqual(byID["whole-system"]?.after.value, 4)
        let centre = try XCTUnwrap(c.components.first { $0.id == .centre })
        XCTAssertEqual(centre.before.median, 3)     // 2, 3, 3
        XCTAssertEqual(centre.after.median, 3.25)   // 2, 3, 3.5, 4
        // Like for like: whole-system was scored in the follow-up alone, so the change is
        // taken over the other three: 2, 3, 3 against 3.5, 2, 3.
        XCTAssertEqual(centre.paired, 3)
        XCTAssertEqual(centre.pairedBefore.median, 3)
        XCTAssertEqual(centre.pairedAfter.median, 3)
        XCTAssertEqual(centre.change, 0)
        let seam = try XCTUnwrap(c.components.first { $0.id == .civicCommunity })
        XCTAssertNil(seam.before.median)
        XCTAssertEqual(seam.after.median, 2)
        XCTAssertNil(seam.change)

        let md = ComparisonRender.markdown(c)
        let unpadded = md.replacingOccurrences(of: " +", with: " ", options: .regularExpression)
        XCTAssertTrue(unpadded.contains("| Step 1 Leadership in place | 2 | median | 3.5 | median | ▲ +1.5 |"), md)
        XCTAssertTrue(md.contains("▼ −1"))
        let other = try makeStore(dir, "other.pit", place: "Southport")
        let warn = Comparison.make(baseline: base.state, followUp: other.state, catalogue: catalogue)
        XCTAssertFalse(warn.samePlace)
        XCTAssertTrue(ComparisonRender.markdown(warn).contains("different places"))
        let csv = String(decoding: try ComparisonRender.csv(c), as: UTF8.self)
        XCTAssertTrue(csv.contains(",\"leadership\",1,\"Leadership in place\",2,\"median\",2,2,3.5,\"median\",3,4,1.5\r\n"), csv)
    }
}
