import Foundation
import SessionEngine
import XCTest
@testable import Reports

/// Who is in the live room is shared state in the session file, not the record: no export
/// or transcript of a session read from its file carries it.
final class PresenceNotExportedTests: XCTestCase {
    func testEveryExportIsTheSameWithAndWithoutARoomsPresence() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        try score(store, "la", a("A1"), 3)
        func exports() throws -> [ExportFormat: Data] {
            let snapshot = try SessionStore.snapshot(at: dir.file("s.pit"), scales: [:])
            var out: [ExportFormat: Data] = [:]
            for format in ExportFormat.allCases {
                out[format] = try Export.render(format, state: snapshot.state, events: snapshot.events, catalogue: catalogue, options: fixedOptions)
            }
            return out
        }
        let before = try exports()
        try store.writePresence(RoomPresence(at: Date(), groups: [.init(groupID: "la", devices: 7, connected: 7)],
                                             recent: ["PRESENCE-MARKER device 1 joined"]))
        let after = try exports()
        XCTAssertEqual(after.count, ExportFormat.allCases.count)
        for format in ExportFormat.allCases {
            XCTAssertEqual(after[format], before[format], "\(format)")
            XCTAssertNil(after[format]?.range(of: Data("PRESENCE-MARKER".utf8)), "\(format)")
        }
    }
}
