import Instruments
@testable import pit
import XCTest

/// `pit instruments show`: a scale of the author's own may leave out a level's meaning.
final class InstrumentTextTests: XCTestCase {
    func testALevelWithoutAMeaningHasNoColonAfterItsLabel() throws {
        let yaml = """
            schema: 1
            id: plain
            version: 1
            title: Plain scale
            short: Plain
            placement: civic
            summary: A scale whose levels have labels only.
            scale:
              levels:
                - { value: 1, label: Low }
                - { value: 2, label: Middle, meaning: Some of it. }
                - { value: 3, label: High }
            elements:
              - id: one
                title: One
                focus: Is one there?
                good: One is there.
                levels: { 1: No., 2: Partly., 3: Yes. }
                questions: [Is it?]
            """
        let (parsed, problems) = InstrumentParser.parse(yaml, file: "plain.yaml")
        let instrument = try XCTUnwrap(parsed, "\(problems)")
        let lines = InstrumentText.render(instrument).split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("  1 Low"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("  2 Middle: Some of it."))
        XCTAssertTrue(lines.contains("  3 High"))
        XCTAssertEqual(lines.filter { $0.hasPrefix("  ") && ($0.hasSuffix(":") || $0.hasSuffix(": ")) }, [], "no dangling colon")
    }
}
