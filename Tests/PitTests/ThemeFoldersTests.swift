import Foundation
@testable import pit
import TerminalKit
import XCTest

final class ThemeFoldersTests: XCTestCase {
    func theme(_ name: String, _ summary: String = "") -> Theme { Theme(name: name, summary: summary, styles: [:]) }

    func testTheUsersThemesFollowPitsAndOneWithAShippedNameIsSkippedAndNamed() {
        let combined = ThemeFolders.combine([theme("default", "pit's"), theme("light")],
                                            own: [theme("mine"), theme("default", "the user's")], ownFolder: "/home/a/.config/pit/themes")
        XCTAssertEqual(combined.themes.map(\.name), ["default", "light", "mine"])
        XCTAssertEqual(combined.themes[0].summary, "pit's", "a user's file replaced one of pit's themes")
        XCTAssertEqual(combined.errors, ["/home/a/.config/pit/themes: a theme there is named `default`, as one of pit's own is; give it another `name:`"])
    }

    func testTheUsersFolderIsBesideTheirInstruments() {
        XCTAssertEqual(Resources.userThemes.deletingLastPathComponent(), Resources.userInstruments.deletingLastPathComponent())
        XCTAssertEqual(Resources.userThemes.lastPathComponent, "themes")
    }
}
