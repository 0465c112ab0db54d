import Foundation
import XCTest
@testable import SessionEngine

/// `EventFields` is the one description of an event that the file's rows and the JSON
/// export are both written from: every kind is in it, taking a payload apart and putting
/// it together again gives the same payload, and no field lies outside its kind's layout
/// (a writer that follows the layout would silently drop it).
final class EventFieldsTests: XCTestCase {
    static let el = ElementRef(instrument: "tool-a", element: "A2")
    static let oneOfEachKind: [EventPayload] = [
        .sessionCreated(SessionInfo(title: "T", place: "P", date: "2026-01-01", facilitator: "F", instruments: ["tool-a"],
                                    mode: .workshop)),
        .groupAdded(Group(id: "o", name: "Police & Fire", sector: .vcse, initials: "P&F")),
        .groupRenamed(id: "o", name: "Fire Service", initials: "FS"),
        .groupRemoved(id: "o"),
        .scoreRecorded(group: "o", element: el, answer: .dontKnow, note: "n"),
        .scoreCleared(group: "o", element: el),
        .revealed(el), .hidden(el), .votingLocked(el), .votingUnlocked(el),
        .agreedScoreRecorded(element: el, answer: .level(3), rationale: "r"),
        .agreedScoreCleared(el),
        .noteAdded(id: "n1", element: el, text: "t"),
        .actionAdded(id: "a1", element: nil, what: "w", owner: "o", due: "2026-02-01"),
        .actionDone(id: "a1"),
        .noteEdited(id: "n1", text: "t2"),
        .noteDeleted(id: "n1"),
        .actionEdited(id: "a1", what: "w2", owner: "o2", due: nil),
        .actionDeleted(id: "a1"),
        .undone(seq: 7),
        .planSet(SessionPlan(name: "p", title: "Plan", items: [.init(instrument: "tool-a", elements: ["A2"], minutes: 20)])),
        .instrumentAdded(id: "tool-b"),
        .instrumentRemoved(id: "tool-b"),
        .roundStarted(el),
    ]

    func present(_ f: EventFields) -> Set<EventField> {
        var set = Set(EventField.allCases.filter { f[text: $0] != nil })
        if f.session != nil { set.insert(.session) }
        if f.element != nil { set.insert(.element) }
        if f.answer != nil { set.insert(.answer) }
        if f.target != nil { set.insert(.target) }
        if f.plan != nil { set.insert(.plan) }
        return set
    }

    func testEveryKindIsDescribedOnceAndRoundTrips() throws {
        XCTAssertEqual(Set(Self.oneOfEachKind.map(\.kind)), Set(EventFields.layouts.keys), "one example of every kind")
        XCTAssertEqual(Self.oneOfEachKind.count, EventFields.layouts.count)
        for payload in Self.oneOfEachKind {
            let fields = EventFields(payload)
            XCTAssertEqual(fields.kind, payload.kind)
            XCTAssertEqual(try fields.payload(), payload, payload.kind)
            let layout = try XCTUnwrap(EventFields.layout(of: payload.kind))
            XCTAssertEqual(Set(layout).count, layout.count, "\(payload.kind) names a field twice")
            XCTAssertTrue(present(fields).isSubset(of: Set(layout)),
                          "\(payload.kind) carries \(present(fields).subtracting(layout)) outside its layout")
        }
    }

    func testMissingFieldsAreNamedAndTextsDefault() {
        var f = EventFields(kind: "scoreRecorded")
        f.group = "o"
        f.answer = .level(2)
        XCTAssertThrowsError(try f.payload()) { XCTAssertEqual($0 as? EventFieldsError, .missing(.element)) }
        var g = EventFields(kind: "groupAdded")
        g.group = "g"; g.name = "Council"; g.sector = "martians"
        XCTAssertThrowsError(try g.payload()) { XCTAssertEqual($0 as? EventFieldsError, .unknownSector("martians")) }
        g.sector = "localAuthority"
        XCTAssertEqual(try g.payload(), .groupAdded(Group(id: "g", name: "Council", sector: .localAuthority, initials: Group.initials(for: "Council"))))
        var n = EventFields(kind: "noteAdded")
        n.id = "n"
        XCTAssertEqual(try n.payload(), .noteAdded(id: "n", element: nil, text: ""))
        XCTAssertNil(EventFields.layout(of: "meteorStrike"))
        XCTAssertThrowsError(try EventFields(kind: "meteorStrike").payload())
    }
}
