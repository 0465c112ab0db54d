@testable import TerminalKit
import XCTest

/// A space shows only its background unless underlined or reversed, so the backend may
/// paint it in its left neighbour's style; these are the cases where it may and may not.
final class BlankCellTests: XCTestCase {
    let tinted = ResolvedStyle(foreground: .indexed(240), background: .indexed(94), attributes: [])

    func testASpaceOnTheSameBackgroundMayTakeAnotherForegroundAndBold() {
        let space = ResolvedStyle(foreground: .terminalDefault, background: .indexed(94), attributes: [.bold, .dim, .italic])
        XCTAssertTrue(BlankCell.looksTheSame(space, paintedAs: tinted))
    }

    func testASpaceOnAnotherBackgroundKeepsItsOwn() {
        let space = ResolvedStyle(foreground: .indexed(240), background: .indexed(229), attributes: [])
        XCTAssertFalse(BlankCell.looksTheSame(space, paintedAs: tinted))
        let onDefault = ResolvedStyle(foreground: .indexed(240), background: .terminalDefault, attributes: [])
        XCTAssertFalse(BlankCell.looksTheSame(onDefault, paintedAs: tinted))
    }

    func testAnUnderlinedOrReversedSpaceShowsItsStyle() {
        for shown in [TextAttributes.underline, .reverse] {
            let space = ResolvedStyle(foreground: .indexed(240), background: .indexed(94), attributes: [shown])
            XCTAssertFalse(BlankCell.looksTheSame(space, paintedAs: tinted), "own \(shown)")
            let neighbour = ResolvedStyle(foreground: .indexed(240), background: .indexed(94), attributes: [shown])
            let plainSpace = ResolvedStyle(foreground: .indexed(240), background: .indexed(94), attributes: [])
            XCTAssertFalse(BlankCell.looksTheSame(plainSpace, paintedAs: neighbour), "neighbour's \(shown)")
        }
    }
}
