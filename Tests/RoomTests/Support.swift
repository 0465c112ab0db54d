import Foundation
import Instruments
import SessionEngine
@testable import Room

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let sharedCatalogue: Catalogue = {
    do { return try Catalogue.load(shipped: repositoryRoot.appendingPathComponent("Assessments")) }
    catch { fatalError("shipped catalogue: \(error)") }
}()

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now = Date(timeIntervalSince1970: 1_800_000_000)
    func read() -> Date { lock.lock(); defer { lock.unlock() }; return now }
    func advance(_ seconds: TimeInterval) { lock.lock(); now += seconds; lock.unlock() }
}

/// A session with four groups in a temporary folder, a facilitator's own connection to it
/// (which moves the focus, reveals and locks as the screens would), and a room on it.
final class RoomFixture {
    let folder: URL
    let file: URL
    let facilitator: SessionStore
    let room: LiveRoom
    let clock = TestClock()
    static let element = ElementRef(instrument: "tool-a", element: "leadership")
    static let otherElement = ElementRef(instrument: "tool-a", element: "needs-assessment")

    init(groups: [Group]? = nil, code: RoomCode = RoomCode(typed: "ABC234")!) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pit-room-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        file = folder.appendingPathComponent("room.pit")
        let groups = groups ?? [
            Group(id: "g1", name: "City Council", sector: .localAuthority),
            Group(id: "g2", name: "NHS Trust", sector: .nhs),
            Group(id: "g3", name: "Voluntary Action", sector: .vcse),
            Group(id: "g4", name: "Residents' Forum", sector: .residents),
        ]
        facilitator = try SessionStore.create(at: file, info: SessionInfo(title: "Healthier Northbridge"), groups: groups, author: "Fran", scales: [:])
        try facilitator.writeFocus(RoomFocus(screen: .element, instrument: "tool-a", element: "leadership"), author: "Fran")
        let clock = self.clock
        room = try LiveRoom(session: file, catalogue: sharedCatalogue, code: code, clock: { clock.read() })
    }

    func moveTo(_ ref: ElementRef) throws {
        try facilitator.writeFocus(RoomFocus(screen: .element, instrument: ref.instrument, element: ref.element), author: "Fran")
    }

    /// The events in the file as another process would read them.
    func storedEvents() throws -> [Event] { try SessionStore.snapshot(at: file, scales: [:]).events }

    func join(_ group: String, client: String = "10.0.0.5") throws -> Device {
        guard case .joined(let device) = room.join(code: "ABC234", group: group, client: client) else {
            throw NSError(domain: "join", code: 1)
        }
        return device
    }

    deinit {
        room.close()
        facilitator.close()
        try? FileManager.default.removeItem(at: folder)
    }
}
