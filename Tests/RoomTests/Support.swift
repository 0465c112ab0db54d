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

/// The waits a room asked for, in order.
final class Pauses: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: [TimeInterval] = []
    func append(_ s: TimeInterval) { lock.lock(); seconds.append(s); lock.unlock() }
    var all: [TimeInterval] { lock.lock(); defer { lock.unlock() }; return seconds }
}

/// A session with four groups in a temporary folder, a facilitator's own connection to it
/// (which moves the focus, reveals and locks as the screens would), and a room on it.
final class RoomFixture {
    let folder: URL
    let file: URL
    let facilitator: SessionStore
    let room: LiveRoom
    let clock = TestClock()
    let pauses = Pauses()
    static let element = ElementRef(instrument: "tool-a", element: "leadership")
    static let otherElement = ElementRef(instrument: "tool-a", element: "needs-assessment")

    init(groups: [Group]? = nil, code: RoomCode = RoomCode(typed: "ABC234")!, limiter: WrongCodeLimiter = WrongCodeLimiter()) throws {
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
        let clock = self.clock, pauses = self.pauses
        // A paced code check moves the test clock instead of sleeping, and is recorded.
        room = try LiveRoom(session: file, catalogue: sharedCatalogue, code: code, limiter: limiter, clock: { clock.read() },
                            pause: { seconds in pauses.append(seconds); clock.advance(seconds) })
    }

    func moveTo(_ ref: ElementRef) throws {
        try facilitator.writeFocus(RoomFocus(screen: .element, instrument: ref.instrument, element: ref.element), author: "Fran")
    }

    /// The events in the file as another process would read them.
    func storedEvents() throws -> [Event] { try SessionStore.snapshot(at: file, scales: [:]).events }

    func join(_ group: String, client: String = "10.0.0.5") async throws -> Device {
        guard case .joined(let device) = await room.join(code: "ABC234", group: group, client: client) else {
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
