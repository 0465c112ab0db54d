import Foundation
@testable import Instruments
import XCTest

/// The facilitator layer: guidance per element, who should be in the room, sources, and
/// the why-it-matters reading.
final class ShippedGuidanceTests: XCTestCase {
    func testEveryElementOfEveryInstrumentHasProbesEvidenceAndMinutes() throws {
        let catalogue = try Catalogue.load(shipped: assessments)
        var counted = 0
        for instrument in catalogue.instruments {
            for element in instrument.elements {
                let where_ = "\(instrument.id)/\(element.id)"
                guard let g = element.guidance else { XCTFail("\(where_) has no guidance"); continue }
                XCTAssertFalse(g.probes.isEmpty, "\(where_) has no probing questions")
                XCTAssertFalse(g.evidence.isEmpty, "\(where_) has no evidence examples")
                XCTAssertGreaterThan(g.minutes, 0, "\(where_) has no suggested minutes")
                counted += 1
            }
        }
        XCTAssertEqual(counted, 80, "10 + 9 + 8 + 10 + 13 + 11 + 19 shipped elements")
    }

    func testEveryInstrumentSaysWhoShouldBeInTheRoomAndNamesItsSources() throws {
        let catalogue = try Catalogue.load(shipped: assessments)
        for instrument in catalogue.instruments {
            XCTAssertGreaterThanOrEqual(instrument.room.count, 3, instrument.id)
            XCTAssertTrue(instrument.sources.contains { $0.by == "Public Health England" }, "\(instrument.id) names the PHE report")
        }
        let civic = try XCTUnwrap(catalogue.instrument("civic"))
        XCTAssertTrue(civic.room.joined().contains("licensing"))
        XCTAssertTrue(try XCTUnwrap(catalogue.instrument("tool-d")).room.joined().contains("fire and rescue"))
    }

    func testTheOverlapsTheReviewNamedCrossReferEachOther() throws {
        let catalogue = try Catalogue.load(shipped: assessments)
        func overlaps(_ instrument: String, _ element: String) -> [String] {
            catalogue.instrument(instrument)?.element(element)?.guidance?.overlaps.map { $0.see } ?? []
        }
        XCTAssertTrue(overlaps("civic", "spatial-planning").contains("health-planning"))
        XCTAssertTrue(overlaps("civic", "health-planning").contains("spatial-planning"))
        XCTAssertTrue(overlaps("civic", "legislation").contains("public-protection"))
        XCTAssertTrue(overlaps("tool-c", "community-voice").contains("pots/user-engagement"))
        XCTAssertTrue(overlaps("pots", "user-engagement").contains("tool-c/community-voice"))
    }

    func testCommunityAssetPromptsAreAttributedAndSitOnToolAsDataElements() throws {
        let toolA = try XCTUnwrap(try Catalogue.load(shipped: assessments).instrument("tool-a"))
        for id in ["needs-assessment", "information-governance", "evaluation"] {
            let prompts = toolA.element(id)?.guidance?.prompts ?? []
            XCTAssertTrue(prompts.contains { $0.source == "deloitte-2022" }, "\(id) has a community-assets prompt")
        }
    }

    func testTheWhyItMattersReadingLoadsWithItsGlossary() throws {
        let briefing = try XCTUnwrap(try Catalogue.load(shipped: assessments).briefing)
        XCTAssertTrue(briefing.sections.contains { $0.title.contains("checklist") })
        XCTAssertTrue(briefing.sections.flatMap(\.points).contains { $0.contains("£4.8 billion") })
        let terms = briefing.glossary.map(\.term)
        for term in ["Asset-based approaches", "Social capital", "Health resilience"] {
            XCTAssertTrue(terms.contains(term), term)
        }
        for section in briefing.sections { XCTAssertFalse(section.sources.isEmpty, section.title) }
    }
}

final class GuidanceValidatorTests: XCTestCase {
    /// ValidatorTests' file with guidance on its first element (lines 16-24) and sources (8-12).
    static let valid = ValidatorTests.valid
        .replacingOccurrences(of: "summary: A tiny instrument.\n", with: """
        summary: A tiny instrument.
        room: [Planners]
        sources:
          - { id: src, title: A report, by: A body, year: "2020" }
        """ + "\n")
        .replacingOccurrences(of: "      - Is it done?\n  - id: two", with: """
              - Is it done?
            guidance:
              minutes: 10
              probes: [How do we know?]
              evidence: [A needs assessment by deprivation decile]
              overlaps:
                - { see: two, note: Score it once. }
              prompts:
                - { source: src, text: An example. }
          - id: two
        """)

    func problems(_ text: String) -> [Diagnostic] { InstrumentParser.parse(text, file: "mini.yaml").problems }

    func line(of needle: String, in text: String) -> Int {
        (text.components(separatedBy: "\n").firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    func testTheGuidanceFixtureIsValidAndParsed() throws {
        XCTAssertEqual(problems(Self.valid), [])
        let instrument = try XCTUnwrap(InstrumentParser.parse(Self.valid, file: "mini.yaml").instrument)
        XCTAssertEqual(instrument.room, ["Planners"])
        XCTAssertEqual(instrument.sources.first?.citation, "A report (A body, 2020)")
        let g = try XCTUnwrap(instrument.element("one")?.guidance)
        XCTAssertEqual(g.minutes, 10)
        XCTAssertEqual(g.evidence, ["A needs assessment by deprivation decile"])
        XCTAssertEqual(g.prompts, [SourcedPrompt(text: "An example.", source: "src")])
    }

    func assertProblem(replacing old: String, with new: String, mentions: String, file: StaticString = #filePath, testLine: UInt = #line) {
        XCTAssertTrue(Self.valid.contains(old), "fixture lacks \(old)", file: file, line: testLine)
        let text = Self.valid.replacingOccurrences(of: old, with: new)
        let expected = line(of: new.components(separatedBy: "\n").first!, in: text)
        let found = problems(text)
        XCTAssertTrue(found.contains { $0.line == expected && $0.message.contains(mentions) },
                      "expected a problem on line \(expected) mentioning \(mentions); got \(found)", file: file, line: testLine)
    }

    func testMinutesMustBeAWholeNumber() {
        assertProblem(replacing: "minutes: 10", with: "minutes: ten", mentions: "`minutes`")
    }

    func testProbesMustBeAList() {
        assertProblem(replacing: "probes: [How do we know?]", with: "probes: How do we know?", mentions: "`probes`")
    }

    func testAnUnknownGuidanceKeyIsATypo() {
        assertProblem(replacing: "evidence: [A needs", with: "evidense: [A needs", mentions: "unknown key `evidense`")
    }

    func testAPromptMustNameAListedSource() {
        assertProblem(replacing: "{ source: src,", with: "{ source: elsewhere,", mentions: "source `elsewhere`")
    }

    func testAnOverlapMustNameAnElement() {
        assertProblem(replacing: "{ see: two,", with: "{ see: three,", mentions: "overlaps `three`")
    }

    func testASourceNeedsItsPublisher() {
        assertProblem(replacing: "{ id: src, title: A report, by: A body,", with: "{ id: src, title: A report,", mentions: "missing `by`")
    }
}
