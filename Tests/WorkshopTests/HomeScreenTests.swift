import Foundation
import TerminalKit
@testable import Workshop
import XCTest

final class HomeScreenTests: XCTestCase {
    func selectedItem(_ app: App) -> HomeScreen.Item? {
        guard let home = app.top as? HomeScreen else { return nil }
        return home.items(app.context)[home.selected]
    }

    func testHomeAndEndReachTheFirstAndLastItems() {
        var app = App(root: HomeScreen(), context: makeContext())
        app.press(.down, .down)
        app.press(.end)
        XCTAssertEqual(selectedItem(app), .quit)
        app.press(.home)
        XCTAssertEqual(selectedItem(app), .triangle)
    }

    func testArrowsStopAtTheEndsInsteadOfWrapping() {
        var app = App(root: HomeScreen(), context: makeContext())
        app.press(.up)
        XCTAssertEqual(selectedItem(app), .triangle, "↑ on the first item must not jump to Quit")
        app.press(.end, .down)
        XCTAssertEqual(selectedItem(app), .quit, "↓ on the last item stays there")
        app.press(.up)
        XCTAssertEqual(selectedItem(app), .guide)
    }

    func testARecentSessionsFolderIsItsPathWithoutTheName() {
        let home = ProcessInfo.processInfo.environment["HOME"]
        defer { if let home { setenv("HOME", home, 1) } else { unsetenv("HOME") } }
        setenv("HOME", "/home/ana", 1)
        XCTAssertEqual(HomeScreen.folder("/srv/workshops/east.pit"), "/srv/workshops")
        XCTAssertEqual(HomeScreen.folder("/home/ana/pit/east.pit"), "~/pit")
        XCTAssertEqual(HomeScreen.folder("/home/ana/east.pit"), "~")
        XCTAssertEqual(HomeScreen.folder("/east.pit"), "/")
        XCTAssertEqual(HomeScreen.folder("east.pit"), ".")
        XCTAssertEqual(HomeScreen.folder("notes/east.pit"), "notes")
        XCTAssertEqual(HomeScreen.folder("/srv/workshops/"), "/srv")
        XCTAssertEqual(HomeScreen.folder("/srv//workshops//east.pit"), "/srv//workshops")
        XCTAssertEqual(HomeScreen.fileName("/srv/workshops/east.pit"), "east.pit")
    }
}
