import Foundation
import XCTest
@testable import SessionEngine

final class SummaryTests: XCTestCase {
    private func state(_ answers: [String: Answer], groups: [Group] = fourGroups) -> SessionState {
        var events = [Event(seq: 1, at: Date(timeIntervalSince1970: 0), author: "a", payload: .sessionCreated(SessionInfo(title: "T")))]
        for g in groups { events.append(Event(seq: Int64(events.count + 1), at: Date(timeIntervalSince1970: 0), author: "a", payload: .groupAdded(g))) }
        for (g, a) in answers.sorted(by: { $0.key < $1.key }) {
            events.append(Event(seq: Int64(events.count + 1), at: Date(timeIntervalSince1970: 0), author: "a",
                                payload: .scoreRecorded(group: g, element: toolA[0], answer: a, note: nil)))
        }
        return Fold.state(from: events)
    }

    func testOddCountMedianAndRange() {
        let s = state(["la": .level(2), "nhs": .level(5), "vcse": .level(3)]).summary(for: toolA[0])
        XCTAssertEqual(s.count, 3)
        XCTAssertEqual(s.median, 3)
        XCTAssertEqual(s.min, 2)
        XCTAssertEqual(s.max, 5)
        XCTAssertEqual(s.range, 3)
        XCTAssertTrue(s.divergent)
        XCTAssertEqual(s.notScored.map(\.id), ["res"])
        XCTAssertEqual(s.scores.map(\.group.id), ["la", "nhs", "vcse"], "in group order")
        XCTAssertEqual(s.groupsByLevel, [2: ["la"], 5: ["nhs"], 3: ["vcse"]])
        XCTAssertEqual(s.medianAndRange, "3 (2–5)")
    }

    func testEvenCountUsesMeanOfTheTwoMiddleValues() {
        let s = state(["la": .level(1), "nhs": .level(2), "vcse": .level(4), "res": .level(5)]).summary(for: toolA[0])
        XCTAssertEqual(s.count, 4)
        XCTAssertEqual(s.median, 3.0)
        let t = state(["la": .level(2), "nhs": .level(3)]).summary(for: toolA[0])
        XCTAssertEqual(t.median, 2.5)
        XCTAssertEqual(t.medianAndRange, "2.5 (2–3)")
        XCTAssertFalse(t.divergent, "range 1 < 2")
        XCTAssertTrue(s.everyoneScored)
    }

    func testTies() {
        let s = state(["la": .level(3), "nhs": .level(3), "vcse": .level(3), "res": .level(4)]).summary(for: toolA[0])
        XCTAssertEqual(s.median, 3)
        XCTAssertEqual(s.range, 1)
        XCTAssertEqual(s.groupsByLevel[3], ["la", "nhs", "vcse"])
        let all = state(["la": .level(4), "nhs": .level(4)]).summary(for: toolA[0])
        XCTAssertEqual(all.median, 4)
        XCTAssertEqual(all.range, 0)
        XCTAssertEqual(all.medianAndRange, "4 (4)")
    }

    func testNotApplicableOnly() {
        let s = state(["la": .notApplicable, "nhs": .notApplicable]).summary(for: toolA[0])
        XCTAssertEqual(s.count, 0)
        XCTAssertEqual(s.notApplicableCount, 2)
        XCTAssertEqual(s.respondedCount, 2)
        XCTAssertNil(s.median)
        XCTAssertNil(s.range)
        XCTAssertFalse(s.divergent)
        XCTAssertEqual(s.medianAndRange, "–")
        let mixed = state(["la": .notApplicable, "nhs": .level(1), "vcse": .level(5)]).summary(for: toolA[0])
        XCTAssertEqual(mixed.count, 2)
        XCTAssertEqual(mixed.notApplicableCount, 1)
        XCTAssertEqual(mixed.median, 3, "not-applicable answers are left out of the median")
    }

    func testNobodyScored() {
        let s = state([:]).summary(for: toolA[9])
        XCTAssertEqual(s.count, 0)
        XCTAssertEqual(s.notApplicableCount, 0)
        XCTAssertNil(s.median)
        XCTAssertNil(s.min)
        XCTAssertFalse(s.divergent)
        XCTAssertEqual(s.notScored.count, 4)
        XCTAssertNil(s.agreed)
        XCTAssertTrue(state([:], groups: []).summary(for: toolA[9]).everyoneScored)
    }

    func testDivergenceThreshold() {
        let st = state(["la": .level(2), "nhs": .level(4)])
        XCTAssertTrue(st.summary(for: toolA[0]).divergent, "range 2 meets the default threshold 2")
        XCTAssertFalse(st.summary(for: toolA[0], threshold: 3).divergent)
        XCTAssertTrue(st.summary(for: toolA[0], threshold: 1).divergent)
        XCTAssertEqual(st.summary(for: toolA[0], threshold: 3).threshold, 3)
        XCTAssertFalse(state(["la": .level(1)]).summary(for: toolA[0], threshold: 0).divergent, "one score never diverges")
    }

    func testRemovedGroupsLeaveTheSummary() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        try store.append(.scoreRecorded(group: "la", element: toolA[0], answer: .level(1), note: nil), author: "F")
        try store.append(.scoreRecorded(group: "res", element: toolA[0], answer: .level(5), note: nil), author: "F")
        XCTAssertTrue(store.state.summary(for: toolA[0]).divergent)
        try store.append(.groupRemoved(id: "res"), author: "F")
        let s = store.state.summary(for: toolA[0])
        XCTAssertEqual(s.count, 1)
        XCTAssertFalse(s.divergent)
        XCTAssertEqual(s.notScored.map(\.id), ["nhs", "vcse"])
    }

    func testElementOrderingAndInitials() {
        XCTAssertEqual(["A10", "A2", "A1"].map { ElementRef(instrument: "tool-a", element: $0) }.sorted().map(\.element), ["A1", "A2", "A10"])
        XCTAssertLessThan(ElementRef(instrument: "pots", element: "Z"), ElementRef(instrument: "tool-a", element: "A"))
        XCTAssertEqual(Group.initials(for: "City Council"), "CC")
        XCTAssertEqual(Group.initials(for: "Voluntary Sector Forum"), "VSF")
        XCTAssertEqual(Group.initials(for: "Residents' Panel"), "RP")
        XCTAssertEqual(Group.initials(for: "NHS Trust"), "NHST")
        XCTAssertEqual(Group.uniqueInitials(for: "City Centre", taken: ["CC"]), "CCe", "a letter, not a digit that reads as a level")
        XCTAssertEqual(Group.uniqueInitials(for: "City Centre", taken: ["CC", "CCE"]), "CCen")
        XCTAssertFalse(Group.uniqueInitials(for: "C C", taken: ["CC"]).contains { $0.isNumber })
        XCTAssertEqual(Sector.vcse.displayName, "VCSE")
        XCTAssertEqual(Sector.allCases.count, 5)
    }
}
