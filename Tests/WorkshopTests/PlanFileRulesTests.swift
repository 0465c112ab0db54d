import Foundation
import Instruments
import SessionEngine
import XCTest

/// A plan file is held, as it is read, to what a session can record: a plan that parses
/// never fails half-way through `pit new`, and each mistake names its line and column.
final class PlanFileRulesTests: XCTestCase {
    func parse(_ text: String) -> [String] {
        let (plan, problems) = PlanParser.parse(text, file: "p.yaml", name: "p", catalogue: shippedCatalogue)
        if problems.isEmpty { XCTAssertNotNil(plan) }
        return problems.map(\.description)
    }

    /// Instruments may not import SessionEngine, so the limits are stated twice; here, where
    /// both are seen, they are held equal.
    func testThePlanLimitsAreTheSessionsRecordLimits() {
        XCTAssertEqual(PlanLimits.items, RecordRules.planItems)
        XCTAssertEqual(PlanLimits.elementsPerItem, RecordRules.planItems)
        XCTAssertEqual(PlanLimits.textBytes, RecordRules.shortTextBytes)
        XCTAssertEqual(PlanLimits.minutes, RecordRules.planMinutes)
    }

    func testTooManyItemsIsAProblemAtTheList() {
        let items = String(repeating: "  - instrument: tool-a\n    minutes: 1\n", count: PlanLimits.items + 1)
        XCTAssertEqual(parse("schema: 1\ntitle: Q\nitems:\n" + items),
                       ["p.yaml:4:3: the plan has 257 items; a plan has at most 256: split it into two sessions"])
        // 256 items are within the limit (they repeat tool-a, a problem of its own, below).
        let most = String(repeating: "  - instrument: tool-a\n    minutes: 1\n", count: PlanLimits.items)
        XCTAssertFalse(parse("schema: 1\ntitle: Q\nitems:\n" + most).contains { $0.contains("at most") })
    }

    func testTooManyElementsOrTooLongATitleOrId() {
        let many = (1...257).map { "e\($0)" }.joined(separator: ", ")
        let found = parse("schema: 1\ntitle: Q\nitems:\n  - instrument: tool-a\n    elements: [\(many)]\n    minutes: 5\n")
        XCTAssertEqual(found.first, "p.yaml:5:15: item 1 names 257 elements; an item names at most 256")
        let long = String(repeating: "é", count: 257)
        XCTAssertEqual(parse("schema: 1\ntitle: \(long)\nitems:\n  - instrument: tool-a\n    minutes: 5\n"),
                       ["p.yaml:2:8: the plan's `title` is 514 bytes; a session keeps at most 512: shorten it"])
        XCTAssertEqual(parse("schema: 1\ntitle: \"a\\nb\"\nitems:\n  - instrument: tool-a\n    minutes: 5\n"),
                       ["p.yaml:2:8: the plan's `title` holds a line break; it is shown on one line, so write it as one line of plain text"])
    }

    func testAnEmptyOrRepeatedElementListAndASchemaBelowOne() {
        XCTAssertEqual(parse("schema: 1\ntitle: Q\nitems:\n  - instrument: tool-a\n    elements: []\n    minutes: 10\n"),
                       ["p.yaml:5:15: `elements` of item 1 is empty; leave `elements` out to take every element, or name at least one"])
        XCTAssertEqual(parse("schema: 1\ntitle: Q\nitems:\n  - instrument: tool-a\n    elements: [leadership, targets, leadership]\n    minutes: 10\n"),
                       ["p.yaml:5:37: item 1 names the element `leadership` twice; name it once"])
        for schema in [0, -3] {
            XCTAssertEqual(parse("schema: \(schema)\ntitle: Q\nitems:\n  - instrument: tool-a\n    minutes: 10\n"),
                           ["p.yaml:1:9: schema \(schema) is not a schema version; versions start at 1 (this pit reads 1 to 1)"])
        }
    }

    func testAnElementTakenByTwoItemsIsAProblemAtTheLaterItem() {
        XCTAssertEqual(parse("schema: 1\ntitle: Q\nitems:\n  - instrument: tool-a\n    elements: [leadership, targets]\n    minutes: 10\n"
                             + "  - instrument: tool-a\n    elements: [priorities, targets]\n    minutes: 10\n"),
                       ["p.yaml:8:15: item 2 takes `targets` of tool-a, which item 1 takes already; an element is scored once: take each in one item only"])
        // An item with every element of its instrument takes them all.
        XCTAssertEqual(parse("schema: 1\ntitle: Q\nitems:\n  - instrument: tool-a\n    elements: [leadership]\n    minutes: 10\n"
                             + "  - instrument: tool-c\n    minutes: 10\n  - instrument: tool-a\n    minutes: 10\n"),
                       ["p.yaml:9:17: item 3 takes `leadership` of tool-a, which item 1 takes already; an element is scored once: take each in one item only"])
        XCTAssertEqual(parse("schema: 1\ntitle: Q\nitems:\n  - instrument: tool-a\n    minutes: 10\n"
                             + "  - instrument: tool-a\n    minutes: 10\n").first,
                       "p.yaml:6:17: item 2 takes `leadership`, `needs-assessment` and 8 more of tool-a, which item 1 takes already; "
                       + "an element is scored once: take each in one item only")
        // Split between items, as the built-in plans are, is no problem.
        XCTAssertEqual(parse("schema: 1\ntitle: Q\nitems:\n  - instrument: tool-a\n    elements: [leadership]\n    minutes: 10\n"
                             + "  - instrument: tool-a\n    elements: [targets]\n    minutes: 10\n"), [])
    }
}
