import Foundation
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

/// The room's features meeting the don't-know answer and the record rules.
final class RoomAndGuidanceTests: XCTestCase {
    func testASecondRoundSaysWhoMovedToOrFromDontKnow() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: ElementScreen(instrument: "tool-a", index: 1), context: context)
        app.type("d330r")
        app.type("R")
        app.type("3d30r")
        let screen = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(screen.contains("moved: CC dk → 3, NHS 3 → dk"), screen.plainText)
        XCTAssertTrue(screen.contains("1 don't know"), "the spread line counts it")
    }

    func testAPlanItemOutsideOneToFourteenFortyMinutesIsRefused() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let events = scratch.store.events.count
        for minutes in [0, 1441, Int.max] {
            let plan = SessionPlan(name: "x", title: "X", items: [.init(instrument: "tool-a", minutes: minutes)])
            XCTAssertThrowsError(try scratch.store.append(.planSet(plan), author: "Sam"), "\(minutes) minutes")
        }
        XCTAssertEqual(scratch.store.events.count, events, "nothing was written")
        let fine = SessionPlan(name: "x", title: "X", items: [.init(instrument: "tool-a", minutes: 1440)])
        XCTAssertNoThrow(try scratch.store.append(.planSet(fine), author: "Sam"))
        let long = String(repeating: "x", count: RecordRules.shortTextBytes + 1)
        XCTAssertThrowsError(try scratch.store.append(.instrumentAdded(id: long), author: "Sam"))
    }
}
