import Foundation
import SessionEngine
import XCTest
@testable import Escaping
@testable import Reports

/// The JSON export's own writer must give exactly the bytes `JSONEncoder` gave before it
/// (pretty, sorted keys, slashes as is, then `Escape.jsonInert`), and valid RFC 8259 text.
final class JSONWriterTests: XCTestCase {
    /// What the export wrote before it had its own writer.
    func encoderBytes(_ doc: SessionJSON.Doc) throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Escape.jsonInert(try enc.encode(doc))
    }

    func written(_ s: String) -> String {
        var w = PrettyJSONWriter()
        w.string(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    func testEscapesStringsPerRFC8259AndMakesHostileCharactersInert() {
        XCTAssertEqual(written("plain / text"), #""plain / text""#)
        XCTAssertEqual(written("q\"b\\"), #""q\"b\\""#)
        XCTAssertEqual(written("\u{8}\u{C}\n\r\t"), #""\b\f\n\r\t""#)
        XCTAssertEqual(written("\u{0}\u{1}\u{1B}\u{1F}"), #""\u0000\u0001\u001b\u001f""#)
        // DEL, C1 controls and the bidirectional controls are escaped; their neighbours are not.
        XCTAssertEqual(written("\u{7E}\u{7F}\u{80}\u{85}\u{9F}\u{A0}"), "\"~\\u007f\\u0080\\u0085\\u009f\u{A0}\"")
        XCTAssertEqual(written("\u{2029}\u{202A}\u{202E}\u{202F}"), "\"\u{2029}\\u202a\\u202e\u{202F}\"")
        XCTAssertEqual(written("\u{2065}\u{2066}\u{2069}\u{206A}"), "\"\u{2065}\\u2066\\u2069\u{206A}\"")
        // Line and paragraph separators and characters beyond the BMP are written as UTF-8.
        XCTAssertEqual(written("a\u{2028}b 👩🏽‍⚕️ 𝄞"), "\"a\u{2028}b 👩🏽‍⚕️ 𝄞\"")
    }

    func testEveryEscapedStringReadsBackAsTheSameText() throws {
        let text = "a\"\\/\u{0}\u{7}\u{1B}[31m\u{7F}\u{85}\u{9B}\u{202E}\u{2067}\u{2028}\u{2029}é👩🏽‍⚕️𝄞\r\n\t"
        var w = PrettyJSONWriter()
        w.array([text]) { $0.string($1) }
        let back = try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String]
        XCTAssertEqual(back, [text])
        XCTAssertFalse(w.bytes.contains(0x1B) || w.bytes.contains(0x7F), "no raw control byte in the output")
    }

    func testNumbersAndEmptyContainersAreLaidOutAsJSONEncoderDoes() throws {
        var w = PrettyJSONWriter()
        try w.object { w in
            w.key("a"); w.array([Int]()) { $0.int($1) }
            w.key("b"); try w.array([3.0, 2.5, -0.0, 1e-7, 1e21, 1.0 / 3]) { try $0.double($1) }
            w.field("c", Int64.min)
        }
        XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self),
                       "{\n  \"a\" : [\n\n  ],\n  \"b\" : [\n    3,\n    2.5,\n    -0,\n    1e-07,\n    1e+21,\n    0.3333333333333333\n  ],\n  \"c\" : -9223372036854775808\n}")
        XCTAssertThrowsError(try w.double(.nan))
        XCTAssertThrowsError(try w.double(-.infinity))
    }

    func testTheGoldenSessionIsWrittenAsJSONEncoderWroteIt() throws {
        let dir = TempDir()
        let s = try goldenSession(dir)
        try s.append(.planSet(SessionPlan(name: "p/1", title: "Plan \"A\"", items: [
            SessionPlan.Item(instrument: "tool-a", elements: ["leadership", "priorities"], minutes: 30),
            SessionPlan.Item(instrument: "tool-c", minutes: 15, skipped: true),
        ])), author: "Sam Okafor")
        let doc = SessionJSON.document(state: s.state, events: s.events, catalogue: catalogue)
        XCTAssertEqual(try SessionJSON.write(doc), try encoderBytes(doc))
        // The export writes each event's record as it makes it: the same bytes.
        XCTAssertEqual(try SessionJSON.render(state: s.state, events: s.events, catalogue: catalogue),
                       try SessionJSON.write(doc) + Data([0x0A]))
    }

    /// Random documents: every optional member present or not, empty and full arrays,
    /// strings drawn from the characters that need care, awkward numbers.
    func testRandomDocumentsAreWrittenAsJSONEncoderWritesThem() throws {
        var rng = SplitMix(seed: 13)
        for round in 0..<200 {
            let doc = SessionJSON.Doc.random(&rng)
            let ours = try SessionJSON.write(doc), theirs = try encoderBytes(doc)
            if ours != theirs {
                return XCTFail("document \(round) differs:\n\(String(decoding: ours, as: UTF8.self))\n---\n\(String(decoding: theirs, as: UTF8.self))")
            }
        }
    }
}

private let awkward: [Unicode.Scalar] = [
    "a", "Z", " ", "/", "\"", "\\", "\u{0}", "\u{8}", "\u{9}", "\u{A}", "\u{C}", "\u{D}", "\u{1B}", "\u{1F}",
    "\u{7E}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "é", "\u{301}", "\u{2028}", "\u{2029}",
    "\u{2029}", "\u{202A}", "\u{202C}", "\u{202E}", "\u{202F}", "\u{2065}", "\u{2066}", "\u{2069}", "\u{206A}",
    "\u{200F}", "\u{FEFF}", "\u{FFFD}", "ع", "中", "😀", "𝄞", "\u{1F3FD}",
]

private extension SessionJSON.Doc {
    static func random(_ g: inout SplitMix) -> Self {
        func text() -> String {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &g) { s.append(awkward.randomElement(using: &g)!) }
            return String(s)
        }
        func maybe<T>(_ make: () -> T) -> T? { Bool.random(using: &g) ? make() : nil }
        func list<T>(_ make: () -> T) -> [T] { (0..<Int.random(in: 0...3, using: &g)).map { _ in make() } }
        func number() -> Double {
            [0, 3, 2.5, -1.5, 1.0 / 3, 2.0 / 3, 1e-7, 123_456_789.125, 1e21, -0.0].randomElement(using: &g)!
        }
        func int() -> Int { [0, 1, 5, -3, Int.max, Int.min].randomElement(using: &g)! }
        func seq() -> Int64 { [1, 42, Int64.max].randomElement(using: &g)! }
        func info() -> SessionJSON.Info {
            .init(title: text(), place: text(), date: text(), facilitator: text(), instruments: list(text), mode: text())
        }
        func plan() -> SessionPlan {
            SessionPlan(name: text(), title: text(), items: list {
                SessionPlan.Item(instrument: text(), elements: maybe { list(text) }, minutes: int(), skipped: .random(using: &g))
            })
        }
        func event() -> SessionJSON.EventRec {
            SessionJSON.EventRec(seq: maybe(seq), at: maybe(text), author: maybe(text), kind: maybe(text), session: maybe(info),
                                 group: maybe(text), name: maybe(text), sector: maybe(text), initials: maybe(text),
                                 instrument: maybe(text), element: maybe(text), level: maybe(int),
                                 notApplicable: maybe { .random(using: &g) }, dontKnow: maybe { true }, note: maybe(text),
                                 rationale: maybe(text), id: maybe(text), text: maybe(text), what: maybe(text),
                                 owner: maybe(text), due: maybe(text), target: maybe(seq), plan: maybe(plan))
        }
        func state() -> SessionJSON.StateRec {
            SessionJSON.StateRec(
                scores: list { .init(instrument: text(), element: text(), group: text(), level: maybe(int), notApplicable: .random(using: &g),
                                     dontKnow: maybe { true }, note: maybe(text), at: text(), author: text()) },
                agreed: list { .init(instrument: text(), element: text(), level: maybe(int), notApplicable: .random(using: &g),
                                     dontKnow: maybe { true }, rationale: text(), at: text(), author: text()) },
                notes: list { .init(id: text(), instrument: maybe(text), element: maybe(text), text: text(), at: text(),
                                    author: text(), seq: seq()) },
                actions: list { .init(id: text(), instrument: maybe(text), element: maybe(text), what: text(), owner: text(),
                                      due: maybe(text), done: .random(using: &g), doneAt: maybe(text), at: text(), author: text(),
                                      seq: seq()) },
                revealed: list { .init(instrument: text(), element: text()) },
                locked: list { .init(instrument: text(), element: text()) },
                undone: list(seq), lastSeq: seq(),
                elements: list { .init(instrument: text(), element: text(), title: text(), levels: int(), notApplicable: int(),
                                       dontKnow: int(), notScored: int(), median: maybe(number), min: maybe(int), max: maybe(int),
                                       divergent: .random(using: &g), score: maybe(number), scoreBasis: text()) },
                triangle: list { .init(component: text(), median: maybe(number), min: maybe(number), max: maybe(number),
                                       scored: int(), agreed: int(), total: int()) })
        }
        return .init(format: maybe(text), version: maybe(int), session: maybe(info),
                     groups: maybe { list { .init(id: text(), name: text(), sector: text(), initials: text()) } },
                     events: maybe { list(event) }, state: maybe(state))
    }
}
