import Foundation
import XCTest
@testable import SessionEngine

/// A fresh folder per test, on tmpfs when there is one (fsync is free there, so the
/// property tests that append thousands of events stay fast).
final class TempDir {
    let url: URL
    init() {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm")
            : URL(fileURLWithPath: NSTemporaryDirectory())
        url = base.appendingPathComponent("pit-engine-tests-\(getpid())-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
    var contents: [String] { (try? FileManager.default.contentsOfDirectory(atPath: url.path).sorted()) ?? [] }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A clock that ticks one second per reading, from a fixed start.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var t: Date
    init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) { t = start } // 2026-01-01
    func now() -> Date {
        lock.lock(); defer { lock.unlock() }
        t = t.addingTimeInterval(1)
        return t
    }
    var clock: SessionClock { { self.now() } }
}

let toolA = (1...10).map { ElementRef(instrument: "tool-a", element: "A\($0)") }
let fourGroups = [
    Group(id: "la", name: "City Council", sector: .localAuthority),
    Group(id: "nhs", name: "NHS Trust", sector: .nhs),
    Group(id: "vcse", name: "Voluntary Sector Forum", sector: .vcse),
    Group(id: "res", name: "Residents' Panel", sector: .residents),
]

func makeStore(_ dir: TempDir, _ name: String = "s.pit", groups: [Group] = fourGroups,
               mode: SessionMode = .workshop, clock: TestClock = TestClock()) throws -> SessionStore {
    try SessionStore.create(at: dir.file(name),
                            info: SessionInfo(title: "Test \(name)", place: "Northbridge", date: "2026-01-01",
                                              facilitator: "Fac", instruments: ["tool-a"], mode: mode),
                            groups: groups, author: "Fac", scales: [:], clock: clock.clock)
}

/// The state without the bookkeeping that differs between two routes to the same content.
func content(_ s: SessionState) -> SessionState {
    var c = s
    c.notInEffect = []
    c.lastSeq = 0
    c.lastChange = nil
    return c
}

func bytes(_ url: URL) -> Data { (try? Data(contentsOf: url)) ?? Data() }
