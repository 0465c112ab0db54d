import Foundation
import XCTest
@testable import SessionEngine

/// A store holds every level it reads or writes to the scales it was given when it opened
/// or created the file, and to pit's 1–9 alone for an instrument the scales do not list.
final class ScalesTests: XCTestCase {
    let toolAScale: InstrumentScales = ["tool-a": [1, 2, 3, 4, 5]]
    let six = EventPayload.scoreRecorded(group: "la", element: toolA[0], answer: .level(6), note: nil)

    func testAChangeOffTheScaleIsRefused() throws {
        let dir = TempDir()
        let store = try SessionStore.create(at: dir.file("s.pit"), info: SessionInfo(title: "S"), groups: fourGroups,
                                            author: "Fac", scales: toolAScale)
        XCTAssertThrowsError(try store.append(six, author: "Fac")) { error in
            XCTAssertTrue("\(error)".contains("not on the scale of tool-a"), "\(error)")
        }
        try store.append(.scoreRecorded(group: "la", element: toolA[0], answer: .level(5), note: nil), author: "Fac")
        XCTAssertEqual(store.events.count, 6)
    }

    func testEveryReaderRefusesAFileOffTheScalesItIsGiven() throws {
        let dir = TempDir()
        let url = dir.file("s.pit")
        let written = try SessionStore.create(at: url, info: SessionInfo(title: "S"), groups: fourGroups, author: "Fac", scales: [:])
        try written.append(six, author: "Fac")   // 6 is on pit's 1–9 range: with no scales it is kept
        written.close()
        let bytes = try Data(contentsOf: url)

        for (name, read) in [("open", { try SessionStore.open(at: url, scales: self.toolAScale).close() }),
                             ("openForReading", { try SessionStore.openForReading(at: url, scales: self.toolAScale).close() }),
                             ("snapshot", { _ = try SessionStore.snapshot(at: url, scales: self.toolAScale) })] as [(String, () throws -> Void)] {
            XCTAssertThrowsError(try read(), name) { error in
                // Not "damaged": the file is whole, recorded with another version of Tool A.
                guard case SessionFileError.offScale(_, "tool-a", 6, let detail) = error else { return XCTFail("\(name): \(error)") }
                XCTAssertTrue(detail.contains("event 6 (scoreRecorded): its level 6 is not on the scale of tool-a"), "\(name): \(detail)")
                XCTAssertFalse("\(error)".contains("damaged"), "\(name): \(error)")
            }
        }
        XCTAssertEqual(try Data(contentsOf: url), bytes, "refused files are left as they were")
        XCTAssertEqual(try SessionStore.snapshot(at: url, scales: ["tool-b": [1, 2, 3]]).events.count, 6,
                       "an instrument the scales do not list is held to 1–9 alone")
    }
}
