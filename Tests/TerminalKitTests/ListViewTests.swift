@testable import TerminalKit
import XCTest

/// A list longer than its room says where it stands on a row of its own.
final class ListViewTests: XCTestCase {
    private func draw(_ count: Int, selected: Int, height: Int) -> [String] {
        var canvas = Canvas(width: 30, height: height)
        let items = (1...count).map { ListItem("Step \($0)", detail: "0/4") }
        ListView.draw(items, selected: selected, in: Rect(x: 0, y: 0, width: 30, height: height), on: &canvas)
        return canvas.lines()
    }

    func testThePositionHidesNoItemsStatus() {
        let lines = draw(10, selected: 0, height: 6)
        XCTAssertEqual(lines.filter { $0.contains("Step") }.count, 5)
        for line in lines where line.contains("Step") { XCTAssertTrue(line.hasSuffix("0/4"), line) }
        XCTAssertEqual(lines.last?.trimmingCharacters(in: .whitespaces), "1-5/10")
    }

    func testALongLabelLeavesItsDetailInView() {
        var canvas = Canvas(width: 30, height: 2)
        let items = [ListItem("Fire and Rescue Service of the County", detail: "Other"), ListItem("Short", detail: "NHS")]
        ListView.draw(items, selected: 1, in: Rect(x: 0, y: 0, width: 30, height: 2), on: &canvas)
        XCTAssertEqual(canvas.lines()[0], "  Fire and Rescue Serv…  Other")
        XCTAssertTrue(canvas.lines()[1].hasSuffix("NHS"))
    }

    func testAListThatFitsHasNoPosition() {
        let lines = draw(6, selected: 0, height: 6)
        XCTAssertEqual(lines.filter { $0.contains("Step") }.count, 6)
        XCTAssertFalse(lines.contains { $0.contains("/6") })
    }
}
