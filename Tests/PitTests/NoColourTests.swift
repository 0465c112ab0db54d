@testable import pit
import Room
import XCTest

/// NO_COLOR is read one way (no-color.org): set and not empty turns colour off.
final class NoColourTests: XCTestCase {
    func testAnEmptyNoColourIsUnsetForTheScreensAndTheQRCode() throws {
        XCTAssertFalse(NoColour.isRequested(nil))
        XCTAssertFalse(NoColour.isRequested(""))
        XCTAssertTrue(NoColour.isRequested("1"))
        XCTAssertTrue(NoColour.isRequested("0"), "any value but the empty text")

        let qr = try XCTUnwrap(QRCode("http://192.0.2.1:8080/"))
        func coloured(_ environment: [String: String]) -> Bool {
            QRPrinting.lines(qr, environment: environment, toTerminal: true).contains { $0.contains("\u{1B}[") }
        }
        XCTAssertTrue(coloured(["TERM": "xterm-256color"]))
        XCTAssertTrue(coloured(["TERM": "xterm-256color", "NO_COLOR": ""]), "empty is as if unset")
        XCTAssertFalse(coloured(["TERM": "xterm-256color", "NO_COLOR": "1"]))
    }
}
