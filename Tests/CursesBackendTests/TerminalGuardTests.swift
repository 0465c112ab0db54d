@testable import CursesBackend
import XCTest

/// The restore sequence written after a crash is made from terminfo strings; their delays
/// ("$<5>", "$<10/>", "$<2*>") are for tputs and must not reach the terminal as text.
final class TerminalGuardTests: XCTestCase {
    func testPaddingIsTakenOutAndEverythingElseKept() {
        XCTAssertEqual(TerminalGuard.withoutPadding("\u{1B}[?1049l"), "\u{1B}[?1049l")
        XCTAssertEqual(TerminalGuard.withoutPadding("\u{1B}[m$<2>"), "\u{1B}[m")
        XCTAssertEqual(TerminalGuard.withoutPadding("$<5*/>\u{1B}[H$<10>\u{1B}[2J"), "\u{1B}[H\u{1B}[2J")
        XCTAssertEqual(TerminalGuard.withoutPadding("a$b<c>"), "a$b<c>", "only \"$<\" opens a delay")
        XCTAssertEqual(TerminalGuard.withoutPadding("x$<5"), "x$<5", "an unclosed delay is kept as it is")
        XCTAssertEqual(TerminalGuard.withoutPadding("é$<1>ü"), "éü")
        XCTAssertEqual(TerminalGuard.withoutPadding(""), "")
    }

    /// From glibc 2.34 a backtrace of no frame loads the unwinder; before, it returns first.
    func testTheUnwinderIsLoadedWithoutAFrameFromGlibc234() {
        func depth(_ text: String) -> Int32 {
            TerminalGuard.unwinderLoadingDepth(libcVersion: Array(text.utf8CString) + [0, 0])
        }
        XCTAssertEqual(depth("glibc 2.36"), 0)
        XCTAssertEqual(depth("glibc 2.34"), 0)
        XCTAssertEqual(depth("glibc 2.40.1"), 0)
        XCTAssertEqual(depth("glibc 3.0"), 0)
        XCTAssertEqual(depth("glibc 2.33"), 1)
        XCTAssertEqual(depth("glibc 2.4"), 1, "2.4 is older than 2.34")
        XCTAssertEqual(depth("glibc 2"), 1)
        XCTAssertEqual(depth(""), 1)
        XCTAssertEqual(TerminalGuard.unwinderLoadingDepth, 0, "this machine's glibc is 2.34 or newer")
    }
}
