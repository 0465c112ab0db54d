import Foundation
import SessionEngine
import XCTest
@testable import Room

/// The room publishes who is in to the session file, so a facilitator in another process
/// (`pit room` beside `pit open`) sees the devices: on every change, on a heartbeat, and
/// cleared when the room closes. Never the code or a device's token.
final class PresencePublishingTests: XCTestCase {
    /// The room's next write of a change: changes are written at most once a second.
    private func publish(_ f: RoomFixture) {
        f.clock.advance(1)
        f.room.poll()
    }

    /// What the facilitator's own connection reads now.
    private func seen(_ f: RoomFixture) throws -> RoomPresence? {
        _ = try f.facilitator.refreshChanges()
        return f.facilitator.presence
    }

    func testAnOpenRoomIsPublishedWithNoDevices() throws {
        let f = try RoomFixture()
        let presence = try XCTUnwrap(try seen(f))
        XCTAssertEqual(presence.groups.map(\.groupID), ["g1", "g2", "g3", "g4"])
        XCTAssertEqual(presence.groups.map(\.devices), [0, 0, 0, 0])
        XCTAssertTrue(presence.isFresh(at: f.clock.read()))
    }

    func testJoinsLiveConnectionsLeavesAndReleasesArePublished() async throws {
        let f = try RoomFixture()
        let one = try await f.join("g2")
        _ = try await f.join("g2")
        let three = try await f.join("g3")
        publish(f)
        var presence = try XCTUnwrap(try seen(f))
        XCTAssertEqual(presence.group("g2"), .init(groupID: "g2", devices: 2, connected: 0))
        XCTAssertEqual(presence.group("g3")?.devices, 1)
        XCTAssertEqual(presence.group("g1")?.devices, 0)
        XCTAssertEqual(presence.recent.last, "Voluntary Action device 1 joined")

        let live = try XCTUnwrap(f.room.subscribe(one.token))
        publish(f)
        XCTAssertEqual(try seen(f)?.group("g2")?.connected, 1, "its live page is open")
        f.room.unsubscribe(one.token, id: live.id)
        publish(f)
        XCTAssertEqual(try seen(f)?.group("g2")?.connected, 0)

        f.room.leave(three.token)
        publish(f)
        presence = try XCTUnwrap(try seen(f))
        XCTAssertEqual(presence.group("g3")?.devices, 0)
        XCTAssertEqual(presence.recent.last, "Voluntary Action device 1 left")

        f.room.release(group: "g2")
        publish(f)
        presence = try XCTUnwrap(try seen(f))
        XCTAssertEqual(presence.group("g2")?.devices, 0)
        XCTAssertEqual(presence.recent.last, "NHS Trust: 2 devices released")
    }

    func testABurstOfChangesIsWrittenOnceASecond() async throws {
        let f = try RoomFixture()
        _ = try await f.join("g1")
        f.room.poll()
        XCTAssertEqual(try seen(f)?.group("g1")?.devices, 0, "written at the room's opening this second: the join waits")
        f.clock.advance(0.5)
        _ = try await f.join("g2")
        f.room.poll()
        XCTAssertEqual(try seen(f)?.group("g1")?.devices, 0)
        f.clock.advance(0.5)
        f.room.poll()
        let presence = try XCTUnwrap(try seen(f))
        XCTAssertEqual(presence.groups.map(\.devices), [1, 1, 0, 0], "both joins in one write, a second after the last")
    }

    func testAHeartbeatKeepsItFreshAndOnlyThen() async throws {
        let f = try RoomFixture()
        _ = try await f.join("g1")
        publish(f)
        let first = try XCTUnwrap(try seen(f))
        f.clock.advance(5)
        f.room.poll()
        XCTAssertEqual(try seen(f), first, "nothing changed and the interval has not passed: no write")
        f.clock.advance(5)
        f.room.poll()
        let beat = try XCTUnwrap(try seen(f))
        XCTAssertEqual(beat.at, first.at.addingTimeInterval(10), "rewritten after the interval")
        XCTAssertEqual(beat.groups, first.groups)
        XCTAssertTrue(beat.isFresh(at: f.clock.read().addingTimeInterval(29)))
        XCTAssertFalse(beat.isFresh(at: f.clock.read().addingTimeInterval(30)), "a room that stops beating goes stale")
    }

    func testClosingTheRoomClearsIt() async throws {
        let f = try RoomFixture()
        _ = try await f.join("g1")
        publish(f)
        XCTAssertNotNil(try seen(f))
        f.room.close()
        XCTAssertNil(try seen(f))
    }

    func testTheFileNeverHoldsTheCodeOrATokenAndNoEventsAreAdded() async throws {
        let f = try RoomFixture()
        let events = try f.storedEvents().count
        let device = try await f.join("g1")
        publish(f)
        XCTAssertNotNil(try seen(f))
        let bytes = try Data(contentsOf: f.file)
        XCTAssertNil(bytes.range(of: Data("ABC234".utf8)), "the room code")
        XCTAssertNil(bytes.range(of: Data("ABC 234".utf8)), "the room code, spaced")
        XCTAssertNil(bytes.range(of: Data(device.token.value.utf8)), "the device's token")
        XCTAssertEqual(try f.storedEvents().count, events, "presence is not part of the record")
    }

    func testASecondRoomOnTheSameFileIsRefusedUntilTheFirstCloses() throws {
        let f = try RoomFixture()
        let clock = f.clock
        XCTAssertThrowsError(try LiveRoom(session: f.file, catalogue: sharedCatalogue, clock: { clock.read() })) { error in
            XCTAssertEqual(error as? LiveRoomError, .alreadyOpen(path: f.file.path, retryAfterSeconds: 30))
            XCTAssertTrue("\(error)".contains("a live room is already open on \(f.file.path)"), "\(error)")
        }
        XCTAssertNotNil(try seen(f), "the first room's presence is untouched")
        f.room.close()
        let second = try LiveRoom(session: f.file, catalogue: sharedCatalogue, clock: { clock.read() })
        second.close()
    }

    func testARoomThatStoppedWithoutClosingIsForgottenOnceStale() throws {
        let f = try RoomFixture()
        let clock = f.clock
        clock.advance(29)
        XCTAssertThrowsError(try LiveRoom(session: f.file, catalogue: sharedCatalogue, clock: { clock.read() })) { error in
            XCTAssertEqual(error as? LiveRoomError, .alreadyOpen(path: f.file.path, retryAfterSeconds: 1))
        }
        clock.advance(1)
        let second = try LiveRoom(session: f.file, catalogue: sharedCatalogue, clock: { clock.read() })
        XCTAssertTrue(try XCTUnwrap(try seen(f)).isFresh(at: clock.read()), "the new room publishes its own presence")
        second.close()
    }
}
