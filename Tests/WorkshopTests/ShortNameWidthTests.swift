@testable import Instruments
import TerminalKit
import XCTest

/// `short` is limited in screen columns by a measure kept in Instruments, which may not use
/// TerminalKit's; it must never count fewer columns than TerminalKit's for any code point.
final class ShortNameWidthTests: XCTestCase {
    func testTheInstrumentsMeasureNeverUndercountsTheScreensOne() {
        var wideMissed: [String] = []
        for value in UInt32(0x20)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), DisplayWidth.of(scalar: scalar) == 2 else { continue }
            if !AuthoredText.isWide(scalar) { wideMissed.append(String(value, radix: 16)) }
        }
        XCTAssertEqual(wideMissed, [])
        for text in ["Tool A", "Y tế công cộng", "Straße – plan…", "Ελλάδα", "健康", "🙂 ok", "e\u{301}"] {
            XCTAssertEqual(AuthoredText.columns(text), DisplayWidth.of(text), text)
        }
    }
}
