import Foundation

/// The kind of organisation a group speaks for.
public enum Sector: String, Codable, CaseIterable, Sendable {
    case localAuthority, nhs, vcse, residents, other

    /// Short name for screens and reports.
    public var displayName: String {
        switch self {
        case .localAuthority: return "Local authority"
        case .nhs: return "NHS"
        case .vcse: return "VCSE"
        case .residents: return "Residents"
        case .other: return "Other"
        }
    }

    /// Long name for reports and help text.
    public var longName: String {
        switch self {
        case .localAuthority: return "Local authority"
        case .nhs: return "NHS"
        case .vcse: return "Voluntary, community and social enterprise sector"
        case .residents: return "Residents and communities"
        case .other: return "Other partner"
        }
    }
}

/// A table of partners in the room (or the single partner of a self-assessment).
public struct Group: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var sector: Sector
    /// Short initials shown in narrow cells ("CC", "NHS" ...).
    public var initials: String

    public init(id: String, name: String, sector: Sector, initials: String? = nil) {
        self.id = id
        self.name = name
        self.sector = sector
        self.initials = initials ?? Group.initials(for: name)
    }

    /// Initials from a name: the first letter of each word, upper-cased; words in
    /// capitals (NHS) are kept whole. "City Council" -> "CC", "NHS Trust" -> "NHST".
    public static func initials(for name: String, maxLength: Int = 4) -> String {
        let words = name.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" })
        var out = ""
        for word in words {
            let letters = word.filter { $0.isLetter || $0.isNumber }
            guard let first = letters.first else { continue }
            if letters.count > 1 && letters.allSatisfy({ $0.isUppercase || $0.isNumber }) {
                out += letters
            } else {
                out += String(first).uppercased()
            }
        }
        if out.isEmpty { out = "?" }
        return String(out.prefix(maxLength))
    }

    /// Initials for `name` that differ from every string in `taken`. A clash takes more
    /// letters of the name's last word ("City Centre" beside "CC" is "CCe"), never a digit,
    /// which in a matrix of levels would read as a level.
    public static func uniqueInitials(for name: String, taken: [String]) -> String {
        let base = initials(for: name)
        let used = Set(taken.map { $0.uppercased() })
        if !used.contains(base.uppercased()) { return base }
        let last = name.split(whereSeparator: { !$0.isLetter }).last.map { String($0.dropFirst()).lowercased() } ?? ""
        var candidate = base
        for letter in last {
            candidate.append(letter)
            if !used.contains(candidate.uppercased()) { return candidate }
        }
        for letter in "abcdefghijklmnopqrstuvwxyz" where !used.contains((base + String(letter)).uppercased()) {
            return base + String(letter)
        }
        var n = 2
        while used.contains("\(base)\(n)".uppercased()) { n += 1 }
        return "\(base)\(n)"
    }
}

/// What a group (or the room) said about one element.
public enum Answer: Codable, Hashable, Sendable {
    case level(Int)
    /// The element does not apply to this place or priority.
    case notApplicable
    /// The group lacks the evidence to judge: an evidence gap, not a level. Like
    /// `notApplicable` it is left out of medians, but it is counted on its own.
    case dontKnow

    public var level: Int? {
        if case .level(let l) = self { return l }
        return nil
    }
}

/// One element of one instrument, e.g. ("tool-a", "A3").
public struct ElementRef: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var instrument: String
    public var element: String

    public init(instrument: String, element: String) {
        self.instrument = instrument
        self.element = element
    }

    /// Orders by instrument, then element, numbers compared as numbers ("A2" < "A10").
    public static func < (a: ElementRef, b: ElementRef) -> Bool {
        if a.instrument != b.instrument { return numericLess(a.instrument, b.instrument) }
        return numericLess(a.element, b.element)
    }

    public var description: String { "\(instrument)/\(element)" }
}

/// "A2" < "A10": runs of digits compare by value.
func numericLess(_ a: String, _ b: String) -> Bool {
    var ia = a.unicodeScalars.makeIterator(), ib = b.unicodeScalars.makeIterator()
    var ca = ia.next(), cb = ib.next()
    func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { $0.value >= 48 && $0.value <= 57 } ?? false }
    while let x = ca, let y = cb {
        if isDigit(x) && isDigit(y) {
            var na = "", nb = ""
            while isDigit(ca) { na.unicodeScalars.append(ca!); ca = ia.next() }
            while isDigit(cb) { nb.unicodeScalars.append(cb!); cb = ib.next() }
            let ta = na.drop(while: { $0 == "0" }), tb = nb.drop(while: { $0 == "0" })
            if ta.count != tb.count { return ta.count < tb.count }
            if ta != tb { return ta < tb }
            if na.count != nb.count { return na.count < nb.count }
            continue
        }
        if x != y { return x.value < y.value }
        ca = ia.next(); cb = ib.next()
    }
    return ca == nil && cb != nil
}

public enum SessionMode: String, Codable, Sendable {
    /// A facilitated workshop with several groups.
    case workshop
    /// One partner assessing alone; its single group is the partner.
    case selfAssessment
}

/// What a session is about. Fixed by the `sessionCreated` event.
public struct SessionInfo: Codable, Hashable, Sendable {
    public var title: String
    public var place: String
    /// The day of the workshop, `yyyy-mm-dd`.
    public var date: String
    public var facilitator: String
    /// Instrument ids in use, in the order the workshop walks them.
    public var instruments: [String]
    public var mode: SessionMode

    public init(title: String, place: String = "", date: String = "", facilitator: String = "",
                instruments: [String] = ["tool-a"], mode: SessionMode = .workshop) {
        self.title = title
        self.place = place
        self.date = date
        self.facilitator = facilitator
        self.instruments = instruments
        self.mode = mode
    }

    /// `yyyy-mm-dd` of a date in the given time zone (default: the current one).
    public static func day(of date: Date, timeZone: TimeZone = .current) -> String {
        TimeFormat(timeZone: timeZone).day(date)
    }
}

/// Everything that can happen in a session. The log only grows; undo is an event too.
public enum EventPayload: Hashable, Sendable {
    case sessionCreated(SessionInfo)
    case groupAdded(Group)
    case groupRenamed(id: String, name: String, initials: String)
    case groupRemoved(id: String)
    case scoreRecorded(group: String, element: ElementRef, answer: Answer, note: String?)
    case scoreCleared(group: String, element: ElementRef)
    case revealed(ElementRef)
    case hidden(ElementRef)
    case votingLocked(ElementRef)
    case votingUnlocked(ElementRef)
    case agreedScoreRecorded(element: ElementRef, answer: Answer, rationale: String)
    case agreedScoreCleared(ElementRef)
    case noteAdded(id: String, element: ElementRef?, text: String)
    /// Boxed (`indirect`): every event takes the room of the payload's largest case, and
    /// unboxed this rare one was the largest, 16 bytes more in every event held in memory.
    indirect case actionAdded(id: String, element: ElementRef?, what: String, owner: String, due: String?)
    case actionDone(id: String)
    /// The session's plan, whole (set, reordered, skipped or retimed).
    case planSet(SessionPlan)
    /// An instrument joins or leaves a running session (its scores stay in the record).
    case instrumentAdded(id: String)
    case instrumentRemoved(id: String)
    /// A new round of scoring on an element after discussion: the scores so far become
    /// the previous round (kept in the record), the new round starts hidden.
    case roundStarted(ElementRef)
    /// A note's text replaced (the earlier text stays in the log).
    case noteEdited(id: String, text: String)
    /// A note taken out of the record (the log keeps it; undo brings it back).
    case noteDeleted(id: String)
    /// An action's wording, owner or due date replaced.
    case actionEdited(id: String, what: String, owner: String, due: String?)
    case actionDeleted(id: String)
    /// Takes the event with this sequence number out of effect. Undoing an `undone`
    /// puts its target back (redo).
    case undone(seq: Int64)

    /// The stored kind name (the `kind` column), e.g. "scoreRecorded".
    public var kind: String {
        switch self {
        case .sessionCreated: return "sessionCreated"
        case .groupAdded: return "groupAdded"
        case .groupRenamed: return "groupRenamed"
        case .groupRemoved: return "groupRemoved"
        case .scoreRecorded: return "scoreRecorded"
        case .scoreCleared: return "scoreCleared"
        case .revealed: return "revealed"
        case .hidden: return "hidden"
        case .votingLocked: return "votingLocked"
        case .votingUnlocked: return "votingUnlocked"
        case .agreedScoreRecorded: return "agreedScoreRecorded"
        case .agreedScoreCleared: return "agreedScoreCleared"
        case .noteAdded: return "noteAdded"
        case .actionAdded: return "actionAdded"
        case .actionDone: return "actionDone"
        case .planSet: return "planSet"
        case .instrumentAdded: return "instrumentAdded"
        case .instrumentRemoved: return "instrumentRemoved"
        case .roundStarted: return "roundStarted"
        case .noteEdited: return "noteEdited"
        case .noteDeleted: return "noteDeleted"
        case .actionEdited: return "actionEdited"
        case .actionDeleted: return "actionDeleted"
        case .undone: return "undone"
        }
    }

    /// The element this event is about, if any.
    public var element: ElementRef? {
        switch self {
        case .scoreRecorded(_, let e, _, _), .scoreCleared(_, let e): return e
        case .revealed(let e), .hidden(let e), .votingLocked(let e), .votingUnlocked(let e),
             .agreedScoreCleared(let e), .roundStarted(let e): return e
        case .agreedScoreRecorded(let e, _, _): return e
        case .noteAdded(_, let e, _): return e
        case .actionAdded(_, let e, _, _, _): return e
        default: return nil
        }
    }

    /// The group this event is about, if any.
    public var groupID: String? {
        switch self {
        case .groupAdded(let g): return g.id
        case .groupRenamed(let id, _, _), .groupRemoved(let id): return id
        case .scoreRecorded(let g, _, _, _), .scoreCleared(let g, _): return g
        default: return nil
        }
    }

    public var isUndo: Bool {
        if case .undone = self { return true }
        return false
    }
}

/// One entry of the log.
public struct Event: Hashable, Sendable {
    /// Position in the log, from 1, strictly increasing.
    public var seq: Int64
    /// When it happened (stored to the millisecond).
    public var at: Date
    /// Who did it (the facilitator's or partner's name).
    public var author: String
    public var payload: EventPayload

    public init(seq: Int64, at: Date, author: String, payload: EventPayload) {
        self.seq = seq
        self.at = at
        self.author = author
        self.payload = payload
    }
}

/// Milliseconds since 1970, the stored form of `Event.at`.
/// Never traps: a time beyond the integer range (only a crafted file has one) is pinned to
/// its end, where `RecordRules` refuses it.
@inline(__always) func millis(_ d: Date) -> Int64 {
    let ms = (d.timeIntervalSince1970 * 1000).rounded()
    guard ms.isFinite, ms > -9.2e18 else { return Int64.min }
    return ms < 9.2e18 ? Int64(ms) : Int64.max
}

@inline(__always) func dateFromMillis(_ ms: Int64) -> Date {
    Date(timeIntervalSince1970: Double(ms) / 1000)
}

/// A date as it will read back from the store (whole milliseconds).
public func storedDate(_ d: Date) -> Date { dateFromMillis(millis(d)) }

/// The clock the engine asks for the time of each event; inject a fixed one in tests.
public typealias SessionClock = @Sendable () -> Date
