import Foundation
@testable import pit
import TerminalKit
import XCTest

final class ThemeFoldersTests: XCTestCase {
    func theme(_ name: String, _ summary: String = "") -> Theme { Theme(name: name, summary: summary, styles: [:]) }

    func testTheUsersThemesFollowPitsAndOneWithAShippedNameIsSkippedAndNamed() {
        let combined = ThemeFolders.combine([theme("default", "pit's"), theme("light")],
                                            own: [(theme("mine"), "/home/a/.config/pit/themes/mine.yaml"),
                                                  (theme("default", "the user's"), "/home/a/.config/pit/themes/my-default.yaml")])
        XCTAssertEqual(combined.themes.map(\.name), ["default", "light", "mine"])
        XCTAssertEqual(combined.themes[0].summary, "pit's", "a user's file replaced one of pit's themes")
        XCTAssertEqual(combined.errors, ["/home/a/.config/pit/themes/my-default.yaml:1:1: the theme name `default` is already used by one of pit's own themes; give this one another `name:`"])
    }

    func testTheUsersFolderIsBesideTheirInstruments() {
        XCTAssertEqual(Resources.userThemes.deletingLastPathComponent(), Resources.userInstruments.deletingLastPathComponent())
        XCTAssertEqual(Resources.userThemes.lastPathComponent, "themes")
    }
}
