import CNcursesw
@testable import CursesBackend
import TerminalKit
import XCTest

/// Sequences a terminal sends that its terminfo entry does not name, and pasted text.
final class KeyDecoderTests: XCTestCase {
    /// What follows the ESC, as the decoder gets it.
    private func body(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    func testUnnamedSequencesAreTheKeysTheyName() {
        let named: [(String, Key)] = [
            ("[1~", .home), ("[7~", .home), ("[H", .home), ("OH", .home),
            ("[4~", .end), ("[8~", .end), ("[F", .end), ("OF", .end),
            ("[1;5C", .right), ("[1;2D", .left), ("[1;3A", .up), ("OB", .down),
            ("[5~", .pageUp), ("[6;5~", .pageDown), ("[3~", .delete),
            ("[Z", .backTab),
        ]
        for (sequence, key) in named { XCTAssertEqual(KeyDecoder.escapeSequence(body(sequence)), key, sequence) }
    }

    func testOtherSequencesAreNoKeyAtAll() {
        // Each of these used to arrive as Esc (back, or quit) and then as characters, where
        // a digit scored a group: now none is a key.
        for sequence in ["[2~", "[15;2~", "[200~", "[?1;2c", "1", "x", "[", "O", "[1;5", "[1;2Z"] {
            XCTAssertNil(KeyDecoder.escapeSequence(body(sequence)), sequence)
        }
    }

    func testAControlSequenceEndsAtItsFinalByte() {
        XCTAssertFalse(KeyDecoder.endsControlSequence(UInt32(UInt8(ascii: "1"))))
        XCTAssertFalse(KeyDecoder.endsControlSequence(UInt32(UInt8(ascii: ";"))))
        XCTAssertTrue(KeyDecoder.endsControlSequence(UInt32(UInt8(ascii: "~"))))
        XCTAssertTrue(KeyDecoder.endsControlSequence(UInt32(UInt8(ascii: "C"))))
    }

    func testPastedLineBreaksAndTabsAreSpacesAndControlsAreDropped() {
        let pasted = "first line\r\nr2\tthen\rmore\nwords \u{1B}[31mred\u{7}"
        XCTAssertEqual(KeyDecoder.pastedText(Array(pasted.unicodeScalars)), "first line r2 then more words [31mred")
        XCTAssertEqual(KeyDecoder.pastedText(Array("Ängström 北京 \u{202E}x".unicodeScalars)), "Ängström 北京 \u{202E}x",
                       "text is kept as it is; showing a bidirectional control safely is the screens' work")
    }

    func testVT220HomeAndEndKeysAreHomeAndEnd() {
        XCTAssertEqual(KeyDecoder.functionKey(KEY_FIND), .home)
        XCTAssertEqual(KeyDecoder.functionKey(KEY_SELECT), .end)
    }

    func testCharactersWaitingTogetherAreAPasteOnlyWhenTextFollowsALineBreak() {
        func paste(_ text: String) -> Bool { KeyDecoder.isPaste(text.unicodeScalars.map(\.value)) }
        // A note's lines pasted into a terminal that marks no paste: the second line would
        // have scored ("3") and opened the agree form ("a").
        XCTAssertTrue(paste("Budget notes:\r3 partners agree\rrevisit in May"))
        XCTAssertTrue(paste("one\ntwo\n"), "two whole lines")
        XCTAssertTrue(paste("\r3"), "Enter and a digit within one read is no person's typing")
        // Keys typed ahead while pit was busy, ending with Enter, stay keys.
        XCTAssertFalse(paste("abc\r"))
        XCTAssertFalse(paste("3"))
        XCTAssertFalse(paste("revisit"), "without a line break nothing after it can run as a key of a closed form")
        XCTAssertFalse(paste("\r\r"), "Enter twice")
    }

    func testCarriageReturnAndLineFeedTogetherAreOneEnter() {
        func keys(_ text: String) -> [Key?] { KeyDecoder.keys(text.unicodeScalars.map(\.value)) }
        // "Health Team" pasted with a Windows line end saved the group form before its sector.
        XCTAssertEqual(keys("ab\r\n"), [.char("a"), .char("b"), .enter])
        XCTAssertEqual(keys("\r\r"), [.enter, .enter], "Enter twice is two")
        XCTAssertEqual(keys("\n"), [.enter])
    }
}
