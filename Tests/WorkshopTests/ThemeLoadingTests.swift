import TerminalKit
@testable import Workshop
import XCTest

/// The screens start with one theme; the others are read when the theme key first needs them.
final class ThemeLoadingTests: XCTestCase {
    func testTheOtherThemesAreReadAtTheFirstThemeKeyAndCycleOnFromTheFirst() throws {
        let projector = try XCTUnwrap(shippedThemes.first { $0.name == "projector" })
        var reads = 0
        let context = WorkshopContext(catalogue: shippedCatalogue, theme: projector, otherThemes: { reads += 1; return shippedThemes })
        var app = App(root: TriangleScreen(), context: context)
        _ = app.render(size: Size(width: 80, height: 24))
        XCTAssertEqual(reads, 0, "the first frame reads no other theme")
        XCTAssertEqual(context.theme.name, "projector")
        let names = shippedThemes.map(\.name)
        let at = try XCTUnwrap(names.firstIndex(of: "projector"))
        app.handle(.char("t"))
        XCTAssertEqual(reads, 1)
        XCTAssertEqual(context.theme.name, names[(at + 1) % names.count], "the theme after the starting one")
        for _ in 1..<names.count { app.handle(.char("t")) }
        XCTAssertEqual(context.theme.name, "projector", "every theme once, then round again")
        XCTAssertEqual(reads, 1, "read once")
    }
}
