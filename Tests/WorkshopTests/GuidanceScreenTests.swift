import Foundation
import Instruments
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

/// The facilitator layer on screen: guidance per element (never in the room's views),
/// who should be in the room, why it matters and the glossary, and the "don't know" key.
final class GuidanceScreenTests: XCTestCase {
    func app(_ root: any Screen) -> App { App(root: root, context: makeContext()) }

    func testSnapshotsOfTheGuidanceAndWhyItMattersScreens() {
        let screens: [(String, () -> App)] = [
            ("why-it-matters", { self.app(WhyScreen()) }),
            ("glossary", { self.app(WhyScreen(glossary: true)) }),
            ("tool-a-step-2-guidance", { var a = self.app(ElementScreen(instrument: "tool-a", index: 1)); a.type("i"); return a }),
            ("civic-about", { self.app(InstrumentAboutScreen(instrument: "civic")) }),
        ]
        for (name, make) in screens {
            for (w, h) in snapshotSizes {
                assertSnapshot(make().render(size: Size(width: w, height: h)), named: "\(name)-\(w)x\(h)")
            }
        }
    }

    func testTheGuidanceKeyShowsProbesEvidenceAndMinutesAndTogglesBack() {
        var app = app(ElementScreen(instrument: "tool-a", index: 1))
        let text = app.render(size: Size(width: 120, height: 40))
        XCTAssertTrue(text.contains("About 15 minutes"))
        XCTAssertFalse(text.contains("Probing questions"), "the element's own text comes first")
        app.type("i")
        let guidance = app.render(size: Size(width: 120, height: 40))
        XCTAssertTrue(guidance.contains("Probing questions"))
        XCTAssertTrue(guidance.contains("Evidence a group could bring"))
        XCTAssertTrue(guidance.contains("deprivation decile"))
        XCTAssertTrue(guidance.contains("For the facilitator, not the room"))
        app.type("i")
        XCTAssertTrue(app.render(size: Size(width: 120, height: 40)).contains("What good looks like"))
    }

    func testTheRoomsBigViewNeverShowsTheGuidance() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: ElementScreen(instrument: "tool-a", index: 1), context: context)
        app.type("i")
        XCTAssertTrue(app.render(size: Size(width: 120, height: 40)).contains("Probing questions"))
        app.type("b")
        for (w, h) in snapshotSizes where h >= 24 {
            let room = app.render(size: Size(width: w, height: h))
            XCTAssertTrue(room.contains("groups have scored"), "the big view is showing")
            XCTAssertFalse(room.contains("Probing questions"))
            XCTAssertFalse(room.contains("Evidence a group could bring"))
        }
    }

    func testDKeyRecordsDontKnowApartFromNotApplicable() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: ElementScreen(instrument: "tool-a", index: 1), context: context)
        app.type("3d0")   // City Council 3, NHS Trust don't know, Voluntary Sector Forum not applicable
        let summary = context.session!.summary(ElementRef(instrument: "tool-a", element: "needs-assessment"))
        XCTAssertEqual(summary.scores.map(\.score.answer), [.level(3), .dontKnow, .notApplicable])
        XCTAssertEqual(summary.dontKnowCount, 1)
        XCTAssertEqual(summary.notApplicableCount, 1)
        XCTAssertEqual(summary.median, 3)
        app.type("r")
        let shown = app.render(size: Size(width: 120, height: 40))
        XCTAssertTrue(shown.contains("1 n/a, 1 don't know"), "counted apart on screen")
    }

    func testWhyItMattersOpensFromHomeAndTriangleAndScrolls() {
        var home = app(HomeScreen())
        home.type("w")
        XCTAssertTrue(home.top is WhyScreen)
        var triangle = app(TriangleScreen())
        triangle.type("w")
        XCTAssertTrue(triangle.top is WhyScreen)
        let first = triangle.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(first.contains("What health inequalities are"))
        for _ in 0..<6 { triangle.press(.pageDown) }
        let later = triangle.render(size: Size(width: 80, height: 24))
        XCTAssertNotEqual(first.lines(), later.lines())
        XCTAssertTrue(later.contains("Sources") || later.contains("glossary") || later.contains("structures"), later.lines().joined(separator: "\n"))
        triangle.press(.tab)
        XCTAssertTrue(triangle.render(size: Size(width: 80, height: 24)).contains("Asset-based approaches"))
    }

    func testWhoShouldBeInTheRoomShowsOnTheInstrumentsScreens() {
        var list = app(ElementListScreen(instrument: "civic"))
        list.type("i")
        let about = list.render(size: Size(width: 120, height: 40))
        XCTAssertTrue(about.contains("Who should be in the room"))
        XCTAssertTrue(about.contains("licensing"))
        XCTAssertTrue(about.contains("descriptors are pit's own"))
        var component = app(ComponentScreen(component: .civicService))
        var pages = [component.render(size: Size(width: 120, height: 40))]
        for _ in 0..<4 {
            component.press(.pageDown)
            pages.append(component.render(size: Size(width: 120, height: 40)))
        }
        XCTAssertTrue(pages.contains { $0.contains("Who should be in the room") && $0.contains("fire and rescue") })
    }
}
