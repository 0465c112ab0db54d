import Foundation

/// A field an event carries besides its number, time and author. The raw value is the
/// field's name wherever it is written by name (the JSON export's keys).
public enum EventField: String, CaseIterable, Sendable {
    case session, group, id, element, answer, note, rationale, text, name, sector, initials, what, owner, due, target
    /// An instrument's id on its own (an instrument joining or leaving the session).
    case instrument
    /// The session's whole plan.
    case plan
}

/// Why named fields do not make an event.
public enum EventFieldsError: Error, Equatable, Sendable {
    /// The kind needs this field and it is absent.
    case missing(EventField)
    /// A sector that is not one of `Sector`'s.
    case unknownSector(String)
    /// A kind this version does not know.
    case unknownKind(String)
}

/// An event's payload taken apart: its kind's name and its named fields. This is the one
/// description of an event: the session file's row (`SessionStore`) and the JSON export
/// (`SessionJSON`) are each written from it and read back through it, and each only says
/// where a field goes (a column, a key). `layout` lists the fields of every kind;
/// `init(_:)` takes a payload apart and `payload()` puts one together.
public struct EventFields: Equatable, Sendable {
    public var kind: String
    public var session: SessionInfo?
    public var group: String?
    public var id: String?
    public var element: ElementRef?
    public var answer: Answer?
    public var note: String?
    public var rationale: String?
    public var text: String?
    public var name: String?
    public var sector: String?
    public var initials: String?
    public var what: String?
    public var owner: String?
    public var due: String?
    public var target: Int64?
    public var instrument: String?
    public var plan: SessionPlan?

    public init(kind: String) { self.kind = kind }

    /// The fields each kind carries, or nil for a kind this version does not know. A
    /// reader reads only these, so a kind is never refused for a field it does not have.
    public static func layout(of kind: String) -> [EventField]? { layouts[kind] }

    static let layouts: [String: [EventField]] = [
        "sessionCreated": [.session],
        "groupAdded": [.group, .name, .sector, .initials],
        "groupRenamed": [.group, .name, .initials],
        "groupRemoved": [.group],
        "scoreRecorded": [.group, .element, .answer, .note],
        "scoreCleared": [.group, .element],
        "revealed": [.element],
        "hidden": [.element],
        "votingLocked": [.element],
        "votingUnlocked": [.element],
        "agreedScoreRecorded": [.element, .answer, .rationale],
        "agreedScoreCleared": [.element],
        "noteAdded": [.id, .element, .text],
        "actionAdded": [.id, .element, .what, .owner, .due],
        "actionDone": [.id],
        "noteEdited": [.id, .text],
        "noteDeleted": [.id],
        "actionEdited": [.id, .what, .owner, .due],
        "actionDeleted": [.id],
        "undone": [.target],
        "planSet": [.plan],
        "instrumentAdded": [.instrument],
        "instrumentRemoved": [.instrument],
        "roundStarted": [.element],
    ]

    /// The text-valued fields, by name, so a writer can put each in its place.
    public subscript(text field: EventField) -> String? {
        get {
            switch field {
            case .group: group
            case .id: id
            case .note: note
            case .rationale: rationale
            case .text: text
            case .name: name
            case .sector: sector
            case .initials: initials
            case .what: what
            case .owner: owner
            case .due: due
            case .instrument: instrument
            case .session, .element, .answer, .target, .plan: nil
            }
        }
        set {
            switch field {
            case .group: group = newValue
            case .id: id = newValue
            case .note: note = newValue
            case .rationale: rationale = newValue
            case .text: text = newValue
            case .name: name = newValue
            case .sector: sector = newValue
            case .initials: initials = newValue
            case .what: what = newValue
            case .owner: owner = newValue
            case .due: due = newValue
            case .instrument: instrument = newValue
            case .session, .element, .answer, .target, .plan: break
            }
        }
    }

    /// A payload taken apart.
    public init(_ payload: EventPayload) {
        self.init(kind: payload.kind)
        switch payload {
        case .sessionCreated(let info): session = info
        case .groupAdded(let g): group = g.id; name = g.name; sector = g.sector.rawValue; initials = g.initials
        case .groupRenamed(let id, let name, let initials): group = id; self.name = name; self.initials = initials
        case .groupRemoved(let id): group = id
        case .scoreRecorded(let g, let e, let a, let note): group = g; element = e; answer = a; self.note = note
        case .scoreCleared(let g, let e): group = g; element = e
        case .revealed(let e), .hidden(let e), .votingLocked(let e), .votingUnlocked(let e), .agreedScoreCleared(let e),
             .roundStarted(let e):
            element = e
        case .planSet(let plan): self.plan = plan
        case .instrumentAdded(let id), .instrumentRemoved(let id): instrument = id
        case .agreedScoreRecorded(let e, let a, let rationale): element = e; answer = a; self.rationale = rationale
        case .noteAdded(let id, let e, let text): self.id = id; element = e; self.text = text
        case .actionAdded(let id, let e, let what, let owner, let due):
            self.id = id; element = e; self.what = what; self.owner = owner; self.due = due
        case .actionDone(let id), .noteDeleted(let id), .actionDeleted(let id): self.id = id
        case .noteEdited(let id, let text): self.id = id; self.text = text
        case .actionEdited(let id, let what, let owner, let due): self.id = id; self.what = what; self.owner = owner; self.due = due
        case .undone(let seq): target = seq
        }
    }

    /// The payload these fields describe. Texts a kind may leave out read as empty, and
    /// initials as the name's; a required field that is absent is an error naming it.
    public func payload() throws -> EventPayload {
        func need<T>(_ value: T?, _ field: EventField) throws -> T {
            guard let value else { throw EventFieldsError.missing(field) }
            return value
        }
        switch kind {
        case "sessionCreated": return .sessionCreated(try need(session, .session))
        case "groupAdded":
            let raw = try need(sector, .sector)
            guard let sectorValue = Sector(rawValue: raw) else { throw EventFieldsError.unknownSector(raw) }
            let name = try need(name, .name)
            return .groupAdded(Group(id: try need(group, .group), name: name, sector: sectorValue,
                                     initials: initials ?? Group.initials(for: name)))
        case "groupRenamed":
            let name = try need(name, .name)
            return .groupRenamed(id: try need(group, .group), name: name, initials: initials ?? Group.initials(for: name))
        case "groupRemoved": return .groupRemoved(id: try need(group, .group))
        case "scoreRecorded":
            return .scoreRecorded(group: try need(group, .group), element: try need(element, .element),
                                  answer: try need(answer, .answer), note: note)
        case "scoreCleared": return .scoreCleared(group: try need(group, .group), element: try need(element, .element))
        case "revealed": return .revealed(try need(element, .element))
        case "hidden": return .hidden(try need(element, .element))
        case "votingLocked": return .votingLocked(try need(element, .element))
        case "votingUnlocked": return .votingUnlocked(try need(element, .element))
        case "agreedScoreRecorded":
            return .agreedScoreRecorded(element: try need(element, .element), answer: try need(answer, .answer),
                                        rationale: rationale ?? "")
        case "agreedScoreCleared": return .agreedScoreCleared(try need(element, .element))
        case "noteAdded": return .noteAdded(id: try need(id, .id), element: element, text: text ?? "")
        case "actionAdded":
            return .actionAdded(id: try need(id, .id), element: element, what: what ?? "", owner: owner ?? "", due: due)
        case "actionDone": return .actionDone(id: try need(id, .id))
        case "noteEdited": return .noteEdited(id: try need(id, .id), text: text ?? "")
        case "noteDeleted": return .noteDeleted(id: try need(id, .id))
        case "actionEdited": return .actionEdited(id: try need(id, .id), what: what ?? "", owner: owner ?? "", due: due)
        case "actionDeleted": return .actionDeleted(id: try need(id, .id))
        case "undone": return .undone(seq: try need(target, .target))
        case "planSet": return .planSet(try need(plan, .plan))
        case "instrumentAdded": return .instrumentAdded(id: try need(instrument, .instrument))
        case "instrumentRemoved": return .instrumentRemoved(id: try need(instrument, .instrument))
        case "roundStarted": return .roundStarted(try need(element, .element))
        default: throw EventFieldsError.unknownKind(kind)
        }
    }
}
