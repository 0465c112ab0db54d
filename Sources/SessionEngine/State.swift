import Foundation

/// One group's current answer for one element.
public struct Score: Codable, Hashable, Sendable {
    public var answer: Answer
    public var note: String?
    public var at: Date
    public var author: String

    public init(answer: Answer, note: String?, at: Date, author: String) {
        self.answer = answer
        self.note = note
        self.at = at
        self.author = author
    }
}

/// The score the room agreed for an element, with the reason.
public struct Agreed: Codable, Hashable, Sendable {
    public var answer: Answer
    public var rationale: String
    public var at: Date
    public var author: String

    public init(answer: Answer, rationale: String, at: Date, author: String) {
        self.answer = answer
        self.rationale = rationale
        self.at = at
        self.author = author
    }
}

public struct Note: Codable, Hashable, Sendable {
    public var id: String
    public var element: ElementRef?
    public var text: String
    public var at: Date
    public var author: String
    /// Sequence number of the event that added it.
    public var seq: Int64
}

public struct Action: Codable, Hashable, Sendable {
    public var id: String
    public var element: ElementRef?
    public var what: String
    public var owner: String
    /// `yyyy-mm-dd`, if set.
    public var due: String?
    public var done: Bool
    public var doneAt: Date?
    public var at: Date
    public var author: String
    /// Sequence number of the event that added it.
    public var seq: Int64
}

/// The session as it stands: a fold over the events in effect.
public struct SessionState: Hashable, Sendable {
    public var info: SessionInfo
    /// Current groups, in the order they were added.
    public var groups: [Group]
    /// element -> group id -> score. Only groups that currently exist.
    public var scores: [ElementRef: [String: Score]]
    public var revealed: Set<ElementRef>
    public var locked: Set<ElementRef>
    public var agreed: [ElementRef: Agreed]
    /// In the order they were added.
    public var notes: [Note]
    /// In the order they were added.
    public var actions: [Action]
    /// Sequence numbers of events that are not in effect (undone, and not redone).
    public var notInEffect: Set<Int64>
    /// Earlier rounds of scoring per element, oldest first (the current round is `scores`).
    public var previousRounds: [ElementRef: [[String: Score]]] = [:]
    /// The session's plan, if it has one.
    public var plan: SessionPlan?
    /// Sequence number of the last event folded (0 for none).
    public var lastSeq: Int64
    /// Time of the last event folded.
    public var lastChange: Date?
    /// id -> position in `notes` / `actions`.
    var noteIndex: [String: Int] = [:]
    var actionIndex: [String: Int] = [:]
    var groupIndex: [String: Int] = [:]

    public init(info: SessionInfo = SessionInfo(title: "")) {
        self.info = info
        groups = []
        scores = [:]
        revealed = []
        locked = []
        agreed = [:]
        notes = []
        actions = []
        notInEffect = []
        lastSeq = 0
        lastChange = nil
    }

    public func group(id: String) -> Group? { groupIndex[id].map { groups[$0] } }

    public func isInEffect(_ seq: Int64) -> Bool { !notInEffect.contains(seq) }

    /// Elements that have at least one score, an agreed score, a note or an action, sorted.
    public var elementsWithData: [ElementRef] {
        var set = Set(scores.keys.filter { !(scores[$0]?.isEmpty ?? true) })
        set.formUnion(agreed.keys)
        for n in notes { if let e = n.element { set.insert(e) } }
        for a in actions { if let e = a.element { set.insert(e) } }
        return set.sorted()
    }

    /// The current score of one group for one element.
    public func score(group: String, element: ElementRef) -> Score? { scores[element]?[group] }

    /// The round of scoring now open on an element, from 1.
    public func round(of element: ElementRef) -> Int { (previousRounds[element]?.count ?? 0) + 1 }

    public func note(id: String) -> Note? { noteIndex[id].map { notes[$0] } }
    public func action(id: String) -> Action? { actionIndex[id].map { actions[$0] } }

    public func notes(for element: ElementRef) -> [Note] { notes.filter { $0.element == element } }
    public func actions(for element: ElementRef) -> [Action] { actions.filter { $0.element == element } }

    /// Applies one event that is in effect (never an `undone`; those are handled by `Fold`).
    mutating func apply(_ event: Event) {
        lastSeq = max(lastSeq, event.seq)
        lastChange = event.at
        switch event.payload {
        case .sessionCreated(let i):
            info = i
        case .groupAdded(let g):
            if groupIndex[g.id] == nil {
                groupIndex[g.id] = groups.count
                groups.append(g)
            }
        case .groupRenamed(let id, let name, let initials):
            if let i = groupIndex[id] {
                groups[i].name = name
                groups[i].initials = initials
            }
        case .groupRemoved(let id):
            guard let i = groupIndex[id] else { return }
            groups.remove(at: i)
            groupIndex = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1.id, $0) })
            for key in Array(scores.keys) where scores[key]?[id] != nil {
                scores[key]![id] = nil
                if scores[key]!.isEmpty { scores[key] = nil }
            }
        case .scoreRecorded(let g, let e, let answer, let note):
            guard groupIndex[g] != nil else { return }
            // An element's first score makes room for every group's, so a merge of 1,000
            // partners does not grow the table ten times over.
            scores[e, default: Dictionary(minimumCapacity: groups.count)][g] =
                Score(answer: answer, note: note, at: event.at, author: event.author)
        case .scoreCleared(let g, let e):
            if scores[e]?[g] != nil {
                scores[e]![g] = nil
                if scores[e]!.isEmpty { scores[e] = nil }
            }
        case .revealed(let e): revealed.insert(e)
        case .hidden(let e): revealed.remove(e)
        case .votingLocked(let e): locked.insert(e)
        case .votingUnlocked(let e): locked.remove(e)
        case .agreedScoreRecorded(let e, let answer, let rationale):
            agreed[e] = Agreed(answer: answer, rationale: rationale, at: event.at, author: event.author)
        case .agreedScoreCleared(let e):
            agreed[e] = nil
        case .noteAdded(let id, let e, let text):
            if noteIndex[id] == nil {
                noteIndex[id] = notes.count
                notes.append(Note(id: id, element: e, text: text, at: event.at, author: event.author, seq: event.seq))
            }
        case .actionAdded(let id, let e, let what, let owner, let due):
            if actionIndex[id] == nil {
                actionIndex[id] = actions.count
                actions.append(Action(id: id, element: e, what: what, owner: owner, due: due, done: false,
                                      doneAt: nil, at: event.at, author: event.author, seq: event.seq))
            }
        case .actionDone(let id):
            if let i = actionIndex[id], !actions[i].done {
                actions[i].done = true
                actions[i].doneAt = event.at
            }
        case .roundStarted(let e):
            previousRounds[e, default: []].append(scores[e] ?? [:])
            scores[e] = nil
            revealed.remove(e)
            locked.remove(e)
        case .planSet(let p):
            plan = p
        case .instrumentAdded(let id):
            if !info.instruments.contains(id) { info.instruments.append(id) }
        case .instrumentRemoved(let id):
            info.instruments.removeAll { $0 == id }
        case .noteEdited(let id, let text):
            if let i = noteIndex[id] { notes[i].text = text }
        case .noteDeleted(let id):
            if noteIndex[id] != nil {
                notes.removeAll { $0.id == id }
                noteIndex = Dictionary(uniqueKeysWithValues: notes.enumerated().map { ($1.id, $0) })
            }
        case .actionEdited(let id, let what, let owner, let due):
            if let i = actionIndex[id] { actions[i].what = what; actions[i].owner = owner; actions[i].due = due }
        case .actionDeleted(let id):
            if actionIndex[id] != nil {
                actions.removeAll { $0.id == id }
                actionIndex = Dictionary(uniqueKeysWithValues: actions.enumerated().map { ($1.id, $0) })
            }
        case .undone:
            break
        }
    }
}

/// State as a pure fold over the log.
public enum Fold {
    /// Sequence numbers of the events that are not in effect. An event is in effect unless
    /// an in-effect `undone` targets it; one backwards pass settles it, because an
    /// `undone` always targets an earlier event.
    public static func notInEffect(_ events: [Event]) -> Set<Int64> {
        var cancelled = Set<Int64>()
        for e in events.reversed() {
            if cancelled.contains(e.seq) { continue }
            if case .undone(let target) = e.payload, target < e.seq { cancelled.insert(target) }
        }
        return cancelled
    }

    /// The session state after `events` (in log order).
    public static func state(from events: [Event]) -> SessionState {
        let cancelled = notInEffect(events)
        var s = SessionState()
        s.notInEffect = cancelled
        for e in events {
            if cancelled.contains(e.seq) {
                s.lastSeq = max(s.lastSeq, e.seq)
                s.lastChange = e.at
                continue
            }
            s.apply(e)
        }
        return s
    }
}
