import Foundation
@testable import pit
import SessionEngine
import XCTest

/// `pit new --plan` (and the home screen's form) make the session and its plan in one step.
final class SessionCreationTests: XCTestCase {
    func testAPlanTheRecordRefusesLeavesNoSessionBehind() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pit-create-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("planned.pit").path
        let info = SessionInfo(title: "Planned", date: "2026-01-01", facilitator: "Fac", instruments: ["tool-a"], mode: .workshop)
        // A plan a parser let through but the record's rules refuse (too many items).
        let plan = SessionPlan(name: "long", title: "Long", items: Array(repeating: .init(instrument: "tool-a", minutes: 1),
                                                                         count: RecordRules.planItems + 1))
        XCTAssertThrowsError(try createWorkshopSession(at: path, info: info, groups: [], author: "Fac", plan: plan, scales: [:])) {
            XCTAssertTrue(($0 as? SessionError)?.description.contains("more than 256 items") == true, "\($0)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "no session without its plan")

        // The same call with a plan the rules keep makes the session with it.
        let short = SessionPlan(name: "short", title: "Short", items: [.init(instrument: "tool-a", minutes: 20)])
        let store = try createWorkshopSession(at: path, info: info, groups: [], author: "Fac", plan: short, scales: [:])
        defer { store.close() }
        XCTAssertEqual(store.state.plan, short)
    }
}
