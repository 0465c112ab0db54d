import Foundation
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

/// The facilitator's moves reach the file as the room focus; other processes read it.
final class RoomFocusTests: XCTestCase {
    private func facilitator(_ scratch: ScratchSession, root: any Screen) -> App {
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        return App(root: root, context: context)
    }

    func testMovingRevealingAndOpeningScreensUpdateTheSharedFocus() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let audience = try SessionStore.openForReading(at: scratch.store.url, scales: [:])
        var app = facilitator(scratch, root: TriangleScreen())
        app.publishFocus()
        XCTAssertEqual(try audience.refreshChanges(), [.focus])
        XCTAssertEqual(audience.focus, RoomFocus(screen: .triangle, component: "centre"))

        app.press(.char("p"))
        XCTAssertEqual(try audience.refreshChanges(), [.focus])
        XCTAssertEqual(audience.focus?.screen, .elementList)
        XCTAssertEqual(audience.focus?.element, "leadership")

        app.press(.down, .enter)
        _ = try audience.refreshChanges()
        XCTAssertEqual(audience.focus, RoomFocus(screen: .element, instrument: "tool-a", element: "needs-assessment"))

        let events = scratch.store.events.count
        app.type("3")
        XCTAssertEqual(try audience.refreshChanges(), [.events], "a score is an event; the focus did not move")
        app.type("r")
        XCTAssertEqual(try audience.refreshChanges(), [.focus, .events])
        XCTAssertEqual(audience.focus?.revealed, true)
        XCTAssertEqual(scratch.store.events.count, events + 2, "moving added no events")

        app.press(.char("m"))
        _ = try audience.refreshChanges()
        XCTAssertEqual(audience.focus, RoomFocus(screen: .matrices, view: "heatmap"))
        app.press(.tab)
        _ = try audience.refreshChanges()
        XCTAssertEqual(audience.focus?.view, "rollup")

        app.press(.char("q"))
        app.press(.char("g"))
        _ = try audience.refreshChanges()
        XCTAssertEqual(audience.focus?.screen, .element, "the groups screen leaves the room on the element")
    }

    func testKeysThatDoNotMoveWriteNothing() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = facilitator(scratch, root: ElementScreen(instrument: "tool-a", index: 0))
        app.publishFocus()
        let revision = scratch.store.focusRevision
        app.press(.char("?"), .char("x"), .down, .up)
        XCTAssertEqual(scratch.store.focusRevision, revision)
        app.press(.right)
        XCTAssertEqual(scratch.store.focusRevision, revision + 1)
    }
}
