import Foundation
import XCTest
@testable import SessionEngine

final class FoldTests: XCTestCase {
    /// A random change, some of them deliberately invalid (unknown group, locked element ...).
    private func randomPayload(_ rng: inout SeededGenerator, _ store: SessionStore, step: Int) -> EventPayload {
        let groupIDs = store.state.groups.map(\.id) + ["ghost"]
        let el = toolA[rng.int(0...4)]
        let answer: Answer = rng.chance(0.15) ? .notApplicable : .level(rng.int(1...5))
        switch rng.int(0...19) {
        case 0...6: return .scoreRecorded(group: rng.pick(groupIDs), element: el, answer: answer,
                                          note: rng.chance(0.3) ? "note \(step)" : nil)
        case 7: return .scoreCleared(group: rng.pick(groupIDs), element: el)
        case 8: return rng.chance(0.5) ? .revealed(el) : .hidden(el)
        case 9: return rng.chance(0.5) ? .votingLocked(el) : .votingUnlocked(el)
        case 10: return .agreedScoreRecorded(element: el, answer: answer, rationale: "because \(step)")
        case 11: return .agreedScoreCleared(el)
        case 12: return .noteAdded(id: "n\(rng.int(0...30))", element: rng.chance(0.5) ? el : nil, text: "said \(step)")
        case 13: return .actionAdded(id: "a\(rng.int(0...30))", element: rng.chance(0.5) ? el : nil, what: "do \(step)",
                                     owner: "owner", due: rng.chance(0.5) ? "2026-03-01" : nil)
        case 14:
            switch rng.int(0...4) {
            case 0: return .actionDone(id: "a\(rng.int(0...30))")
            case 1: return .actionEdited(id: "a\(rng.int(0...30))", what: "redo \(step)", owner: "", due: nil)
            case 2: return .actionDeleted(id: "a\(rng.int(0...30))")
            case 3: return .noteEdited(id: "n\(rng.int(0...30))", text: "edited \(step)")
            default: return .noteDeleted(id: "n\(rng.int(0...30))")
            }
        case 15: return .groupAdded(Group(id: "x\(rng.int(0...5))", name: "Extra \(step)", sector: .other))
        case 16: return .groupRenamed(id: rng.pick(groupIDs), name: "Renamed \(step)", initials: "R\(step % 10)")
        case 17: return .groupRemoved(id: rng.pick(groupIDs))
        default: return .undone(seq: Int64(rng.int(0...Int(store.lastSeq) + 1)))
        }
    }

    func testRandomSequencesReplayEqualsLiveState() throws {
        let dir = TempDir()
        var rng = SeededGenerator(seed: 20_260_101)
        var undone = 0, redone = 0, refused = 0
        for n in 0..<200 {
            let url = dir.file("r\(n).pit")
            let store = try makeStore(dir, "r\(n).pit")
            for step in 0..<rng.int(10...60) {
                let r = rng.int(0...9)
                if r == 0 {
                    let before = content(store.state)
                    if try store.undoLast(author: "a\(step % 3)") != nil {
                        undone += 1
                        // Redo straight away must restore exactly, then undo again.
                        XCTAssertNotNil(try store.redo(author: "a\(step % 3)"))
                        XCTAssertEqual(content(store.state), before, "redo after undo restores (seq \(n))")
                        try store.undoLast(author: "a\(step % 3)")
                    }
                } else if r == 1 {
                    if try store.redo(author: "a\(step % 3)") != nil { redone += 1 }
                } else {
                    let before = store.state, count = store.events.count
                    do {
                        try store.append(randomPayload(&rng, store, step: step), author: "a\(step % 3)")
                    } catch is SessionError {
                        refused += 1
                        XCTAssertEqual(store.state, before, "a refused change leaves the state alone")
                        XCTAssertEqual(store.events.count, count)
                    }
                }
                XCTAssertEqual(store.state, Fold.state(from: store.events), "live state == fold (seq \(n), step \(step))")
            }
            let live = store.state, events = store.events
            store.close()
            let reopened = try SessionStore.open(at: url, scales: [:])
            XCTAssertEqual(reopened.events, events, "replay from the file gives the same log")
            XCTAssertEqual(reopened.state, live, "replay from the file gives the same state")
            XCTAssertEqual(try SessionStore.snapshot(at: url, scales: [:]).state, live)
            reopened.close()
            try FileManager.default.removeItem(at: url)
        }
        XCTAssertGreaterThan(undone, 50)
        XCTAssertGreaterThan(redone, 10)
        XCTAssertGreaterThan(refused, 50)
    }

    func testUndoOfUndoRestoresPureFold() {
        let t = Date(timeIntervalSince1970: 0)
        let el = toolA[0]
        func ev(_ seq: Int64, _ p: EventPayload) -> Event { Event(seq: seq, at: t, author: "a", payload: p) }
        let base = [
            ev(1, .sessionCreated(SessionInfo(title: "T"))),
            ev(2, .groupAdded(fourGroups[0])),
            ev(3, .scoreRecorded(group: "la", element: el, answer: .level(2), note: nil)),
            ev(4, .scoreRecorded(group: "la", element: el, answer: .level(5), note: "later")),
        ]
        XCTAssertEqual(Fold.state(from: base).scores[el]?["la"]?.answer, .level(5))
        let undo = base + [ev(5, .undone(seq: 4))]
        XCTAssertEqual(Fold.state(from: undo).scores[el]?["la"]?.answer, .level(2), "undo reverts to the previous score")
        XCTAssertEqual(Fold.state(from: undo).notInEffect, [4])
        let redo = undo + [ev(6, .undone(seq: 5))]
        XCTAssertEqual(Fold.state(from: redo).scores[el]?["la"]?.answer, .level(5), "undo of the undo restores")
        XCTAssertEqual(Fold.state(from: redo).notInEffect, [5])
        let again = redo + [ev(7, .undone(seq: 6))]
        XCTAssertEqual(Fold.state(from: again).scores[el]?["la"]?.answer, .level(2), "undo of the redo undoes again")
        let first = base + [ev(5, .undone(seq: 3)), ev(6, .undone(seq: 4))]
        XCTAssertNil(Fold.state(from: first).scores[el], "both scores undone: nothing recorded")
    }

    func testNotesAndActionsAreEditedAndDeletedAsEvents() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let el = toolA[1]
        try store.append(.noteAdded(id: "n1", element: el, text: "Frist draft"), author: "Scribe")
        try store.append(.noteAdded(id: "n2", element: el, text: "Keep me"), author: "Scribe")
        try store.append(.actionAdded(id: "a1", element: el, what: "Share data", owner: "NHS", due: nil), author: "Fac")
        try store.append(.noteEdited(id: "n1", text: "First draft"), author: "Fac")
        try store.append(.actionEdited(id: "a1", what: "Share the data monthly", owner: "NHS Trust", due: "2026-06-30"), author: "Fac")
        XCTAssertEqual(store.state.notes(for: el).map(\.text), ["First draft", "Keep me"])
        XCTAssertEqual(store.state.actions.first?.what, "Share the data monthly")
        XCTAssertEqual(store.state.actions.first?.due, "2026-06-30")
        try store.append(.noteDeleted(id: "n1"), author: "Fac")
        try store.append(.actionDeleted(id: "a1"), author: "Fac")
        XCTAssertEqual(store.state.notes.map(\.id), ["n2"])
        XCTAssertNil(store.state.note(id: "n1"))
        XCTAssertTrue(store.state.actions.isEmpty)
        XCTAssertThrowsError(try store.append(.noteEdited(id: "n1", text: "gone"), author: "Fac"), "a deleted note cannot be edited")
        XCTAssertThrowsError(try store.append(.actionDeleted(id: "nope"), author: "Fac"))

        let reopened = try SessionStore.open(at: dir.file("s.pit"), scales: [:])
        XCTAssertEqual(reopened.events.map(\.payload), store.events.map(\.payload), "the new kinds survive the file")
        XCTAssertEqual(reopened.state, store.state)
        reopened.close()

        try store.undoLast(author: "Fac")   // the action comes back, as edited
        XCTAssertEqual(store.state.actions.first?.what, "Share the data monthly")
        try store.undoLast(author: "Fac")   // so does the note, with its corrected text
        XCTAssertEqual(store.state.note(id: "n1")?.text, "First draft")
        XCTAssertEqual(store.state.notes.map(\.id), ["n1", "n2"], "in its place")
    }

    func testUndoRedoThroughTheStore() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let el = toolA[2]
        try store.append(.scoreRecorded(group: "la", element: el, answer: .level(3), note: nil), author: "Fac")
        try store.append(.scoreRecorded(group: "la", element: el, answer: .level(4), note: "changed mind"), author: "Fac")
        XCTAssertEqual(store.state.score(group: "la", element: el)?.answer, .level(4))

        let u1 = try XCTUnwrap(store.undoLast(author: "Fac"))
        XCTAssertEqual(u1.payload, .undone(seq: store.lastSeq - 1))
        XCTAssertEqual(store.state.score(group: "la", element: el)?.answer, .level(3))
        XCTAssertNil(store.state.score(group: "la", element: el)?.note)
        try store.undoLast(author: "Fac")
        XCTAssertNil(store.state.score(group: "la", element: el))

        try store.redo(author: "Fac")
        XCTAssertEqual(store.state.score(group: "la", element: el)?.answer, .level(3))
        try store.redo(author: "Fac")
        XCTAssertEqual(store.state.score(group: "la", element: el)?.answer, .level(4))
        XCTAssertEqual(store.state.score(group: "la", element: el)?.note, "changed mind")
        XCTAssertNil(try store.redo(author: "Fac"), "nothing left to redo")

        // A new change after an undo ends the redo chain.
        try store.undoLast(author: "Fac")
        try store.append(.revealed(el), author: "Fac")
        XCTAssertFalse(store.canRedo(author: "Fac"))
        XCTAssertNil(try store.redo(author: "Fac"))
        XCTAssertEqual(store.state.score(group: "la", element: el)?.answer, .level(3))

        // Undo walks back over groups added at creation, but never past the creation itself.
        while try store.undoLast(author: "Fac") != nil {}
        XCTAssertTrue(store.state.groups.isEmpty)
        XCTAssertEqual(store.state.info.title, "Test s.pit")
        XCTAssertThrowsError(try store.append(.undone(seq: 1), author: "Fac"))
    }

    func testRemovingAGroupDropsItsScoresAndUndoBringsThemBack() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        try store.append(.scoreRecorded(group: "nhs", element: toolA[0], answer: .level(4), note: nil), author: "Fac")
        try store.append(.scoreRecorded(group: "la", element: toolA[0], answer: .level(2), note: nil), author: "Fac")
        try store.append(.groupRemoved(id: "nhs"), author: "Fac")
        XCTAssertEqual(store.state.groups.map(\.id), ["la", "vcse", "res"])
        XCTAssertEqual(store.state.scores[toolA[0]]?.keys.sorted(), ["la"])
        try store.undoLast(author: "Fac")
        XCTAssertEqual(store.state.groups.map(\.id), ["la", "nhs", "vcse", "res"], "order restored")
        XCTAssertEqual(store.state.score(group: "nhs", element: toolA[0])?.answer, .level(4))
    }

    func testRefusedChanges() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let el = toolA[0]
        try store.append(.votingLocked(el), author: "Fac")
        XCTAssertThrowsError(try store.append(.scoreRecorded(group: "la", element: el, answer: .level(3), note: nil), author: "Fac")) {
            XCTAssertEqual(($0 as? SessionError).map { "\($0)" }?.contains("locked"), true)
        }
        try store.append(.votingUnlocked(el), author: "Fac")
        try store.append(.scoreRecorded(group: "la", element: el, answer: .level(3), note: nil), author: "Fac")
        XCTAssertThrowsError(try store.append(.scoreRecorded(group: "nobody", element: el, answer: .level(3), note: nil), author: "Fac"))
        XCTAssertThrowsError(try store.append(.groupAdded(fourGroups[0]), author: "Fac"))
        XCTAssertThrowsError(try store.append(.sessionCreated(SessionInfo(title: "again")), author: "Fac"))
        XCTAssertThrowsError(try store.append(.actionDone(id: "nope"), author: "Fac"))
        XCTAssertThrowsError(try store.append(.undone(seq: 999), author: "Fac"))
        let u = try store.append(.undone(seq: store.lastSeq), author: "Fac")
        XCTAssertThrowsError(try store.append(.undone(seq: u.seq - 1), author: "Fac"), "already undone")
        // A batch is all or nothing.
        let count = store.events.count
        XCTAssertThrowsError(try store.append([.revealed(el), .groupRemoved(id: "ghost")], author: "Fac"))
        XCTAssertEqual(store.events.count, count)
        XCTAssertFalse(store.state.revealed.contains(el))
        store.close()
        XCTAssertEqual(try SessionStore.open(at: dir.file("s.pit"), scales: [:]).events.count, count)
        XCTAssertThrowsError(try store.append(.revealed(el), author: "Fac")) { XCTAssertEqual($0 as? SessionError, .closed) }
    }

    func testNotesActionsAndAgreed() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let el = toolA[4]
        try store.append(.noteAdded(id: "n1", element: el, text: "Residents felt unheard"), author: "Fac")
        try store.append(.noteAdded(id: "n2", element: nil, text: "General"), author: "Fac")
        try store.append(.actionAdded(id: "a1", element: el, what: "Set up a panel", owner: "NHS Trust", due: "2026-03-31"), author: "Fac")
        try store.append(.agreedScoreRecorded(element: el, answer: .level(2), rationale: "Little evidence yet"), author: "Fac")
        try store.append(.actionDone(id: "a1"), author: "Fac")
        let s = store.state
        XCTAssertEqual(s.notes.map(\.id), ["n1", "n2"])
        XCTAssertEqual(s.notes(for: el).map(\.text), ["Residents felt unheard"])
        XCTAssertEqual(s.actions.first?.done, true)
        XCTAssertEqual(s.actions.first?.due, "2026-03-31")
        XCTAssertNotNil(s.actions.first?.doneAt)
        XCTAssertEqual(s.agreed[el]?.answer, .level(2))
        XCTAssertEqual(s.agreed[el]?.rationale, "Little evidence yet")
        XCTAssertEqual(s.summary(for: el).agreed?.answer, .level(2))
        try store.undoLast(author: "Fac")
        XCTAssertEqual(store.state.actions.first?.done, false)
        XCTAssertNil(store.state.actions.first?.doneAt)
        try store.append(.agreedScoreCleared(el), author: "Fac")
        XCTAssertNil(store.state.agreed[el])
        XCTAssertEqual(Set([store.newID("n"), store.newID("n")]).count, 2)
    }

    func testEveryEventKindRoundTripsThroughTheFile() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let el = toolA[1]
        let payloads: [EventPayload] = [
            .groupAdded(Group(id: "o", name: "Police & Fire", sector: .other, initials: "P&F")),
            .groupRenamed(id: "o", name: "Fire Service", initials: "FS"),
            .scoreRecorded(group: "o", element: el, answer: .notApplicable, note: "don't know — ünïcode"),
            .scoreRecorded(group: "la", element: el, answer: .level(1), note: nil),
            .scoreCleared(group: "la", element: el),
            .revealed(el), .hidden(el), .votingLocked(el), .votingUnlocked(el),
            .agreedScoreRecorded(element: el, answer: .notApplicable, rationale: ""),
            .agreedScoreCleared(el),
            .noteAdded(id: "n", element: nil, text: "line 1\nline 2"),
            .actionAdded(id: "a", element: nil, what: "w", owner: "", due: nil),
            .actionDone(id: "a"),
            .groupRemoved(id: "o"),
            .undone(seq: 7),
        ]
        for p in payloads { try store.append(p, author: "Fac") }
        XCTAssertEqual(store.events.suffix(payloads.count).map(\.payload), payloads)
        let events = store.events
        store.close()
        let again = try SessionStore.open(at: dir.file("s.pit"), scales: [:])
        XCTAssertEqual(again.events, events)
        XCTAssertEqual(Set(events.map(\.payload.kind)).count, 16, "all sixteen kinds present")
    }
}
