import Foundation
import XCTest
@testable import Escaping
@testable import Reports

/// The Markdown escaping and table layout take byte-wise shortcuts for plain ASCII text;
/// each must give exactly what the character-by-character way gives.
final class MarkdownFastPathTests: XCTestCase {
    /// Characters that steer the escaping (specials, list and heading starts, digits, blanks).
    static let asciiPieces: [Character] = ["a", "Z", "1", "0", "9", " ", "\t", ".", ")", "-", "+", "=", ":", "\\", "`", "*", "_",
                                           "[", "]", "<", ">", "|", "#", "~", "^", "$", "&", "@", "!", "{", "}", "(", "/", "'", "\""]

    func testPlainASCIILinesAreEscapedAsCharacterByCharacter() {
        var rng = SplitMix(seed: 7)
        for _ in 0..<5000 {
            let line = String((0..<Int.random(in: 0...10, using: &rng)).map { _ in Self.asciiPieces.randomElement(using: &rng)! })
            XCTAssertTrue(Escape.isPlainASCII(line[...]))
            XCTAssertEqual(Escape.plainASCIIMarkdownLine(line[...]), Escape.characterMarkdownLine(line[...]), "line: \(line.debugDescription)")
        }
        XCTAssertEqual(Escape.plainASCIIMarkdownLine(" \t12) x|y"), "12\\) x\\|y")
        XCTAssertEqual(Escape.plainASCIIMarkdownLine("  -1. a"), "\\-1. a")
    }

    func testOnlyPrintableASCIIAndTabsTakeTheShortcut() {
        for text in ["a\nb", "a\rb", "bell\u{7}", "del\u{7F}", "café", "“quoted”", "a\u{2028}b"] {
            XCTAssertFalse(Escape.isPlainASCII(text[...]), text.debugDescription)
        }
        XCTAssertTrue(Escape.isPlainASCII("Partner 12 scored Step 3 Priorities: 4 Established\t"))
    }

    func testSpecialCharactersAreFoundWithoutHashing() {
        let characters: [Character] = Self.asciiPieces + ["\r\n", "\n", "\u{0}", "\u{7F}", "é", "\\\u{301}", "*\u{301}", "｜", "👩🏽‍⚕️"]
        for ch in characters {
            XCTAssertEqual(Escape.isMarkdownSpecial(ch), Escape.markdownSpecials.contains(ch), ch.debugDescription)
        }
    }

    func testTableWidthsCountCharactersAsStringDoes() {
        var rng = SplitMix(seed: 11)
        let pieces: [String] = ["a", " ", "  ", "word", "\r\n", "\r", "\n", "é", "e\u{301}", "👩🏽‍⚕️", "中", "\t", "|"]
        for _ in 0..<3000 {
            let s = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            XCTAssertEqual(MarkdownTable.characters(s), s.count, s.debugDescription)
            XCTAssertEqual(MarkdownTable.longestWord(s), s.split(separator: " ").map(\.count).max() ?? 0, s.debugDescription)
        }
    }
}

/// HTML escaping returns text with nothing to escape as it is; that shortcut must agree
/// with escaping a scalar at a time.
final class HTMLFastPathTests: XCTestCase {
    func testTextWithNothingToEscapeIsReturnedAsTheScalarWayWritesIt() {
        var rng = SplitMix(seed: 5)
        let pieces: [String] = ["a", " ", "Z9", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\r\n", "\u{1B}", "\u{7F}", "\u{85}",
                                "\u{202E}", "é", "👩🏽‍⚕️", "–", "/", ";", "#"]
        for _ in 0..<5000 {
            let s = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            XCTAssertEqual(Escape.html(s), Escape.scalarHTML(s), s.debugDescription)
        }
        XCTAssertEqual(Escape.html("Partner 7: 3 Developing"), "Partner 7: 3 Developing")
        XCTAssertEqual(Escape.html("a\tb\nc"), "a\tb\nc")
        XCTAssertEqual(Escape.html("a & 'b'"), "a &amp; &#39;b&#39;")
    }
}
