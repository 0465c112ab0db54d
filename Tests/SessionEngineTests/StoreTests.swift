import Foundation
import XCTest
@testable import SessionEngine

final class StoreTests: XCTestCase {
    /// The descriptors this process holds on `path`.
    private func descriptors(on path: String) -> Int {
        let folder = "/proc/self/fd"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { (try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + $0)) == path }.count
    }

    /// `open` looks inside through a read-only connection first; that connection is closed
    /// before the session is used (its object is kept to be freed later), never left open.
    func testTheReadOnlyLookLeavesNoConnectionOpen() throws {
        let dir = TempDir()
        let path = try makeStore(dir).url.path
        XCTAssertEqual(descriptors(on: path), 0, "the made store was freed")
        let store = try SessionStore.open(at: URL(fileURLWithPath: path), scales: [:])
        XCTAssertEqual(descriptors(on: path), 1, "one connection: the session's own")
        try store.append(.scoreRecorded(group: "nhs", element: toolA[0], answer: .level(3), note: nil), author: "Ann")
        store.close()
        XCTAssertEqual(descriptors(on: path), 0)
    }

    func testCreateAppendCloseReopen() throws {
        let dir = TempDir()
        let clock = TestClock()
        let store = try makeStore(dir, clock: clock)
        XCTAssertEqual(store.state.groups, fourGroups)
        XCTAssertEqual(store.state.info.place, "Northbridge")
        let e = try store.append(.scoreRecorded(group: "nhs", element: toolA[0], answer: .level(4), note: "ok"), author: "Ann")
        XCTAssertEqual(e.author, "Ann")
        XCTAssertEqual(e.seq, 6)
        XCTAssertEqual(store.state.scores[toolA[0]]?["nhs"], Score(answer: .level(4), note: "ok", at: e.at, author: "Ann"))
        XCTAssertEqual(dir.contents, ["s.pit"], "one file, no journal left after a commit")
        let events = store.events, state = store.state
        store.close()
        let again = try SessionStore.open(at: dir.file("s.pit"), scales: [:])
        XCTAssertEqual(again.events, events)
        XCTAssertEqual(again.state, state)
        XCTAssertEqual(dir.contents, ["s.pit"])
        XCTAssertThrowsError(try makeStore(dir)) { XCTAssertEqual($0 as? SessionFileError, .alreadyExists(path: dir.file("s.pit").path)) }
    }

    func testEventTimesComeFromTheInjectedClockToTheMillisecond() throws {
        let dir = TempDir()
        let t0 = Date(timeIntervalSince1970: 1_767_225_600.123_456)
        let store = try SessionStore.create(at: dir.file("c.pit"), info: SessionInfo(title: "C"), groups: [], author: "A", scales: [:], clock: { t0 })
        XCTAssertEqual(store.events[0].at.timeIntervalSince1970, 1_767_225_600.123, accuracy: 1e-6)
        store.close()
        XCTAssertEqual(try SessionStore.open(at: dir.file("c.pit"), scales: [:]).events[0].at, storedDate(t0))
    }

    func testHeaderMarksTheFileAsAPitSession() throws {
        let dir = TempDir()
        try makeStore(dir).close()
        let b = [UInt8](bytes(dir.file("s.pit")))
        XCTAssertEqual(Array(b[0..<16]), Array("SQLite format 3\u{0}".utf8))
        XCTAssertEqual(Array(b[68..<72]), [0x50, 0x49, 0x54, 0x21], "application_id 'PIT!'")
        XCTAssertEqual(Array(b[60..<64]), [0, 0, 0, 1], "user_version 1")
        XCTAssertEqual(b[18], 1, "rollback journal, not WAL")
    }

    // MARK: Refusals: never written

    private func assertRefused(_ url: URL, in dir: TempDir, file: StaticString = #filePath, line: UInt = #line,
                               _ check: (SessionFileError) -> Void) {
        let before = bytes(url)
        let listing = dir.contents
        XCTAssertThrowsError(try SessionStore.open(at: url, scales: [:]), file: file, line: line) { error in
            guard let e = error as? SessionFileError else { return XCTFail("not a SessionFileError: \(error)", file: file, line: line) }
            XCTAssertTrue(e.description.contains(url.path), "message names the file: \(e)", file: file, line: line)
            check(e)
        }
        XCTAssertThrowsError(try SessionStore.snapshot(at: url, scales: [:]), file: file, line: line)
        XCTAssertEqual(bytes(url), before, "byte-for-byte unchanged", file: file, line: line)
        XCTAssertEqual(dir.contents, listing, "no -journal/-wal/-shm left behind", file: file, line: line)
    }

    func testTextFileIsRefused() throws {
        let dir = TempDir()
        let url = dir.file("notes.pit")
        try "Workshop notes\nnot a database\n".write(to: url, atomically: true, encoding: .utf8)
        assertRefused(url, in: dir) {
            guard case .notAPitSession(_, let reason) = $0 else { return XCTFail("\($0)") }
            XCTAssertTrue(reason.contains("text"))
        }
    }

    func testEmptyFileIsRefused() throws {
        let dir = TempDir()
        let url = dir.file("empty.pit")
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: Data()))
        assertRefused(url, in: dir) {
            guard case .notAPitSession(_, let reason) = $0 else { return XCTFail("\($0)") }
            XCTAssertTrue(reason.contains("empty"))
        }
        XCTAssertEqual(bytes(url).count, 0)
    }

    func testBinaryJunkIsRefused() throws {
        let dir = TempDir()
        let url = dir.file("junk.pit")
        var rng = SeededGenerator(seed: 3)
        try Data((0..<5000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }).write(to: url)
        assertRefused(url, in: dir) { guard case .notAPitSession = $0 else { return XCTFail("\($0)") } }
    }

    func testUnrelatedSQLiteDatabaseIsRefused() throws {
        let dir = TempDir()
        let url = dir.file("other.db")
        try makeStore(dir, "other.db").close()
        // Another program's database: same format, its own application_id (here 0, as most have).
        var b = bytes(url)
        for i in 68..<72 { b[i] = 0 }
        try b.write(to: url)
        assertRefused(url, in: dir) {
            guard case .notAPitSession(_, let reason) = $0 else { return XCTFail("\($0)") }
            XCTAssertTrue(reason.contains("another program"))
        }
    }

    func testNewerSchemaIsRefused() throws {
        let dir = TempDir()
        let url = dir.file("future.pit")
        try makeStore(dir, "future.pit").close()
        var b = bytes(url)
        b[63] = 7 // user_version 7
        try b.write(to: url)
        assertRefused(url, in: dir) {
            XCTAssertEqual($0, .newerSchema(path: url.path, found: 7, supported: SessionStore.schemaVersion))
            XCTAssertTrue($0.description.contains("newer version of pit"))
        }
    }

    private func bigSession(_ dir: TempDir, _ name: String) throws -> URL {
        let store = try makeStore(dir, name)
        var batch: [EventPayload] = []
        for i in 0..<2000 {
            batch.append(.noteAdded(id: "n\(i)", element: toolA[i % 10], text: String(repeating: "words in the room ", count: 5)))
        }
        try store.append(batch, author: "Fac")
        store.close()
        return dir.file(name)
    }

    func testTruncatedSessionIsRefused() throws {
        let dir = TempDir()
        let url = try bigSession(dir, "cut.pit")
        let full = bytes(url)
        XCTAssertGreaterThan(full.count, 40_000)
        for keep in [full.count / 2, 4096 * 3, 4096 * 3 + 100, 60] {
            try full.prefix(keep).write(to: url)
            assertRefused(url, in: dir) {
                guard case .damaged(_, let detail) = $0 else { return XCTFail("\(keep) bytes: \($0)") }
                XCTAssertFalse(detail.isEmpty)
            }
        }
    }

    func testCorruptPagesAreRefused() throws {
        let dir = TempDir()
        let url = try bigSession(dir, "rot.pit")
        var b = bytes(url)
        // Scribble over the middle of the file, leaving the header intact.
        for i in (b.count / 2)..<(b.count / 2 + 8192) { b[i] = UInt8(truncatingIfNeeded: i &* 31) }
        try b.write(to: url)
        assertRefused(url, in: dir) { guard case .damaged = $0 else { return XCTFail("\($0)") } }
    }

    func testMissingFileAndFolder() throws {
        let dir = TempDir()
        XCTAssertThrowsError(try SessionStore.open(at: dir.file("nope.pit"), scales: [:])) {
            XCTAssertEqual($0 as? SessionFileError, .missing(path: dir.file("nope.pit").path))
        }
        XCTAssertThrowsError(try SessionStore.open(at: dir.url, scales: [:])) {
            guard case .notAPitSession? = $0 as? SessionFileError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try makeStore(dir, "no-such-folder/x.pit")) {
            guard case .cannotCreate? = $0 as? SessionFileError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(dir.contents, [], "a failed create leaves nothing behind")
    }

    // MARK: Two processes, one file

    func testTwoStoresOnOneFileSeeEachOther() throws {
        let dir = TempDir()
        let a = try makeStore(dir)
        let b = try SessionStore.open(at: dir.file("s.pit"), scales: [:])
        XCTAssertFalse(try b.refreshIfChanged(), "nothing new yet")

        try a.append(.scoreRecorded(group: "la", element: toolA[0], answer: .level(2), note: nil), author: "A")
        XCTAssertTrue(try b.refreshIfChanged())
        XCTAssertEqual(b.state, a.state)
        XCTAssertFalse(try b.refreshIfChanged(), "cheap when nothing changed")

        // b writes without refreshing first: its append takes in a's newer events first.
        try a.append(.revealed(toolA[0]), author: "A")
        let eb = try b.append(.noteAdded(id: "n1", element: toolA[0], text: "from b"), author: "B")
        XCTAssertEqual(eb.seq, a.lastSeq + 1)
        XCTAssertEqual(b.state, Fold.state(from: b.events))
        XCTAssertTrue(b.state.revealed.contains(toolA[0]))

        XCTAssertTrue(try a.refreshIfChanged())
        XCTAssertEqual(a.events, b.events)
        XCTAssertEqual(a.state, b.state)

        // An undo in one is folded properly in the other.
        try b.undoLast(author: "B")
        XCTAssertTrue(try a.refreshIfChanged())
        XCTAssertTrue(a.state.notes.isEmpty)
        XCTAssertEqual(a.state, b.state)
        a.close(); b.close()
        XCTAssertEqual(dir.contents, ["s.pit"])
    }
}

/// Changes made with the session (its plan) are part of its creation: all there, or no file.
final class CreateWithChangesTests: XCTestCase {
    let info = SessionInfo(title: "Planned", place: "", date: "2026-01-01", facilitator: "Fac", instruments: ["tool-a"], mode: .workshop)

    func testTheChangesAreRecordedWithTheCreation() throws {
        let dir = TempDir()
        let plan = SessionPlan(name: "short", title: "Short", items: [.init(instrument: "tool-a", minutes: 20)])
        let store = try SessionStore.create(at: dir.file("s.pit"), info: info, groups: fourGroups, author: "Fac", scales: [:],
                                            then: [.planSet(plan)])
        defer { store.close() }
        XCTAssertEqual(store.state.plan, plan)
        XCTAssertEqual(store.events.map(\.payload.kind), ["sessionCreated"] + fourGroups.map { _ in "groupAdded" } + ["planSet"])
    }

    func testARefusedChangeLeavesNoFile() throws {
        let dir = TempDir()
        // More items than a plan may hold: refused by the record's rules, whatever read the plan.
        let plan = SessionPlan(name: "long", title: "Long", items: Array(repeating: .init(instrument: "tool-a", minutes: 1),
                                                                         count: RecordRules.planItems + 1))
        XCTAssertThrowsError(try SessionStore.create(at: dir.file("s.pit"), info: info, groups: fourGroups, author: "Fac", scales: [:],
                                                     then: [.planSet(plan)])) {
            XCTAssertEqual($0 as? SessionError, .invalidEvent("event 6 (planSet) breaks a rule: its plan has more than 256 items"))
        }
        XCTAssertEqual(dir.contents, [], "no session without its plan, and no temporary")
    }
}

final class AbandonedTemporaryTests: XCTestCase {
    /// A pit killed while creating a file leaves its hidden temporary; the next create of that
    /// name removes it once its process is gone, and never touches a live process's.
    func testALeftoverFromAKilledCreateIsRemoved() throws {
        let dir = TempDir()
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = dir.file(".s.pit.creating-\(finished.processIdentifier)-42")
        let dying = dir.file(".s.pit.creating-\(finished.processIdentifier)-43-journal")
        let live = dir.file(".s.pit.creating-\(getppid())-7")
        let other = dir.file(".t.pit.creating-\(finished.processIdentifier)-1")
        for url in [dead, dying, live, other] { try Data("x".utf8).write(to: url) }
        try makeStore(dir, "s.pit").close()
        XCTAssertEqual(dir.contents, [live.lastPathComponent, other.lastPathComponent, "s.pit"].sorted())
    }
}
