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

    // Painters of a row: B = border line on tint 94, L = bold label on 94, s = a space on 94.
    let border = ResolvedStyle(foreground: .indexed(240), background: .indexed(94), attributes: [])
    let label = ResolvedStyle(foreground: .indexed(75), background: .indexed(94), attributes: [.bold])
    let fill = ResolvedStyle(foreground: .terminalDefault, background: .indexed(94), attributes: [])

    func painters(_ row: [ResolvedStyle?], spaces: String) -> [Int] {
        BlankCell.painters(looks: row, isSpace: spaces.map { $0 == " " })
    }

    func testARunOfSpacesTakesTheStyleOfTheCellBeforeIt() {
        XCTAssertEqual(painters([border, fill, fill, fill], spaces: "│   "), [0, 0, 0, 0])
    }

    func testARunAtTheStartOfARowTakesTheStyleOfTheCellAfterIt() {
        XCTAssertEqual(painters([fill, fill, border], spaces: "  │"), [2, 2, 2])
    }

    func testARunPrefersTheNeighbourWithItsOwnAttributes() {
        // A bold highlighted line before, a plain line after: the plain one.
        XCTAssertEqual(painters([label, fill, fill, border], spaces: "╲  ╲"), [0, 3, 3, 3])
        // The spaces of a bold label keep to the label.
        let boldFill = ResolvedStyle(foreground: .indexed(75), background: .indexed(94), attributes: [.bold])
        XCTAssertEqual(painters([label, boldFill, label, border], spaces: "A B│"), [0, 0, 2, 3])
    }

    func testARunStopsAtAnotherBackgroundOrAnUnderlinedSpace() {
        let other = ResolvedStyle(foreground: .terminalDefault, background: .indexed(229), attributes: [])
        let underlined = ResolvedStyle(foreground: .indexed(240), background: .indexed(94), attributes: [.underline])
        XCTAssertEqual(painters([border, fill, other, other], spaces: "│   "), [0, 0, 2, 3])
        XCTAssertEqual(painters([border, underlined, fill], spaces: "│  "), [0, 1, 2])
    }

    func testTheSecondColumnOfAWideCharacterEndsARun() {
        XCTAssertEqual(painters([border, fill, nil, fill], spaces: "│ x "), [0, 0, 2, 3])
    }
}
