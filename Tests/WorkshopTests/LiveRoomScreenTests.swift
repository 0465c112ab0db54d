import Foundation
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

/// Stands in for the room server (Workshop never sees it): records what the screens ask.
final class FakeRoomLink: LiveRoomLink {
    var isOpen = false
    var openError: Error?
    var released: [String] = []
    var closed = 0
    var groups: [LiveRoomView.Presence]

    init(groups: [LiveRoomView.Presence]) { self.groups = groups }

    struct Refused: Error, CustomStringConvertible { var description: String { "port 8080 on 0.0.0.0 is already in use" } }

    func open() throws {
        if let openError { throw openError }
        isOpen = true
    }

    /// A 21x21 grid standing for a QR code: finder squares in three corners, a fixed
    /// pattern elsewhere (the real code comes from libqrencode, tested in RoomTests).
    static let modules: [[Bool]] = (0..<21).map { y in
        (0..<21).map { x in
            func finder(_ fx: Int, _ fy: Int) -> Bool? {
                let dx = x - fx, dy = y - fy
                guard (0..<7).contains(dx), (0..<7).contains(dy) else { return nil }
                return dx == 0 || dy == 0 || dx == 6 || dy == 6 || ((2...4).contains(dx) && (2...4).contains(dy))
            }
            return finder(0, 0) ?? finder(14, 0) ?? finder(0, 14) ?? ((x * 7 + y * 3) % 5 < 2)
        }
    }

    func view() -> LiveRoomView? {
        guard isOpen else { return nil }
        return LiveRoomView(code: "ABC 234", address: "http://192.0.2.10:8080", qr: Self.modules, groups: groups,
                            recent: ["NHS Trust device 1 joined"])
    }

    func release(group: String) {
        released.append(group)
        if let i = groups.firstIndex(where: { $0.groupID == group }) { groups[i].devices = 0; groups[i].connected = 0 }
    }

    func close() {
        closed += 1
        isOpen = false
    }
}

final class LiveRoomScreenTests: XCTestCase {
    func roomApp(_ scratch: ScratchSession, link: FakeRoomLink, root: any Screen = TriangleScreen()) -> App {
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.timeZone = TimeZone(identifier: "UTC")!
        context.session = SessionController(store: scratch.store, author: "Sam")
        context.liveRoom = link
        return App(root: root, context: context)
    }

    func presence() -> [LiveRoomView.Presence] {
        [LiveRoomView.Presence(groupID: "la", name: "City Council", devices: 0, connected: 0),
         LiveRoomView.Presence(groupID: "nhs", name: "NHS Trust", devices: 2, connected: 1),
         LiveRoomView.Presence(groupID: "vcse", name: "Voluntary Sector Forum", devices: 1, connected: 1),
         LiveRoomView.Presence(groupID: "res", name: "Residents' Panel", devices: 0, connected: 0)]
    }

    func testJOpensTheRoomAndShowsTheJoinScreen() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let link = FakeRoomLink(groups: presence())
        var app = roomApp(scratch, link: link)
        app.type("J")
        XCTAssertTrue(link.isOpen)
        XCTAssertTrue(app.top is JoinScreen)
        for (w, h) in snapshotSizes {
            assertSnapshot(app.render(size: Size(width: w, height: h)), named: "join-room-\(w)x\(h)")
        }
        let screen = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(screen.contains("http://192.0.2.10:8080"))
        XCTAssertTrue(screen.contains("ABC 234"))
        XCTAssertTrue(screen.contains("2 of 4 groups have a device"))
        XCTAssertTrue(screen.contains("◉ NHS Trust (2)"))
        XCTAssertTrue(screen.contains("▀"), "the QR code is drawn at 80x24")
        XCTAssertFalse(app.render(size: Size(width: 40, height: 12)).contains("▀"), "no half a QR code on a small screen")
    }

    func testALongGroupNameEndsInAnEllipsisAndKeepsItsDeviceCount() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var groups = presence()
        groups[1].name = "北京 Community Group with an extraordinarily long name that goes on"
        let link = FakeRoomLink(groups: groups)
        var app = roomApp(scratch, link: link)
        app.type("J")
        let line = try XCTUnwrap(app.render(size: Size(width: 80, height: 24)).lines().first { $0.contains("北京") })
        XCTAssertTrue(line.trimmingCharacters(in: .whitespaces).hasSuffix("… (2)"), line)
    }

    func testReleaseAndCloseFromTheJoinScreen() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let link = FakeRoomLink(groups: presence())
        var app = roomApp(scratch, link: link)
        app.type("J")
        app.press(.down)
        app.type("d")
        XCTAssertEqual(link.released, ["nhs"])
        XCTAssertEqual(app.context.message, "Released NHS Trust's devices; they can join again with the code")
        app.type("c")
        XCTAssertEqual(link.closed, 1)
        XCTAssertFalse(app.top is JoinScreen)
    }

    func testAPortInUseIsSaidOnScreen() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let link = FakeRoomLink(groups: presence())
        link.openError = FakeRoomLink.Refused()
        var app = roomApp(scratch, link: link)
        app.type("J")
        XCTAssertFalse(app.top is JoinScreen)
        XCTAssertEqual(app.context.message, "The room did not open: port 8080 on 0.0.0.0 is already in use")
        XCTAssertTrue(app.context.messageIsError)
    }

    func testTheStepShowsDevicesAndCountsButNoLevelsBeforeTheReveal() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let link = FakeRoomLink(groups: presence())
        link.isOpen = true
        var app = roomApp(scratch, link: link, root: ElementScreen(instrument: "tool-a", index: 1))
        app.type("2")
        app.type("4")
        assertSnapshot(app.render(size: Size(width: 80, height: 24)), named: "scoring-room-80x24")
        let screen = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(screen.contains("2 of 4 in · 2 with a device (◉)"))
        XCTAssertEqual(screen.lines().filter { $0.contains("◉ │") }.count, 2, "NHS Trust and the forum have a device")
        XCTAssertFalse(screen.contains("Emerging"), "no level before the reveal")
    }

    /// `pit room FILE` in another process: this process has no room of its own, but the
    /// presence the room publishes in the file shows on the step, while it is fresh.
    func testARoomServedByAnotherProcessShowsOnTheStepWhileItIsFresh() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.timeZone = TimeZone(identifier: "UTC")!
        let t0 = Date(timeIntervalSince1970: 1_767_261_600)
        var now = t0
        context.now = { now }
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: ElementScreen(instrument: "tool-a", index: 1), context: context)
        app.type("2")
        XCTAssertFalse(context.noteRoomChanges(), "no room anywhere")
        XCTAssertFalse(app.render(size: Size(width: 80, height: 24)).contains("◉"))
        context.message = nil  // the score's "Saved" goes with the next key

        let roomProcess = try SessionStore.open(at: scratch.store.url, scales: [:])
        defer { roomProcess.close() }
        try roomProcess.writePresence(RoomPresence(at: t0, interval: 10, groups: [
            .init(groupID: "la", devices: 0, connected: 0), .init(groupID: "nhs", devices: 2, connected: 1),
            .init(groupID: "vcse", devices: 1, connected: 0), .init(groupID: "res", devices: 0, connected: 0),
        ], recent: ["NHS Trust device 2 joined"]))
        _ = context.session?.refresh()
        XCTAssertTrue(context.noteRoomChanges())
        XCTAssertEqual(context.message, "Room: NHS Trust device 2 joined", "joins are said as with a room of our own")
        XCTAssertEqual(context.roomView?.servedElsewhere, true)
        var screen = app.render(size: Size(width: 80, height: 24))
        XCTAssertTrue(screen.contains("1 of 4 in · 2 with a device (◉)"), screen.lines().joined(separator: "\n"))
        XCTAssertEqual(screen.lines().filter { $0.contains("◉ │") }.count, 2, "NHS Trust and the forum have a device")
        assertSnapshot(screen, named: "scoring-room-elsewhere-80x24")
        XCTAssertFalse(context.noteRoomChanges(), "nothing new")

        now = t0.addingTimeInterval(29)
        XCTAssertFalse(context.noteRoomChanges(), "still fresh")
        now = t0.addingTimeInterval(30)
        XCTAssertTrue(context.noteRoomChanges(), "the room stopped refreshing it: the screen is redrawn")
        XCTAssertNil(context.roomView)
        screen = app.render(size: Size(width: 80, height: 24))
        XCTAssertFalse(screen.contains("◉"), "a killed room's devices do not linger")
        XCTAssertTrue(screen.contains("1 of 4 groups have scored"), screen.lines().joined(separator: "\n"))

        try roomProcess.writePresence(RoomPresence(at: now, interval: 10, groups: [], recent: ["NHS Trust device 2 joined"]))
        _ = context.session?.refresh()
        XCTAssertTrue(context.noteRoomChanges())
        XCTAssertNotNil(context.roomView)
        try roomProcess.clearPresence()
        _ = context.session?.refresh()
        XCTAssertTrue(context.noteRoomChanges(), "a room that closes cleanly goes at once")
        XCTAssertNil(context.roomView)
    }

    func testARoomOfOurOwnComesBeforeAnotherProcesssPresence() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let link = FakeRoomLink(groups: presence())
        link.isOpen = true
        let app = roomApp(scratch, link: link)
        let roomProcess = try SessionStore.open(at: scratch.store.url, scales: [:])
        defer { roomProcess.close() }
        try roomProcess.writePresence(RoomPresence(at: app.context.now(), groups: [], recent: []))
        _ = app.context.session?.refresh()
        XCTAssertEqual(app.context.roomView?.code, "ABC 234")
        XCTAssertEqual(app.context.roomView?.withDevice, 2)
    }

    func testWithoutARoomJDoesNothing() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        var app = App(root: TriangleScreen(), context: context)
        app.type("J")
        XCTAssertTrue(app.top is TriangleScreen)
    }
}
