import Foundation
import GRDB
import XCTest
@testable import SessionEngine

/// A due date written as a date must be a day of the calendar, for every writer; a session
/// that already holds one that is not still opens.
final class DueDateRuleTests: XCTestCase {
    func testOnlyDaysOfTheCalendarPass() {
        for good in ["2026-12-31", "2028-02-29", "2000-02-29", "", "next Friday", "2027-2-29", "end of March"] {
            XCTAssertNil(RecordRules.dueDateProblem(good), good)
        }
        XCTAssertEqual(RecordRules.dueDateProblem("2027-02-29"),
                       "is due 2027-02-29, which is not a day of the calendar (February 2027 has 28 days); give a date that exists, such as 2027-02-28, or no due date")
        XCTAssertEqual(RecordRules.dueDateProblem("1900-02-29")?.contains("such as 1900-02-28"), true)
        XCTAssertEqual(RecordRules.dueDateProblem("2026-04-31")?.contains("April 2026 has 30 days"), true)
        XCTAssertEqual(RecordRules.dueDateProblem("2026-01-00")?.contains("January 2026 has 31 days"), true)
        XCTAssertEqual(RecordRules.dueDateProblem("2026-13-01")?.contains("not a date (a month is 01 to 12)"), true)
    }

    func testEveryWriterRefusesAnImpossibleDueDateNamingTheAction() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        XCTAssertThrowsError(try store.append(.actionAdded(id: "a1", element: nil, what: "Book the room", owner: "Council",
                                                           due: "2027-02-29"), author: "Fac")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("the action “Book the room” is due 2027-02-29"), text)
            XCTAssertTrue(text.contains("such as 2027-02-28"), text)
        }
        XCTAssertTrue(store.state.actions.isEmpty)
        try store.append(.actionAdded(id: "a1", element: nil, what: "Book the room", owner: "Council", due: "2027-02-28"), author: "Fac")
        XCTAssertThrowsError(try store.append(.actionEdited(id: "a1", what: "Book the room", owner: "Council", due: "2027-02-30"),
                                              author: "Fac"))
        XCTAssertEqual(store.state.actions.first?.due, "2027-02-28")

        // `pit import` writes through the same rule.
        var events = store.events
        events.append(Event(seq: Int64(events.count + 1), at: events.last!.at, author: "Fac",
                            payload: .actionAdded(id: "a2", element: nil, what: "Print the report", owner: "", due: "2027-02-29")))
        XCTAssertThrowsError(try SessionStore.importEvents(events, at: dir.file("imported.pit"), scales: [:])) { error in
            XCTAssertTrue("\(error)".contains("the action “Print the report” is due 2027-02-29"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("imported.pit").path))
    }

    func testASessionAlreadyHoldingOneStillOpensAndTakesNewChanges() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let next = store.events.count + 1
        store.close()
        try insertActionDueOnNoDay(into: dir.file("s.pit"), seq: Int64(next), id: "old", author: "Fac", owner: "Council")
        XCTAssertEqual(try SessionStore.snapshot(at: dir.file("s.pit"), scales: [:]).state.actions.first?.due, "2027-02-29")
        let reopened = try SessionStore.open(at: dir.file("s.pit"), scales: [:])
        XCTAssertEqual(reopened.state.actions.first?.due, "2027-02-29")
        try reopened.append(.actionDone(id: "old"), author: "Fac")
        try reopened.append(.actionEdited(id: "old", what: "Book the room", owner: "Council", due: "2027-02-28"), author: "Fac")
        XCTAssertEqual(reopened.state.actions.first?.due, "2027-02-28", "the way to put it right is open")
    }

    func testMergeNamesThePartnersFileAndItsOwnEvent() throws {
        // The store refused it as "event 15" of the merged session, which no one can open.
        let dir = TempDir()
        let store = try makeStore(dir, "old.pit", groups: [Group(id: "me", name: "NHS Trust", sector: .nhs)], mode: .selfAssessment)
        let next = Int64(store.events.count + 1)
        store.close()
        try insertActionDueOnNoDay(into: dir.file("old.pit"), seq: next, id: "a1", author: "NHS Trust", owner: "NHS Trust")
        XCTAssertThrowsError(try Merge.merge(inputs: [dir.file("old.pit")], into: dir.file("w.pit"), title: "Joint",
                                             author: "Fac", scales: [:])) { error in
            XCTAssertEqual(error as? MergeError, .recordRefused(path: dir.file("old.pit").path, seq: next,
                                                                why: "the action “Book the room” is due 2027-02-29, which is not a day of the calendar (February 2027 has 28 days); give a date that exists, such as 2027-02-28, or no due date"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("w.pit").path), "nothing written")
    }

    /// A record from before the rule (or from another program), as it would sit in the file:
    /// "Book the room", due 2027-02-29.
    private func insertActionDueOnNoDay(into file: URL, seq: Int64, id: String, author: String, owner: String) throws {
        let queue = try DatabaseQueue(path: file.path)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO events (seq, at, author, kind, subject, na, text, text2, text3)
                VALUES (?, 1767225700000, ?, 'actionAdded', ?, 0, 'Book the room', ?, '2027-02-29')
                """, arguments: [seq, author, id, owner])
        }
        try queue.close()
    }
}
