import Glibc
import TerminalKit
import XCTest

/// The C library's wcwidth (Glibc's module map leaves it out without _XOPEN_SOURCE).
@_silgen_name("wcwidth") private func cWcwidth(_ character: wchar_t) -> Int32

/// ncurses places characters by the C library's wcwidth; any code point where pit's
/// widths differ shifts the rest of its row on a real terminal.
final class WcwidthTests: XCTestCase {
    func testEveryCodePointHasTheWidthTheCLibraryGivesIt() throws {
        let previous = setlocale(LC_ALL, nil).map { String(cString: $0) } ?? "C"
        defer { setlocale(LC_ALL, previous) }
        _ = try XCTUnwrap(setlocale(LC_ALL, "C.UTF-8"), "the C.UTF-8 locale is not available")
        var mismatches: [String] = []
        var count = 0
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }   // surrogates are not characters
            // wcwidth's -1 (unprintable: controls, unassigned) is drawn as nothing: zero columns.
            let expected = max(0, Int(cWcwidth(wchar_t(bitPattern: value))))
            let actual = DisplayWidth.of(Character(scalar))
            if actual != expected {
                count += 1
                if mismatches.count < 20 { mismatches.append("U+\(String(value, radix: 16, uppercase: true)): \(actual), wcwidth \(expected)") }
            }
        }
        XCTAssertEqual(count, 0, "widths that differ from wcwidth (scripts/generate-display-width rewrites the table):\n"
                       + mismatches.joined(separator: "\n"))
    }
}
