import Foundation
@testable import pit
import SessionEngine
import XCTest

/// `pit home` leaves the catalogue's content in its cache until a screen or a session needs
/// it; a session opened from home is still held to the instruments' scales.
final class HomeCatalogueTests: XCTestCase {
    func testASessionOpenedFromHomeIsHeldToTheInstrumentsScales() throws {
        let folder = try privateStateFolder("pit-home")
        _ = try makeContext(FrameworkSettings())   // writes the cache, as any earlier start has

        // Level 6 is on pit's 1–9 range but not on Tool A's scale (1–5): written here with
        // no scales to hold it, as a file edited outside pit could hold it.
        let file = folder.appendingPathComponent("off-scale.pit")
        let store = try SessionStore.create(at: file, info: SessionInfo(title: "Off scale"),
                                            groups: [Group(id: "g", name: "Group", sector: .other)], author: "tester", scales: [:])
        try store.append(.scoreRecorded(group: "g", element: ElementRef(instrument: "tool-a", element: "leadership"),
                                        answer: .level(6), note: nil), author: "tester")
        store.close()

        let context = try makeContext(FrameworkSettings(), catalogueWhenNeeded: true)
        let launcher = HomeLauncher(context: context, author: "tester")
        guard case .stay = launcher.start(.open(file.path)) else {
            return XCTFail("a level off its instrument's scale must keep the file from opening")
        }
        XCTAssertNil(context.session)
        XCTAssertTrue(context.messageIsError)
        XCTAssertTrue(context.message?.contains("not on the scale of tool-a") == true, context.message ?? "no message")
    }
}
