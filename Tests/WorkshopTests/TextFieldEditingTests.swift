import TerminalKit
@testable import Workshop
import XCTest

/// A form's field is edited at its cursor: a typo early in a long reason is mended without
/// deleting everything after it.
final class TextFieldEditingTests: XCTestCase {
    private func form(_ value: String = "") -> App {
        App(root: PromptScreen("Reason", fields: [.init("Reason", value: value, required: false)]) { _ in nil }, context: makeContext())
    }

    private func field(_ app: App) -> PromptScreen.Field { (app.top as! PromptScreen).fields[0] }

    func testTypingBackspaceAndDeleteActAtTheCursor() {
        var app = form()
        app.type("helo world")
        for _ in 0..<7 { app.press(.left) }     // after "hel"
        app.type("l")
        XCTAssertEqual(field(app).value, "hello world")
        app.press(.home, .delete)
        XCTAssertEqual(field(app).value, "ello world")
        app.press(.end, .backspace)
        XCTAssertEqual(field(app).value, "ello worl")
        app.press(.ctrl("a")); app.type("H")
        XCTAssertEqual(field(app).value, "Hello worl")
        app.press(.ctrl("e")); app.type("d")
        XCTAssertEqual(field(app).value, "Hello world")
        app.press(.home, .backspace, .left)
        XCTAssertEqual(field(app).value, "Hello world", "nothing before the start to delete")
        app.press(.end, .delete, .right)
        XCTAssertEqual(field(app).value, "Hello world", "nothing after the end")
        app.press(.left, .paste("ab"))
        XCTAssertEqual(field(app).value, "Hello worlabd", "a paste goes in at the cursor")
    }

    func testAnArrowOnASuggestionEditsItInsteadOfReplacingIt() {
        var app = form("3 Developing")
        app.press(.home)
        app.type("Level ")
        XCTAssertEqual(field(app).value, "Level 3 Developing")
    }

    func testALongValueShowsThePartAroundTheCursor() {
        var app = form()
        let words = (1...40).map { "w\($0)" }.joined(separator: " ")
        app.press(.paste(words))
        var canvas = app.render(size: Size(width: 40, height: 12))
        XCTAssertTrue(canvas.contains("w40"), "the end, where typing happens")
        XCTAssertFalse(canvas.contains("w1 w2 "))
        app.press(.home)
        canvas = app.render(size: Size(width: 40, height: 12))
        XCTAssertTrue(canvas.contains("› w1 w2 w3"), "the start, once the cursor is there")
        let row = canvas.lines().firstIndex { $0.contains("› w1 w2") }
        XCTAssertEqual(canvas.cursor?.y, row)
        XCTAssertEqual(canvas.cursor.map { canvas.lines()[$0.y].prefix($0.x).hasSuffix("› ") }, true, "the cursor on w1")
    }
}
