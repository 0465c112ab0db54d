import Foundation

/// The bounds every record must keep, whether it is typed on a screen, read from a
/// session file or imported from JSON. A file from a partner is untrusted: each record is
/// checked on the way in, so nothing later (the fold, summaries, reports, the next change)
/// meets a level off the scale, a time or number near the integer limits, or a text so
/// long that drawing it stalls the screen.
public enum RecordRules {
    /// Every pit scale lies within 1–9 (instrument files may not define other values).
    public static let levels: ClosedRange<Int> = 1...9
    /// Sequence numbers: far beyond any real session, far below where `+ 1` could overflow.
    public static let sequenceNumbers: ClosedRange<Int64> = 1...Int64(Int32.max)
    /// Times, in milliseconds since 1970: 1970-01-01 to 9999-12-31.
    public static let millisecondTimes: ClosedRange<Int64> = 0...253_402_300_799_999
    /// Notes, rationales and actions, in bytes of UTF-8 (about five printed pages).
    public static let longTextBytes = 16_384
    /// Names, titles, initials, authors, ids and dates, in bytes of UTF-8.
    public static let shortTextBytes = 512
    /// Instruments a session may use.
    public static let instrumentsPerSession = 64
    /// A plan's items, and the elements one item names.
    public static let planItems = 256
    /// Minutes for one plan item: at most a day, so sums of them stay small.
    public static let planMinutes: ClosedRange<Int> = 1...(24 * 60)

    /// The first rule `event` breaks, in words for a message; nil if it keeps them all.
    /// Its levels are held to `scales`, the scales of the instruments pit has loaded.
    public static func violation(in event: Event, scales: InstrumentScales) -> String? {
        if !sequenceNumbers.contains(event.seq) {
            return "its number \(event.seq) is outside \(sequenceNumbers.lowerBound)–\(sequenceNumbers.upperBound)"
        }
        let ms = (event.at.timeIntervalSince1970 * 1000).rounded()
        if !(ms >= Double(millisecondTimes.lowerBound) && ms <= Double(millisecondTimes.upperBound)) {
            return "its time is not between 1970 and 9999"
        }
        if let why = short(event.author, "its author") { return why }
        return violation(in: event.payload, seq: event.seq, scales: scales)
    }

    /// The first rule a new record breaks that records already in a file need not keep; nil
    /// if it keeps them all. Checked, after `violation(in:scales:)`, on every record written
    /// (forms, the room, `import`, `merge`), never on reading: a session that holds such a
    /// record from before the rule still opens, and reports show it as it was written.
    public static func newRecordViolation(in event: Event) -> String? {
        switch event.payload {
        case .actionAdded(let id, _, let what, _, let due?), .actionEdited(let id, let what, _, let due?):
            return dueDateProblem(due).map { "the action \(actionName(what, id: id)) \($0)" }
        default:
            return nil
        }
    }

    /// Why a due date that is written as a date (YYYY-MM-DD) is not a day of the calendar,
    /// with the fix; nil for a real day, an empty text or free text that is not in that form.
    /// "2027-02-29" → "is due 2027-02-29, which is not a day of the calendar (February 2027
    /// has 28 days); give a date that exists, such as 2027-02-28, or no due date".
    public static func dueDateProblem(_ due: String) -> String? {
        guard let date = WrittenDate(due) else { return nil }
        guard date.hasRealMonth else {
            return "is due \(due), which is not a date (a month is 01 to 12); give a date that exists, written YYYY-MM-DD, or no due date"
        }
        guard date.isDayOfCalendar else {
            let days = date.daysInMonth
            let last = String(due.prefix(8)) + String(days)
            return "is due \(due), which is not a day of the calendar (\(date.monthName) \(String(due.prefix(4))) has \(days) days); "
                + "give a date that exists, such as \(last), or no due date"
        }
        return nil
    }

    /// “Share the data map” (its first 60 characters), or the action's id when it has no text.
    static func actionName(_ what: String, id: String) -> String {
        let line = what.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        if line.isEmpty { return id }
        return "“" + (line.count > 60 ? String(line.prefix(59)) + "…" : line) + "”"
    }

    static func short(_ s: String, _ what: String) -> String? {
        s.utf8.count > shortTextBytes ? "\(what) is longer than \(shortTextBytes) bytes" : nul(s, what)
    }

    static func long(_ s: String, _ what: String) -> String? {
        s.utf8.count > longTextBytes ? "\(what) is longer than \(longTextBytes) bytes" : nul(s, what)
    }

    /// SQLite keeps a NUL inside a text, but it is read back as the end of the text: the
    /// record would come back shorter than it was shown as saved.
    static func nul(_ s: String, _ what: String) -> String? {
        s.utf8.contains(0) ? "\(what) holds a NUL character (U+0000), which a session cannot keep" : nil
    }

    static func answer(_ a: Answer, _ element: ElementRef, scales: InstrumentScales) -> String? {
        guard case .level(let l) = a else { return nil }
        if !levels.contains(l) {
            return "its level \(l) is not on any pit scale (\(levels.lowerBound)–\(levels.upperBound))"
        }
        return offScale(l, element, scales: scales)
    }

    static func offScale(_ level: Int, _ element: ElementRef, scales: InstrumentScales) -> String? {
        guard let scale = scales[element.instrument], !scale.contains(level) else { return nil }
        return "its level \(level) is not on the scale of \(element.instrument) (\(scale.sorted().map(String.init).joined(separator: ", ")))"
    }

    /// The instrument whose scale, as pit has it now, lacks a level this record gives, and
    /// why; nil when the level is on it (or the record holds no level). A file that keeps
    /// every other rule but this one was recorded with a different version of that
    /// instrument: it is not damaged.
    public static func offScale(in payload: EventPayload, scales: InstrumentScales) -> (instrument: String, level: Int, why: String)? {
        switch payload {
        case .scoreRecorded(_, let e, .level(let l), _), .agreedScoreRecorded(let e, .level(let l), _):
            return offScale(l, e, scales: scales).map { (e.instrument, l, $0) }
        default:
            return nil
        }
    }

    static func ref(_ r: ElementRef?) -> String? {
        guard let r else { return nil }
        return short(r.instrument, "its instrument id") ?? short(r.element, "its element id")
    }

    static func plan(_ p: SessionPlan) -> String? {
        if let why = short(p.name, "its plan's name") ?? short(p.title, "its plan's title") { return why }
        if p.items.count > planItems { return "its plan has more than \(planItems) items" }
        for item in p.items {
            if let why = short(item.instrument, "a plan item's instrument id") { return why }
            if !planMinutes.contains(item.minutes) {
                return "a plan item's minutes (\(item.minutes)) are outside \(planMinutes.lowerBound)–\(planMinutes.upperBound)"
            }
            if let elements = item.elements {
                if elements.count > planItems { return "a plan item names more than \(planItems) elements" }
                if let why = elements.lazy.compactMap({ short($0, "a plan item's element id") }).first { return why }
            }
        }
        return nil
    }

    static func violation(in payload: EventPayload, seq: Int64, scales: InstrumentScales) -> String? {
        switch payload {
        case .sessionCreated(let i):
            if i.instruments.count > instrumentsPerSession { return "it names more than \(instrumentsPerSession) instruments" }
            return short(i.title, "its title") ?? short(i.place, "its place") ?? short(i.date, "its date")
                ?? short(i.facilitator, "its facilitator") ?? i.instruments.lazy.compactMap { short($0, "an instrument id") }.first
        case .groupAdded(let g):
            return short(g.id, "its group id") ?? short(g.name, "its group name") ?? short(g.initials, "its initials")
        case .groupRenamed(let id, let name, let initials):
            return short(id, "its group id") ?? short(name, "its group name") ?? short(initials, "its initials")
        case .groupRemoved(let id):
            return short(id, "its group id")
        case .scoreRecorded(let g, let e, let a, let note):
            return short(g, "its group id") ?? ref(e) ?? answer(a, e, scales: scales) ?? note.flatMap { long($0, "its note") }
        case .scoreCleared(let g, let e):
            return short(g, "its group id") ?? ref(e)
        case .revealed(let e), .hidden(let e), .votingLocked(let e), .votingUnlocked(let e), .agreedScoreCleared(let e),
             .roundStarted(let e):
            return ref(e)
        case .instrumentAdded(let id), .instrumentRemoved(let id):
            return short(id, "its instrument id")
        case .planSet(let p):
            return plan(p)
        case .agreedScoreRecorded(let e, let a, let rationale):
            return ref(e) ?? answer(a, e, scales: scales) ?? long(rationale, "its rationale")
        case .noteAdded(let id, let e, let text):
            return short(id, "its note id") ?? ref(e) ?? long(text, "its note")
        case .actionAdded(let id, let e, let what, let owner, let due):
            return short(id, "its action id") ?? ref(e) ?? long(what, "its action") ?? short(owner, "its owner")
                ?? due.flatMap { short($0, "its due date") }
        case .actionDone(let id), .actionDeleted(let id):
            return short(id, "its action id")
        case .noteDeleted(let id):
            return short(id, "its note id")
        case .noteEdited(let id, let text):
            return short(id, "its note id") ?? long(text, "its note")
        case .actionEdited(let id, let what, let owner, let due):
            return short(id, "its action id") ?? long(what, "its action") ?? short(owner, "its owner")
                ?? due.flatMap { short($0, "its due date") }
        case .undone(let target):
            if target < 1 || target >= seq { return "it undoes event \(target), which does not come before it" }
            return nil
        }
    }
}

/// The levels each instrument's scale allows, by instrument id, from the catalogue pit has
/// loaded. Every store is given them when it opens or creates a file, so no session is read
/// or written before its instruments' scales are known. A level for an instrument not
/// listed is held to `RecordRules.levels` alone (`[:]` holds every level to that alone).
public typealias InstrumentScales = [String: Set<Int>]
