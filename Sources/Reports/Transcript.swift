import Foundation
import Instruments
import SessionEngine

/// Every event in time order, in plain words.
public struct Transcript: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var seq: Int64
        public var at: Date
        public var author: String
        /// `EventPayload.kind`.
        public var kind: String
        /// What happened, as a sentence without the time: "NHS Trust scored Step 2 Joint
        /// needs assessment: 3 Developing".
        public var text: String
        public var element: ElementRef?
        /// False when a later undo took this event out of effect.
        public var inEffect: Bool
        /// The event that took this one out of effect.
        public var undoneBy: Int64?
    }

    public var info: SessionInfo
    /// In log order (which is time order).
    public var entries: [Entry]

    public static func make(events: [Event], catalogue: Catalogue) -> Transcript {
        make(events: events, state: Fold.state(from: events), catalogue: catalogue)
    }

    /// The same, for a caller that holds the state folded from `events` (a snapshot's or
    /// an open store's): the log is not folded a second time.
    public static func make(events: [Event], state: SessionState, catalogue: Catalogue) -> Transcript {
        var instrumentsSeen = Set(state.info.instruments)
        for e in events { if let r = e.payload.element { instrumentsSeen.insert(r.instrument) } }
        let mixed = instrumentsSeen.count > 1

        // Every undo and what it undid. An in-effect undo takes its target out of effect
        // (`undoneBy`). An undo's sentence quotes the event it undid (and a redo the one
        // before that), so only those events' sentences are kept, not every event's.
        var undid: [Int64: Int64] = [:]
        var undoneBy: [Int64: Int64] = [:]
        for e in events {
            guard case .undone(let t) = e.payload else { continue }
            undid[e.seq] = t
            if state.isInEffect(e.seq) { undoneBy[t] = e.seq }
        }
        var quotedLater = Set(undid.values)
        for t in undid.values { if let t2 = undid[t] { quotedLater.insert(t2) } }

        var groupNames: [String: String] = [:]
        var actionWhat: [String: String] = [:]
        /// Each action's owner and due date as last recorded, so an edit can say what it changed.
        var actionDetails: [String: (owner: String, due: String?)] = [:]
        var noteText: [String: String] = [:]
        var sentences: [Int64: String] = [:]

        // A session's events name a few elements many times over: each name is made once.
        var elementNames: [ElementRef: String] = [:]
        func elementName(_ r: ElementRef) -> String {
            if let known = elementNames[r] { return known }
            let name = makeElementName(r)
            elementNames[r] = name
            return name
        }
        func makeElementName(_ r: ElementRef) -> String {
            if let inst = catalogue.instrument(r.instrument) {
                let noun = inst.placement == .centre ? "Step" : "Element"
                if let el = inst.element(r.element) {
                    return (mixed ? "\(inst.short) " : "") + "\(noun) \(el.number) \(el.title)"
                }
                return "\(inst.short) \(r.element)"
            }
            return "\(r.instrument) \(r.element)"
        }
        func answer(_ a: Answer, _ r: ElementRef?) -> String {
            let scale = r.flatMap { catalogue.instrument($0.instrument)?.scale } ?? .standard
            return Words.answer(a, scale: scale, long: true)
        }
        func group(_ id: String) -> String { groupNames[id] ?? id }
        func quoted(_ s: String) -> String { "“\(s)”" }

        func describe(_ e: Event) -> String {
            let who = e.author.isEmpty ? "Someone" : e.author
            switch e.payload {
            case .sessionCreated(let info):
                var details: [String] = []
                if !info.place.isEmpty { details.append(info.place) }
                if !info.date.isEmpty { details.append(info.date) }
                let names = info.instruments.map { catalogue.instrument($0)?.short ?? $0 }
                if !names.isEmpty { details.append("instruments: " + names.joined(separator: ", ")) }
                let kind = info.mode == .selfAssessment ? "self-assessment" : "workshop session"
                return "\(who) created the \(kind) \(quoted(info.title))" + (details.isEmpty ? "" : " (\(details.joined(separator: "; ")))")
            case .groupAdded(let g):
                return "\(who) added the group \(g.name) (\(g.sector.displayName), \(g.initials))"
            case .groupRenamed(let id, let name, let initials):
                return "\(who) renamed the group \(group(id)) to \(name) (\(initials))"
            case .groupRemoved(let id):
                return "\(who) removed the group \(group(id)) and its scores"
            case .scoreRecorded(let g, let r, let a, let note):
                var s = "\(group(g)) scored \(elementName(r)): \(answer(a, r))"
                if let note, !note.isEmpty { s += ", noting \(quoted(note))" }
                return s
            case .scoreCleared(let g, let r):
                return "\(who) cleared \(group(g))’s score for \(elementName(r))"
            case .revealed(let r):
                return "\(who) revealed the scores for \(elementName(r))"
            case .hidden(let r):
                return "\(who) hid the scores for \(elementName(r))"
            case .votingLocked(let r):
                return "\(who) closed scoring on \(elementName(r))"
            case .votingUnlocked(let r):
                return "\(who) reopened scoring on \(elementName(r))"
            case .agreedScoreRecorded(let r, let a, let rationale):
                var s = "The room agreed \(elementName(r)): \(answer(a, r))"
                if !rationale.isEmpty { s += ", because \(quoted(rationale))" }
                return s + " (recorded by \(who))"
            case .agreedScoreCleared(let r):
                return "\(who) cleared the agreed score for \(elementName(r))"
            case .noteAdded(_, let r, let text):
                return "\(who) noted" + (r.map { " on \(elementName($0))" } ?? "") + ": \(quoted(text))"
            case .actionAdded(_, let r, let what, let owner, let due):
                var s = "\(who) added an action" + (r.map { " on \(elementName($0))" } ?? "") + ": \(quoted(what))"
                var tail: [String] = []
                if !owner.isEmpty { tail.append("owner \(owner)") }
                if let due, !due.isEmpty { tail.append("due \(due)") }
                if !tail.isEmpty { s += " (\(tail.joined(separator: ", ")))" }
                return s
            case .actionDone(let id):
                return "\(who) marked the action \(actionWhat[id].map(quoted) ?? id) done"
            case .planSet(let plan):
                let items = plan.items.filter { !$0.skipped }.map { catalogue.instrument($0.instrument)?.short ?? $0.instrument }
                return "\(who) set the plan \(quoted(plan.title)): " + items.joined(separator: ", ") + " (\(plan.plannedMinutes) minutes)"
            case .roundStarted(let r):
                return "\(who) opened a new round of scoring on \(elementName(r)); the earlier scores stay in the record"
            case .instrumentAdded(let id):
                return "\(who) added \(catalogue.instrument(id)?.short ?? id) to the session"
            case .instrumentRemoved(let id):
                return "\(who) took \(catalogue.instrument(id)?.short ?? id) out of the session (its scores stay in the record)"
            case .noteEdited(let id, let text):
                return "\(who) changed the note \(noteText[id].map(quoted) ?? id) to \(quoted(text))"
            case .noteDeleted(let id):
                return "\(who) deleted the note \(noteText[id].map(quoted) ?? id)"
            case .actionEdited(let id, let what, let owner, let due):
                // What changed, each part once: "to ...", the owner, the due date (or its removal).
                let dueNow = due.flatMap { $0.isEmpty ? nil : $0 }
                let before = actionDetails[id]
                var changes: [String] = []
                if actionWhat[id] != what { changes.append("to \(quoted(what))") }
                if before?.owner != owner { changes.append(owner.isEmpty ? "no owner" : "owner \(owner)") }
                if before == nil || before?.due != dueNow { changes.append(dueNow.map { "due \($0)" } ?? "no due date") }
                let named = "\(who) changed the action \(actionWhat[id].map(quoted) ?? id)"
                return changes.isEmpty ? named + " (no change)" : named + ": " + changes.joined(separator: ", ")
            case .actionDeleted(let id):
                return "\(who) deleted the action \(actionWhat[id].map(quoted) ?? id)"
            case .undone(let t):
                // `sentences[t]` is there once event t has been read (it is quoted later).
                guard let undone = sentences[t] else { return "\(who) undid event \(t)" }
                if let t2 = undid[t] {
                    let inner = sentences[t2] ?? "event \(t2)"
                    return "\(who) redid event \(t2): \(inner)"
                }
                return "\(who) undid event \(t): \(undone)"
            }
        }

        var entries: [Entry] = []
        entries.reserveCapacity(events.count)
        for e in events {
            let text = describe(e)
            if !quotedLater.isEmpty, quotedLater.contains(e.seq) { sentences[e.seq] = text }
            switch e.payload {
            case .groupAdded(let g): groupNames[g.id] = g.name
            case .groupRenamed(let id, let name, _): groupNames[id] = name
            case .actionAdded(let id, _, let what, let owner, let due), .actionEdited(let id, let what, let owner, let due):
                actionWhat[id] = what
                actionDetails[id] = (owner, due.flatMap { $0.isEmpty ? nil : $0 })
            case .noteAdded(let id, _, let text), .noteEdited(let id, let text): noteText[id] = text
            default: break
            }
            entries.append(Entry(seq: e.seq, at: e.at, author: e.author, kind: e.payload.kind, text: text,
                                 element: e.payload.element, inEffect: state.isInEffect(e.seq), undoneBy: undoneBy[e.seq]))
        }
        return Transcript(info: state.info, entries: entries)
    }
}
