import Foundation
import Instruments
import SessionEngine
import XCTest
@testable import Escaping
@testable import Reports

/// Control characters and bidirectional overrides in user text never leave pit raw: every
/// export shows them through `Escape.visible`, and JSON escapes them without changing a value.
final class ControlTextTests: XCTestCase {
    /// An OSC title change ended by BEL, "ESC ( 0" (line drawing), a C1 CSI, RLO, DEL,
    /// an isolate pair, backspace and a lone CR.
    static let hostile = "A\u{1B}]0;pwned\u{07}B\u{1B}(0C\u{9B}31mD\u{202E}E\u{7F}F\u{2066}G\u{2069}H\u{08}I\rJ"

    static func isRaw(_ u: Unicode.Scalar) -> Bool {
        (u.value < 0x20 && u != "\n" && u != "\t" && u != "\r") || (0x7F...0x9F).contains(u.value)
            || (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value)
    }

    func testVisibleShowsEveryControlAndKeepsTheRest() {
        XCTAssertEqual(Escape.visible(Self.hostile), "A^[]0;pwned^GB^[(0C<U+009B>31mD<U+202E>E^?F<U+2066>G<U+2069>H^HI^MJ")
        XCTAssertEqual(Escape.visible("line one\r\nline two\tend\n"), "line one\nline two\tend\n", "line breaks and tabs stay")
        XCTAssertEqual(Escape.visible("\u{0}\u{1F}\u{80}\u{9F}\u{202A}\u{2069}"), "^@^_<U+0080><U+009F><U+202A><U+2069>")
        let plain = "Résumé — تعليق 👩🏽‍⚕️ ✅ \u{200D}\u{2028}"
        XCTAssertEqual(Escape.visible(plain), plain, "letters, emoji and joiners are not controls")
        XCTAssertFalse(Escape.visible(Self.hostile).unicodeScalars.contains(where: Escape.isHostile))
    }

    func testMarkdownAndHTMLShowControlsInsteadOfCarryingThem() {
        XCTAssertEqual(Escape.markdownCell("a\u{1B}[2Jb"), "a\\^\\[\\[2Jb")
        XCTAssertEqual(Escape.markdownText("x\u{202E}y"), "x\\<U+202E\\>y")
        XCTAssertEqual(Escape.html("x\u{202E}y\u{1B}"), "x&lt;U+202E&gt;y^[")
    }

    /// A session with the hostile text in every field a user or a partner's file can fill.
    func hostileSession(_ dir: TempDir) throws -> SessionStore {
        let h = Self.hostile
        let groups = [Group(id: "g1", name: "Council \(h)", sector: .localAuthority, initials: "C"),
                      Group(id: "g2", name: "Health", sector: .nhs, initials: "H")]
        let store = try SessionStore.create(at: dir.file("hostile.pit"),
                                            info: SessionInfo(title: "Title \(h)", place: "Place \(h)", date: "2026-01-01",
                                                              facilitator: "Fac \(h)", instruments: ["tool-a"]),
                                            groups: groups, author: "Author \(h)", scales: [:], clock: TestClock().clock)
        try store.append(.scoreRecorded(group: "g1", element: a("leadership"), answer: .level(2), note: "note \(h)"), author: "Scorer \(h)")
        try store.append(.scoreRecorded(group: "g2", element: a("leadership"), answer: .level(4), note: nil), author: "Fac")
        try store.append(.agreedScoreRecorded(element: a("leadership"), answer: .level(3), rationale: "why \(h)"), author: "Fac \(h)")
        try store.append(.noteAdded(id: "n1", element: a("leadership"), text: "step note \(h)"), author: "Scribe \(h)")
        try store.append(.noteAdded(id: "n2", element: nil, text: "general \(h)"), author: "Scribe")
        try store.append(.actionAdded(id: "x1", element: a("leadership"), what: "do \(h)", owner: "owner \(h)", due: "due \(h)"),
                         author: "Fac")
        return store
    }

    func testNoExportCarriesARawControlCharacter() throws {
        let dir = TempDir()
        let s = try hostileSession(dir)
        for format in ExportFormat.allCases {
            let tables: [CSVExport.Table] = format == .csv ? [.scores, .agreed, .actions] : [.scores]
            for table in tables {
                let data = try Export.render(format, state: s.state, events: s.events, catalogue: catalogue, options: fixedOptions,
                                             csvTable: table)
                let text = String(decoding: data, as: UTF8.self)
                let raw = text.unicodeScalars.filter(Self.isRaw).map { String($0.value, radix: 16) }
                XCTAssertEqual(raw, [], "\(format.rawValue) \(table) carries raw controls")
                XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "\(format.rawValue): a lone CR")
                if format != .json {
                    XCTAssertTrue(text.replacingOccurrences(of: "\\", with: "").contains("^[]0;pwned^G"),
                                  "\(format.rawValue) \(table) shows the escape")
                }
            }
        }
        let c = Comparison.make(baseline: s.state, followUp: s.state, catalogue: catalogue)
        for text in [ComparisonRender.markdown(c), ComparisonRender.html(c),
                     String(decoding: try ComparisonRender.csv(c), as: UTF8.self)] {
            XCTAssertEqual(text.unicodeScalars.filter(Self.isRaw).count, 0, String(text.prefix(300)))
        }
    }

    func testJSONEscapesControlsAndStillRoundTripsThemExactly() throws {
        let dir = TempDir()
        let s = try hostileSession(dir)
        let json = try SessionJSON.render(state: s.state, events: s.events, catalogue: catalogue, options: fixedOptions)
        let text = String(decoding: json, as: UTF8.self)
        XCTAssertTrue(text.contains("\\u202e"), "RLO is written as an escape")
        XCTAssertTrue(text.contains("\\u009b"))
        XCTAssertEqual(try SessionJSON.decode(json).events, s.events, "the escapes read back as the same text")
        XCTAssertEqual(Escape.jsonInert(Data("{\"a\":\"b\"}".utf8)), Data("{\"a\":\"b\"}".utf8))
    }

    func testComparisonNoticesABaselineDatedAfterItsFollowUp() {
        func info(_ date: String) -> SessionInfo { SessionInfo(title: "t", place: "p", date: date, facilitator: "f", instruments: ["tool-a"]) }
        func compared(_ before: String, _ after: String) -> Comparison {
            var c = Comparison.make(baseline: SessionState(), followUp: SessionState(), catalogue: catalogue)
            c.baseline = info(before)
            c.followUp = info(after)
            return c
        }
        XCTAssertTrue(compared("2026-06-01", "2025-06-01").datesReversed)
        XCTAssertFalse(compared("2025-06-01", "2026-06-01").datesReversed)
        XCTAssertFalse(compared("2026-06-01", "2026-06-01").datesReversed, "the same day is not reversed")
        XCTAssertFalse(compared("June 2026", "2025-06-01").datesReversed, "dates pit cannot read are not judged")
        XCTAssertFalse(compared("", "2025-06-01").datesReversed)
    }
}
