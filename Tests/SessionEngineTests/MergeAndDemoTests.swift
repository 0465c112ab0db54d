import Foundation
import XCTest
@testable import SessionEngine

final class MergeTests: XCTestCase {
    private func selfAssessment(_ dir: TempDir, _ file: String, partner: String, sector: Sector,
                                levels: [Int], start: TimeInterval) throws -> URL {
        let clock = TestClock(start: Date(timeIntervalSince1970: start))
        let store = try makeStore(dir, file, groups: [Group(id: "me", name: partner, sector: sector)],
                                  mode: .selfAssessment, clock: clock)
        for (i, l) in levels.enumerated() {
            try store.append(.scoreRecorded(group: "me", element: toolA[i], answer: l == 0 ? .notApplicable : .level(l),
                                            note: i == 0 ? "\(partner) thinks so" : nil), author: partner)
        }
        try store.append(.scoreRecorded(group: "me", element: toolA[9], answer: .level(1), note: nil), author: partner)
        try store.undoLast(author: partner) // left out of the merge
        try store.append(.noteAdded(id: "n1", element: toolA[0], text: "\(partner)'s note"), author: partner)
        try store.append(.actionAdded(id: "a1", element: nil, what: "\(partner) action", owner: partner, due: "2026-02-01"), author: partner)
        store.close()
        return dir.file(file)
    }

    func testThreeSelfAssessmentsBecomeOneWorkshop() throws {
        let dir = TempDir()
        let a = try selfAssessment(dir, "a.pit", partner: "City Council", sector: .localAuthority, levels: [3, 4, 2], start: 1000)
        let b = try selfAssessment(dir, "b.pit", partner: "NHS Trust", sector: .nhs, levels: [5, 0, 2], start: 1001.5)
        let c = try selfAssessment(dir, "c.pit", partner: "Residents' Panel", sector: .residents, levels: [1, 2], start: 999)
        let before = [a, b, c].map(bytes)
        let merged = try Merge.merge(inputs: [a, b, c], into: dir.file("w.pit"), title: "Joint", place: "Town",
                                     author: "Fac", scales: [:], clock: TestClock().clock)
        XCTAssertEqual([a, b, c].map(bytes), before, "inputs are only read")
        let s = merged.state
        XCTAssertEqual(s.info.mode, .workshop)
        XCTAssertEqual(s.info.title, "Joint")
        XCTAssertEqual(s.groups.map(\.name), ["City Council", "NHS Trust", "Residents' Panel"])
        XCTAssertEqual(s.groups.map(\.sector), [.localAuthority, .nhs, .residents])
        XCTAssertEqual(Set(s.groups.map(\.initials)).count, 3)
        let ids = s.groups.map(\.id)
        XCTAssertEqual(s.score(group: ids[0], element: toolA[0])?.answer, .level(3))
        XCTAssertEqual(s.score(group: ids[0], element: toolA[0])?.note, "City Council thinks so")
        XCTAssertEqual(s.score(group: ids[0], element: toolA[0])?.author, "City Council")
        XCTAssertEqual(s.score(group: ids[1], element: toolA[1])?.answer, .notApplicable)
        XCTAssertEqual(s.score(group: ids[2], element: toolA[1])?.answer, .level(2))
        XCTAssertNil(s.score(group: ids[2], element: toolA[2]))
        XCTAssertNil(s.scores[toolA[9]], "undone scores are not merged")
        XCTAssertEqual(s.summary(for: toolA[0]).median, 3)
        XCTAssertEqual(s.summary(for: toolA[0]).range, 4)
        XCTAssertEqual(s.notes.count, 3)
        XCTAssertEqual(s.actions.count, 3)
        XCTAssertEqual(Set(s.notes.map(\.id)).count, 3, "ids kept apart")
        // Re-recorded in time order, keeping original times.
        let merged1 = merged.events.dropFirst(1 + 3)
        XCTAssertEqual(merged1.map(\.at), merged1.map(\.at).sorted())
        XCTAssertEqual(merged1.first?.author, "Residents' Panel", "earliest input first")
        merged.close()
        XCTAssertEqual(try SessionStore.open(at: dir.file("w.pit"), scales: [:]).state, s)
    }

    func testAScoreAPartnerSetAsideWithANewRoundIsNotMerged() throws {
        // pit assess has no rounds, but an imported self-assessment can carry one.
        let dir = TempDir()
        let store = try makeStore(dir, "r.pit", groups: [Group(id: "me", name: "VCSE", sector: .vcse)], mode: .selfAssessment)
        try store.append(.scoreRecorded(group: "me", element: toolA[0], answer: .level(4), note: nil), author: "VCSE")
        try store.append(.scoreRecorded(group: "me", element: toolA[1], answer: .level(2), note: nil), author: "VCSE")
        try store.append(.roundStarted(toolA[0]), author: "VCSE")
        try store.append(.roundStarted(toolA[1]), author: "VCSE")
        try store.append(.scoreRecorded(group: "me", element: toolA[1], answer: .level(3), note: nil), author: "VCSE")
        let own = store.state
        store.close()
        let other = try selfAssessment(dir, "o.pit", partner: "City Council", sector: .localAuthority, levels: [2, 2], start: 1000)
        let merged = try Merge.merge(inputs: [dir.file("r.pit"), other], into: dir.file("w.pit"), title: "Joint",
                                     author: "Fac", scales: [:], clock: TestClock().clock)
        let s = merged.state
        XCTAssertNil(own.score(group: "me", element: toolA[0]), "the partner's own file has no score now")
        XCTAssertNil(s.score(group: "g1", element: toolA[0]), "nor has the merged session")
        XCTAssertEqual(s.score(group: "g1", element: toolA[1])?.answer, .level(3), "the new round's score")
        XCTAssertEqual(s.score(group: "g2", element: toolA[0])?.answer, .level(2), "the other partner's score stays")
        XCTAssertEqual(s.summary(for: toolA[0]).median, 2)
        merged.close()
    }

    func testDuplicatePartnerRefusedAndRenameFixesIt() throws {
        let dir = TempDir()
        let a = try selfAssessment(dir, "a.pit", partner: "City Council", sector: .localAuthority, levels: [3], start: 0)
        let b = try selfAssessment(dir, "b.pit", partner: "city council ", sector: .localAuthority, levels: [5], start: 0)
        XCTAssertThrowsError(try Merge.merge(inputs: [a, b], into: dir.file("w.pit"), title: "J", author: "F", scales: [:])) {
            guard case .duplicatePartner(_, let paths)? = $0 as? MergeError else { return XCTFail("\($0)") }
            XCTAssertEqual(paths, [a.path, b.path])
            XCTAssertTrue("\($0)".contains("--rename"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("w.pit").path), "nothing written")

        let (old, new) = try Merge.parseRename("city council =City Council (Housing)")
        let m = try Merge.merge(inputs: [a, b], into: dir.file("w.pit"), renames: [old: new], title: "J", author: "F", scales: [:])
        XCTAssertEqual(m.state.groups.map(\.name), ["City Council", "City Council (Housing)"])
        XCTAssertEqual(m.state.score(group: m.state.groups[1].id, element: toolA[0])?.answer, .level(5))
        m.close()

        // A rename keyed by file name; and a partner-name key shared by two files renames the later one.
        let c = try selfAssessment(dir, "c.pit", partner: "City Council", sector: .localAuthority, levels: [2], start: 0)
        let m2 = try Merge.merge(inputs: [a, c], into: dir.file("w2.pit"), renames: ["City Council": "Council B"], title: "J", author: "F", scales: [:])
        XCTAssertEqual(m2.state.groups.map(\.name), ["City Council", "Council B"])
        let m3 = try Merge.merge(inputs: [a, c], into: dir.file("w3.pit"), renames: ["a.pit": "Council A"], title: "J", author: "F", scales: [:])
        XCTAssertEqual(m3.state.groups.map(\.name), ["Council A", "City Council"])
        XCTAssertThrowsError(try Merge.merge(inputs: [a], into: dir.file("w4.pit"), renames: ["Nobody": "X"], title: "J", author: "F", scales: [:])) {
            guard case .badRename? = $0 as? MergeError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try Merge.parseRename("no equals sign"))
    }

    func testInputsMustBeSelfAssessmentPitFiles() throws {
        let dir = TempDir()
        let a = try selfAssessment(dir, "a.pit", partner: "City Council", sector: .localAuthority, levels: [3], start: 0)
        try makeStore(dir, "workshop.pit").close()
        XCTAssertThrowsError(try Merge.merge(inputs: [a, dir.file("workshop.pit")], into: dir.file("w.pit"), title: "J", author: "F", scales: [:])) {
            guard case .notSelfAssessment? = $0 as? MergeError else { return XCTFail("\($0)") }
        }
        try "hello".write(to: dir.file("t.pit"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Merge.merge(inputs: [a, dir.file("t.pit")], into: dir.file("w.pit"), title: "J", author: "F", scales: [:])) {
            guard case .notAPitSession? = $0 as? SessionFileError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try Merge.merge(inputs: [a, a], into: dir.file("w.pit"), title: "J", author: "F", scales: [:])) {
            guard case .sameFileTwice? = $0 as? MergeError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try Merge.merge(inputs: [], into: dir.file("w.pit"), title: "J", author: "F", scales: [:]))
        XCTAssertThrowsError(try Merge.merge(inputs: [a], into: a, title: "J", author: "F", scales: [:])) {
            XCTAssertEqual($0 as? SessionFileError, .alreadyExists(path: a.path))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("w.pit").path))
        XCTAssertEqual(dir.contents, ["a.pit", "t.pit", "workshop.pit"], "no temporary files left")
    }

    func testAMergedSessionReadsInTimeOrder() throws {
        let dir = TempDir()
        var inputs: [URL] = []
        for (i, name) in ["Council", "Health"].enumerated() {
            let clock = TestClock(start: Date(timeIntervalSince1970: 1_767_225_600 + Double(i) * 30))
            let store = try makeStore(dir, "\(name).pit", groups: [Group(id: "p", name: name, sector: .other)],
                                      mode: .selfAssessment, clock: clock)
            try store.append(.scoreRecorded(group: "p", element: toolA[0], answer: .level(3), note: nil), author: name)
            store.close()
            inputs.append(dir.file("\(name).pit"))
        }
        let merged = try Merge.merge(inputs: inputs, into: dir.file("m.pit"), renames: [:], title: "M", author: "Fac", scales: [:],
                                     clock: { Date(timeIntervalSince1970: 1_800_000_000) })
        let times = merged.events.map(\.at)
        XCTAssertEqual(times, times.sorted(), "creation comes first and the partners' records follow in time order")
        XCTAssertLessThan(merged.events[0].at, Date(timeIntervalSince1970: 1_800_000_000))
        let later = try merged.append(.revealed(toolA[0]), author: "Fac")
        XCTAssertEqual(later.at, Date(timeIntervalSince1970: 1_800_000_000), "changes after the merge take the real clock")
    }
}

final class DemoSeedTests: XCTestCase {
    let start = Date(timeIntervalSince1970: 1_767_258_000) // 2026-01-01 09:00 UTC
    let utc = TimeZone(identifier: "UTC")!
    let elements: [(instrument: String, elements: [String])] = [("tool-a", (1...10).map { "A\($0)" })]

    private func demo(_ dir: TempDir, _ name: String, seed: UInt64) throws -> SessionStore {
        try DemoSeed.create(at: dir.file(name), elements: elements, seed: seed, start: start, scales: [:], timeZone: utc, clock: { [start] in start })
    }

    func testSameSeedSameSession() throws {
        let dir = TempDir()
        let a = try demo(dir, "a.pit", seed: 42), b = try demo(dir, "b.pit", seed: 42), c = try demo(dir, "c.pit", seed: 43)
        XCTAssertEqual(a.events, b.events)
        XCTAssertEqual(a.state, b.state)
        XCTAssertNotEqual(a.events.map(\.payload), c.events.map(\.payload))
    }

    func testDemoLooksLikeAWorkshop() throws {
        let dir = TempDir()
        let s = try demo(dir, "d.pit", seed: 7).state
        XCTAssertEqual(s.groups.map(\.name), ["City Council", "NHS Trust", "Voluntary Sector Forum", "Residents' Panel"])
        XCTAssertEqual(s.info.date, "2026-01-01")
        let summaries = toolA.map { s.summary(for: $0) }
        XCTAssertEqual(summaries.filter { $0.respondedCount == 0 }.count, 1, "one element nobody scored")
        XCTAssertGreaterThanOrEqual(summaries.filter { $0.respondedCount > 0 }.count, 9)
        XCTAssertGreaterThan(s.revealed.count, 3)
        XCTAssertLessThan(s.revealed.count, 10)
        XCTAssertGreaterThan(summaries.filter(\.divergent).count, 1)
        XCTAssertGreaterThan(summaries.filter { !$0.divergent && $0.count > 1 }.count, 1)
        XCTAssertGreaterThan(s.agreed.count, 2)
        XCTAssertTrue(s.agreed.values.allSatisfy { !$0.rationale.isEmpty })
        let na = summaries.map(\.notApplicableCount).reduce(0, +)
        XCTAssertTrue((1...2).contains(na), "a not-applicable or two, got \(na)")
        XCTAssertGreaterThanOrEqual(s.notes.count, 3)
        XCTAssertGreaterThanOrEqual(s.actions.count, 3)
        XCTAssertTrue(s.actions.allSatisfy { !$0.owner.isEmpty && $0.due != nil })
        XCTAssertEqual(s.actions.filter(\.done).count, 1)
        XCTAssertTrue(summaries.contains { $0.respondedCount > 0 && !$0.everyoneScored }, "scoring still under way somewhere")
    }

    func testEveryAgreedReasonFitsItsLevel() throws {
        let dir = TempDir()
        for seed in [1, 7, 42] as [UInt64] {
            let s = try demo(dir, "r\(seed).pit", seed: seed).state
            XCTAssertFalse(s.agreed.isEmpty)
            for (ref, agreed) in s.agreed {
                let level = try XCTUnwrap(agreed.answer.level)
                XCTAssertTrue(DemoSeed.rationales[level]?.contains(agreed.rationale) ?? false,
                              "\(ref) agreed at \(level) with the reason “\(agreed.rationale)”")
            }
        }
    }

    func testEveryInstrumentGivenGetsScoresRevealsAndAgreedLevels() throws {
        let dir = TempDir()
        let tools: [(instrument: String, elements: [String])] = [("tool-a", (1...10).map { "A\($0)" }), ("tool-b", (1...9).map { "B\($0)" }),
                                                                 ("tool-c", (1...8).map { "C\($0)" }), ("tool-d", (1...10).map { "D\($0)" })]
        let s = try DemoSeed.create(at: dir.file("all.pit"), elements: tools, seed: 7, start: start, scales: [:], timeZone: utc, clock: { [start] in start }).state
        for tool in tools {
            let refs = tool.elements.map { ElementRef(instrument: tool.instrument, element: $0) }
            XCTAssertGreaterThan(refs.filter { s.scores[$0]?.isEmpty == false }.count, refs.count / 2, "\(tool.instrument) has scores")
            XCTAssertTrue(refs.contains { s.revealed.contains($0) }, "\(tool.instrument) has a revealed element")
            XCTAssertTrue(refs.contains { s.agreed[$0] != nil }, "\(tool.instrument) has an agreed level")
        }
    }

    func testTheDemoIsDatedTheDayOfItsRecordsInItsZone() throws {
        let dir = TempDir()
        let noonUTC = Date(timeIntervalSince1970: 1_767_268_800)         // 2026-01-01 12:00 UTC, 01:00 on the 2nd in Auckland
        let auckland = try XCTUnwrap(TimeZone(identifier: "Pacific/Auckland"))
        let s = try DemoSeed.create(at: dir.file("nz.pit"), elements: elements, seed: 7, start: noonUTC, scales: [:],
                                    timeZone: auckland, clock: { [noonUTC] in noonUTC })
        XCTAssertEqual(s.state.info.date, "2026-01-02")
        XCTAssertEqual(s.state.info.date, SessionInfo.day(of: try XCTUnwrap(s.events.first?.at), timeZone: auckland),
                       "the date is the day its records were made, as `pit new` dates a session")
        XCTAssertEqual(s.state.actions.first?.due, "2026-02-01", "due dates count from that day (30 days on)")
        XCTAssertEqual(DemoSeed.info(start: noonUTC, instruments: [], timeZone: TimeZone(identifier: "UTC")!).date, "2026-01-01")
    }

    func testFillOnAnEmptySessionAddsTheGroups() throws {
        let dir = TempDir()
        let store = try SessionStore.create(at: dir.file("e.pit"), info: SessionInfo(title: "E"), groups: [], author: "F", scales: [:])
        try DemoSeed.fill(store, elements: elements, seed: 1, start: start)
        XCTAssertEqual(store.state.groups, DemoSeed.groups)
        XCTAssertFalse(store.state.scores.isEmpty)
    }
}
