import Foundation
@testable import Instruments
import XCTest

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let assessments = repositoryRoot.appendingPathComponent("Assessments")
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

final class ShippedInstrumentTests: XCTestCase {
    func testEveryShippedFileValidatesWithoutProblems() throws {
        let catalogue = try Catalogue.load(shipped: assessments)
        XCTAssertEqual(catalogue.problems, [], catalogue.problems.map(\.description).joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(catalogue.instruments.count, 7)
        for file in Catalogue.yamlFiles(in: assessments) where file.lastPathComponent != Catalogue.triangleFileName {
            let (instrument, problems) = Catalogue.loadInstrument(at: file)
            XCTAssertNotNil(instrument, "\(file.lastPathComponent): \(problems)")
        }
    }

    func testTheInstrumentsCoverTheReportByName() throws {
        let catalogue = try Catalogue.load(shipped: assessments)
        let toolA = try XCTUnwrap(catalogue.instrument("tool-a"))
        XCTAssertEqual(toolA.elements.map(\.title).map { $0.lowercased() }.count, 10)
        for step in ["leadership", "needs assessment", "priority", "whole system", "interventions", "targets",
                     "business plan", "information governance", "programme management", "evaluation"] {
            XCTAssertTrue(toolA.elements.contains { $0.title.lowercased().contains(step) }, "Tool A lacks \(step)")
        }
        let pots = try XCTUnwrap(catalogue.instrument("pots"))
        XCTAssertEqual(pots.elements.count, 13)
        XCTAssertEqual(Dictionary(grouping: pots.elements, by: { $0.section ?? "" }).mapValues(\.count).values.sorted(), [3, 5, 5])
        let community = try XCTUnwrap(catalogue.instrument("community-centred"))
        XCTAssertEqual(community.elements.filter { $0.section == "pillars" }.count, 4)
        // Each seam has its tool, placed on that seam.
        for (seam, tool) in [(ComponentID.civicCommunity, "tool-b"), (.serviceCommunity, "tool-c"), (.civicService, "tool-d")] {
            XCTAssertEqual(catalogue.instrument(tool)?.placement, seam)
            XCTAssertEqual(catalogue.instruments(for: seam).first?.id, tool)
        }
        XCTAssertEqual(catalogue.instruments(for: .service).first?.id, "pots")
        XCTAssertEqual(catalogue.instruments(for: .community).first?.id, "community-centred")
        XCTAssertEqual(catalogue.triangle.components.count, 7)
    }

    func testEveryElementLetsAGroupTellLevelTwoFromFour() throws {
        let catalogue = try Catalogue.load(shipped: assessments)
        for instrument in catalogue.instruments {
            for element in instrument.elements {
                for value in instrument.scale.values {
                    XCTAssertNotNil(element.levels[value], "\(instrument.id)/\(element.id) has no descriptor for \(value)")
                }
                XCTAssertNotEqual(element.levels[2], element.levels[4])
                XCTAssertFalse(element.questions.isEmpty)
            }
        }
    }
}

final class ValidatorTests: XCTestCase {
    /// A valid file to break one line at a time.
    static let valid = """
    schema: 1
    id: mini
    version: 1
    title: Mini tool
    short: Mini
    placement: centre
    summary: A tiny instrument.
    elements:
      - id: one
        title: First
        focus: Is the first thing done?
        good: It is done well.
        levels:
          1: Not done.
          3: Half done.
          5: Done well.
        questions:
          - Is it done?
      - id: two
        title: Second
        focus: Is the second thing done?
        good: It is done well.
        levels:
          1: Not done.
          3: Half done.
          5: Done well.
        questions:
          - Is it done?
        links: [one]
    """

    func problems(_ text: String) -> [Diagnostic] {
        let (instrument, problems) = InstrumentParser.parse(text, file: "mini.yaml")
        if problems.isEmpty { XCTAssertNotNil(instrument) }
        return problems
    }

    func replacing(_ old: String, with new: String) -> String {
        XCTAssertTrue(Self.valid.contains(old), "fixture lacks \(old)")
        return Self.valid.replacingOccurrences(of: old, with: new)
    }

    func assertProblem(_ text: String, line: Int, mentions: String, file: StaticString = #filePath, testLine: UInt = #line) {
        let found = problems(text)
        XCTAssertTrue(found.contains { $0.line == line && $0.message.contains(mentions) },
                      "expected a problem on line \(line) mentioning \(mentions); got \(found)", file: file, line: testLine)
        XCTAssertTrue(found.allSatisfy { $0.file == "mini.yaml" && $0.column >= 1 })
    }

    func testTheValidFixtureHasNoProblems() {
        XCTAssertEqual(problems(Self.valid), [])
    }

    func testSchemaAndVersionBelowOneAreRefused() {
        assertProblem(replacing("schema: 1", with: "schema: -9223372036854775808"), line: 1, mentions: "schema -9223372036854775808")
        assertProblem(replacing("schema: 1", with: "schema: 0"), line: 1, mentions: "schema 0")
    }

    func testDuplicateElementIDs() {
        assertProblem(replacing("  - id: two", with: "  - id: one"), line: 19, mentions: "duplicate element id `one`")
    }

    func testLevelOutsideTheScale() {
        assertProblem(replacing("      5: Done well.\n    questions:\n      - Is it done?\n    links", with: "      5: Done well.\n      7: Beyond.\n    questions:\n      - Is it done?\n    links"),
                      line: 27, mentions: "level 7")
    }

    func testASchemaBelowOneIsRefusedWithItsLine() {
        for bad in ["0", "-1", "-9223372036854775808"] {
            assertProblem(replacing("schema: 1", with: "schema: \(bad)"), line: 1, mentions: "schema \(bad) is not a schema version")
        }
        assertProblem(replacing("schema: 1", with: "schema: 99999999999999999999"), line: 1, mentions: "whole number")
    }

    func testMissingTitle() {
        assertProblem(replacing("    title: Second\n", with: ""), line: 19, mentions: "missing `title`")
    }

    func testUnknownSeam() {
        assertProblem(replacing("placement: centre", with: "placement: civic-community-service"), line: 6, mentions: "unknown placement")
    }

    func testLinkToAMissingElement() {
        assertProblem(replacing("links: [one]", with: "links: [three]"), line: 29, mentions: "`three`")
    }

    func testMissingMiddleDescriptor() {
        assertProblem(replacing("      3: Half done.\n      5: Done well.\n    questions:\n      - Is it done?\n  - id: two", with: "      5: Done well.\n    questions:\n      - Is it done?\n  - id: two"),
                      line: 13, mentions: "level 3")
    }

    func testUnknownKeyIsReportedAsALikelyTypo() {
        assertProblem(replacing("    focus: Is the first thing done?", with: "    focsu: Is the first thing done?"), line: 11, mentions: "unknown key `focsu`")
    }

    func testYAMLSyntaxErrorGivesItsLine() {
        assertProblem(replacing("title: Mini tool", with: "title: [Mini tool"), line: 5, mentions: "not valid YAML")
    }

    func testDuplicateKeys() {
        let found = problems(replacing("short: Mini", with: "short: Mini\nshort: Again"))
        XCTAssertFalse(found.isEmpty)
    }

    func testEveryProblemIsReportedNotJustTheFirst() {
        let text = replacing("id: mini", with: "id: Mini Tool").replacingOccurrences(of: "placement: centre", with: "placement: nowhere")
        let found = problems(text)
        XCTAssertTrue(found.contains { $0.line == 2 })
        XCTAssertTrue(found.contains { $0.line == 6 })
    }

    func testCustomScaleRules() {
        let text = replacing("summary: A tiny instrument.", with: """
        summary: A tiny instrument.
        scale:
          levels:
            - { value: 2, label: Some }
            - { value: 1, label: None }
        """)
        assertProblem(text, line: 11, mentions: "ascending")
    }
}

final class CatalogueTests: XCTestCase {
    func testAUserInstrumentLoadsBesideTheShippedOnes() throws {
        let folder = try temporaryFolder()
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("walkability.yaml"), to: folder.appendingPathComponent("walkability.yaml"))
        let catalogue = try Catalogue.load(shipped: assessments, extra: [folder])
        let walk = try XCTUnwrap(catalogue.instrument("walkability"))
        XCTAssertEqual(walk.scale.values, [1, 2, 3])
        XCTAssertFalse(walk.scale.allowsNotApplicable)
        XCTAssertEqual(walk.elements.map(\.id), ["routes", "crossings"])
        XCTAssertTrue(catalogue.instruments(for: .civic).contains(walk), "a user instrument appears on its component")
    }

    func testABrokenUserFileIsReportedWithItsLineAndSkipped() throws {
        let folder = try temporaryFolder()
        try "schema: 1\nid: broken\nversion: 1\ntitle: Broken\nshort: B\nplacement: moon\nelements: []\n"
            .write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("walkability.yaml"), to: folder.appendingPathComponent("walkability.yaml"))
        let catalogue = try Catalogue.load(shipped: assessments, extra: [folder])
        XCTAssertNil(catalogue.instrument("broken"))
        XCTAssertNotNil(catalogue.instrument("walkability"))
        XCTAssertTrue(catalogue.problems.contains { $0.file.hasSuffix("broken.yaml") && $0.line == 6 && $0.message.contains("moon") })
        XCTAssertNotNil(catalogue.instrument("tool-a"))
    }

    func testAUserFileMayNotReuseAShippedID() throws {
        let folder = try temporaryFolder()
        let text = try String(contentsOf: fixtures.appendingPathComponent("walkability.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "id: walkability", with: "id: tool-a")
        try text.write(to: folder.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
        let catalogue = try Catalogue.load(shipped: assessments, extra: [folder])
        XCTAssertEqual(catalogue.instrument("tool-a")?.elements.count, 10, "the shipped Tool A wins")
        XCTAssertTrue(catalogue.problems.contains { $0.message.contains("already used") })
    }

    func testAMissingUserFolderIsNotAnError() throws {
        let catalogue = try Catalogue.load(shipped: assessments, extra: [URL(fileURLWithPath: "/nonexistent/pit")])
        XCTAssertEqual(catalogue.problems, [])
    }
}
