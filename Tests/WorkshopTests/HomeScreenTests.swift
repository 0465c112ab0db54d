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
        XCTAssertEqual(HomeScreen.folder("/home/anabel/east.pit"), "/home/anabel", "another user's folder, not under ~")
        XCTAssertEqual(HomeScreen.folder("/east.pit"), "/")
        XCTAssertEqual(HomeScreen.folder("east.pit"), ".")
        XCTAssertEqual(HomeScreen.folder("notes/east.pit"), "notes")
        XCTAssertEqual(HomeScreen.folder("/srv/workshops/"), "/srv")
        XCTAssertEqual(HomeScreen.folder("/srv//workshops//east.pit"), "/srv//workshops")
        XCTAssertEqual(HomeScreen.fileName("/srv/workshops/east.pit"), "east.pit")
    }

    /// `pit home` leaves the catalogue in its cache until a screen asks for it; the home
    /// screen's frames must not ask.
    func testTheHomeScreenDrawsWithoutTheCatalogue() {
        var made = 0
        let theme = shippedThemes.first { $0.name == "default" } ?? Theme.plain
        let context = WorkshopContext(catalogue: { made += 1; return shippedCatalogue }, theme: theme, otherThemes: { shippedThemes })
        var app = App(root: HomeScreen(), context: context)
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 40, height: 12)] {
            app.resize(to: size)
            _ = app.render(size: size, glyphs: .unicode)
        }
        app.press(.down, .up)
        _ = app.render(size: Size(width: 80, height: 24), glyphs: .unicode)
        XCTAssertEqual(made, 0, "drawing the home screen made the catalogue")
        app.press(.enter)   // Explore the triangle
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24), glyphs: .unicode).lines().joined().contains("CIVIC"))
        XCTAssertEqual(made, 1, "the catalogue is made once, when a screen first needs it")
        _ = context.catalogue
        XCTAssertEqual(made, 1)
    }
}
