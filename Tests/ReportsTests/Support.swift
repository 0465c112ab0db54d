import Foundation
import Instruments
import SessionEngine
import XCTest
@testable import Reports

/// The package root, found from this file's path.
/// (Symlinks resolved, so the tests also run from a package that links this folder in.)
let testsDir = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
let repoRoot = testsDir.deletingLastPathComponent().deletingLastPathComponent()
let goldenDir = testsDir.appendingPathComponent("Golden")

/// The shipped catalogue, loaded once.
let catalogue: Catalogue = {
    try! Catalogue.load(shipped: repoRoot.appendingPathComponent("Assessments"))
}()

/// A fixed zone an hour east of UTC, so goldens show that times are converted and stated.
let fixedZone = TimeZone(secondsFromGMT: 3600)!
let fixedOptions = ReportOptions(timeZone: fixedZone)

/// A fresh folder per test, on tmpfs when there is one.
final class TempDir {
    let url: URL
    init() {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm")
            : URL(fileURLWithPath: NSTemporaryDirectory())
        url = base.appendingPathComponent("pit-reports-tests-\(getpid())-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A clock that ticks `step` seconds per reading, from a fixed start.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var t: Date
    private let step: TimeInterval
    init(start: Date = Date(timeIntervalSince1970: 1_767_258_000), step: TimeInterval = 1) { t = start; self.step = step }
    func now() -> Date {
        lock.lock(); defer { lock.unlock() }
        t = t.addingTimeInterval(step)
        return t
    }
    var clock: SessionClock { { self.now() } }
}

let fourGroups = [
    Group(id: "la", name: "City Council", sector: .localAuthority, initials: "CC"),
    Group(id: "nhs", name: "NHS Trust", sector: .nhs, initials: "NHS"),
    Group(id: "vcse", name: "Voluntary Sector Forum", sector: .vcse, initials: "VSF"),
    Group(id: "res", name: "Residents' Panel", sector: .residents, initials: "RP"),
]

func a(_ element: String) -> ElementRef { ElementRef(instrument: "tool-a", element: element) }

func makeStore(_ dir: TempDir, _ name: String = "s.pit", instruments: [String] = ["tool-a"], groups: [Group] = fourGroups,
               place: String = "Northbridge", clock: TestClock = TestClock()) throws -> SessionStore {
    try SessionStore.create(at: dir.file(name),
                            info: SessionInfo(title: "Test \(name)", place: place, date: "2026-01-01",
                                              facilitator: "Fac", instruments: instruments),
                            groups: groups, author: "Fac", scales: [:], clock: clock.clock)
}

func score(_ store: SessionStore, _ group: String, _ element: ElementRef, _ level: Int?, note: String? = nil) throws {
    try store.append(.scoreRecorded(group: group, element: element, answer: level.map(Answer.level) ?? .notApplicable, note: note),
                     author: "Fac")
}

/// The demo workshop (Tool A and Tool C) plus hostile text in every user field, for goldens.
func goldenSession(_ dir: TempDir, _ name: String = "golden.pit", seed: UInt64 = 1,
                   start: Date = Date(timeIntervalSince1970: 1_767_258_000), hostile: Bool = true) throws -> SessionStore {
    let elements: [(instrument: String, elements: [String])] = ["tool-a", "tool-c"].map { id in
        (id, catalogue.instrument(id)!.elements.map(\.id))
    }
    let store = try DemoSeed.create(at: dir.file(name), elements: elements, seed: seed, start: start, scales: [:],
                                    timeZone: TimeZone(identifier: "UTC")!, clock: { start })
    guard hostile else { return store }
    let later = TestClock(start: store.events.last!.at.addingTimeInterval(60), step: 20)
    let s2 = try SessionStore.open(at: store.url, scales: [:], clock: later.clock)
    store.close()
    let el = a("whole-system")
    try s2.append(.noteAdded(id: "n-script", element: el, text: "<script>alert(1)</script> & \"quotes\""), author: "Sam Okafor")
    try s2.append(.actionAdded(id: "a-formula", element: el, what: "=HYPERLINK(\"http://x\",\"y\")", owner: "@SUM(A1)",
                               due: "2026-03-01"), author: "Sam Okafor")
    try s2.append(.noteAdded(id: "n-table", element: nil, text: "a | b | c\nsecond line\n# not a heading\n* not a list"),
                  author: "Sam Okafor")
    try s2.append(.noteAdded(id: "n-rtl", element: a("leadership"), text: "تعليق باللغة العربية 👩🏽‍⚕️ ✅"), author: "Sam Okafor")
    try s2.append(.actionAdded(id: "a-minus", element: nil, what: "-5 staff in the team", owner: "+1 volunteer", due: nil),
                  author: "Sam Okafor")
    try s2.append(.agreedScoreRecorded(element: ElementRef(instrument: "tool-c", element: "barriers"), answer: .level(2),
                                       rationale: "Pipes | and\nnewlines, `code`, *stars*, _under_ <b>bold</b>"),
                  author: "Sam Okafor")
    // The demo locks the vote on elements it agreed; reopen it for the hostile score note.
    try s2.append(.votingUnlocked(ElementRef(instrument: "tool-c", element: "barriers")), author: "Sam Okafor")
    try s2.append(.scoreRecorded(group: "nhs", element: ElementRef(instrument: "tool-c", element: "barriers"), answer: .level(1),
                                 note: "\tleading tab and =1+1"), author: "NHS Trust")
    let undo = try s2.append(.noteAdded(id: "n-undone", element: nil, text: "This note was taken back."), author: "Sam Okafor")
    try s2.append(.undone(seq: undo.seq), author: "Sam Okafor")
    return s2
}

/// Compares with a stored golden file; `PIT_RECORD_GOLDEN=1` writes it instead.
func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    assertGolden(Data(actual.utf8), name, file: file, line: line)
}

func assertGolden(_ actual: Data, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let url = goldenDir.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["PIT_RECORD_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: goldenDir, withIntermediateDirectories: true)
        XCTAssertNoThrow(try actual.write(to: url), file: file, line: line)
        return
    }
    guard let expected = try? Data(contentsOf: url) else {
        XCTFail("golden file \(name) is missing; run the tests with PIT_RECORD_GOLDEN=1 to record it", file: file, line: line)
        return
    }
    if expected != actual {
        let out = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("actual-\(name)")
        try? actual.write(to: out)
        func lines(_ d: Data) -> [String] {
            d.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        }
        let e = lines(expected), a = lines(actual)
        let i = Array(zip(e, a)).firstIndex { $0 != $1 } ?? min(e.count, a.count)
        XCTFail("\(name) differs from its golden at line \(i + 1):\n  expected: \(i < e.count ? e[i] : "<end>")\n  actual:   \(i < a.count ? a[i] : "<end>")\nactual written to \(out.path); re-record with PIT_RECORD_GOLDEN=1 if the change is intended",
                file: file, line: line)
    }
}

/// SplitMix64: a small seeded generator, so the same cases come on every run and a
/// failure repeats.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
