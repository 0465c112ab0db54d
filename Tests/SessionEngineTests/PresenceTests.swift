import Foundation
import GRDB
import XCTest
@testable import SessionEngine

/// Who is in the live room, published in the file by the room's process for the
/// facilitator's other processes: one row, not events, stale once its room stops refreshing it.
final class PresenceTests: XCTestCase {
    private let t0 = Date(timeIntervalSince1970: 1_767_229_200)  // 2026-01-01 01:00 UTC

    private func sample(at: Date, interval: TimeInterval = 10) -> RoomPresence {
        RoomPresence(at: at, interval: interval,
                     groups: [.init(groupID: "la", devices: 0, connected: 0), .init(groupID: "nhs", devices: 2, connected: 1)],
                     recent: ["NHS Trust device 1 joined", "NHS Trust device 2 joined"])
    }

    func testAnotherProcessReadsWhatTheRoomWrites() throws {
        let dir = TempDir()
        let room = try makeStore(dir)
        let facilitator = try SessionStore.open(at: dir.file("s.pit"), scales: [:])
        XCTAssertNil(facilitator.presence)
        let published = sample(at: t0)
        try room.writePresence(published)
        XCTAssertEqual(try facilitator.refreshChanges(), [.presence])
        XCTAssertEqual(facilitator.presence, published)
        XCTAssertEqual(facilitator.presence?.group("nhs"), .init(groupID: "nhs", devices: 2, connected: 1))
        XCTAssertEqual(try facilitator.refreshChanges(), [], "seen once")

        var changed = published
        changed.groups[0].devices = 1
        changed.recent.append("City Council device 1 joined")
        try room.writePresence(changed)
        XCTAssertEqual(try facilitator.refreshChanges(), [.presence])
        XCTAssertEqual(facilitator.presence?.group("la")?.devices, 1)
        XCTAssertEqual(facilitator.presence?.recent.last, "City Council device 1 joined")
        XCTAssertEqual(try SessionStore.openForReading(at: dir.file("s.pit"), scales: [:]).presence, changed, "a watcher reads it too")
    }

    func testItGoesStaleWhenItsRoomStopsRefreshingIt() {
        let presence = sample(at: t0, interval: 10)
        XCTAssertEqual(presence.freshUntil, t0.addingTimeInterval(30), "three missed refreshes")
        XCTAssertTrue(presence.isFresh(at: t0))
        XCTAssertTrue(presence.isFresh(at: t0.addingTimeInterval(29.9)))
        XCTAssertFalse(presence.isFresh(at: t0.addingTimeInterval(30)))
        XCTAssertFalse(presence.isFresh(at: t0.addingTimeInterval(3600)))
        XCTAssertFalse(sample(at: t0, interval: 1).isFresh(at: t0.addingTimeInterval(3.5)), "a short interval goes stale sooner")
    }

    func testTheStaleTimeIsKeptInTheFileForEveryReader() throws {
        let dir = TempDir()
        let room = try makeStore(dir)
        try room.writePresence(sample(at: t0, interval: 2))
        let reader = try SessionStore.openForReading(at: dir.file("s.pit"), scales: [:])
        XCTAssertTrue(try XCTUnwrap(reader.presence).isFresh(at: t0.addingTimeInterval(5.9)))
        XCTAssertFalse(try XCTUnwrap(reader.presence).isFresh(at: t0.addingTimeInterval(6)))
    }

    func testAClosedRoomClearsItAndOthersSeeItGo() throws {
        let dir = TempDir()
        let room = try makeStore(dir)
        let facilitator = try SessionStore.open(at: dir.file("s.pit"), scales: [:])
        try room.writePresence(sample(at: t0))
        XCTAssertEqual(try facilitator.refreshChanges(), [.presence])
        try room.clearPresence()
        XCTAssertEqual(try facilitator.refreshChanges(), [.presence])
        XCTAssertNil(facilitator.presence)
        XCTAssertNil(try SessionStore.openForReading(at: dir.file("s.pit"), scales: [:]).presence)
    }

    func testItIsNotTheRecordNoEventsAndNoExportSeesIt() throws {
        let dir = TempDir()
        let room = try makeStore(dir)
        let events = room.events.count
        try room.writePresence(sample(at: t0))
        XCTAssertEqual(room.events.count, events)
        let snapshot = try SessionStore.snapshot(at: dir.file("s.pit"), scales: [:])
        XCTAssertEqual(snapshot.events.count, events, "reports read the events only")
    }

    /// A file from before the presence table (or one an older pit made): it opens, reads as
    /// no room, and opening it for writing adds the table without changing its format version.
    func testAFileFromBeforeThePresenceTableOpensAndGainsIt() throws {
        let dir = TempDir()
        let url = dir.file("s.pit")
        try makeStore(dir).close()
        let raw = try DatabaseQueue(path: url.path)
        try raw.write { db in
            try db.execute(sql: "DROP TABLE room_presence")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3-presence'")
        }
        try raw.close()

        let reader = try SessionStore.openForReading(at: url, scales: [:])
        XCTAssertNil(reader.presence)
        XCTAssertEqual(try reader.refreshChanges(), [])
        reader.close()

        let store = try SessionStore.open(at: url, scales: [:])
        try store.writePresence(sample(at: t0))
        try store.clearPresence()
        try store.writePresence(sample(at: t0))
        store.close()
        XCTAssertEqual(try SessionStore.openForReading(at: url, scales: [:]).presence, sample(at: t0))
        let b = [UInt8](try Data(contentsOf: url))
        XCTAssertEqual(Array(b[60..<64]), [0, 0, 0, 1], "still session format 1: older pits open it")
    }

    func testARowThisVersionCannotReadCountsAsNoRoom() throws {
        let dir = TempDir()
        let url = dir.file("s.pit")
        try makeStore(dir).close()
        let raw = try DatabaseQueue(path: url.path)
        try raw.write { db in
            try db.execute(sql: "INSERT INTO room_presence (id, at, fresh_until, groups, recent) VALUES (1, 0, 99999999999999, 'not json', '[]')")
        }
        try raw.close()
        XCTAssertNil(try SessionStore.open(at: url, scales: [:]).presence)
        let again = try DatabaseQueue(path: url.path)
        try again.write { db in
            try db.execute(sql: "UPDATE room_presence SET at = 'soon', groups = '[]' WHERE id = 1")
        }
        try again.close()
        XCTAssertNil(try SessionStore.open(at: url, scales: [:]).presence, "a time that is not a number: no room, and no crash")
    }

    func testAReadOnlyWatcherCannotWriteIt() throws {
        let dir = TempDir()
        try makeStore(dir).close()
        let reader = try SessionStore.openForReading(at: dir.file("s.pit"), scales: [:])
        XCTAssertThrowsError(try reader.writePresence(sample(at: t0)))
    }
}
