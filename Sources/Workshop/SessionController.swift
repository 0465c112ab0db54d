import Foundation
import Instruments
import SessionEngine

/// The open session as the screens see it: every change goes through here, is
/// committed to disk before it returns, and is reported as saved or not.
public final class SessionController {
    public let store: SessionStore
    /// Who is recording (written on every event).
    public let author: String
    public private(set) var lastSaved: Date?
    public private(set) var lastFailure: String?
    /// Divergence threshold: groups this many levels apart are flagged for discussion.
    public var divergenceThreshold = 2

    public init(store: SessionStore, author: String) {
        self.store = store
        self.author = author
        lastSaved = store.state.lastChange
    }

    public var state: SessionState { store.state }
    public var info: SessionInfo { store.state.info }
    public var isSelfAssessment: Bool { info.mode == .selfAssessment }

    /// Records a change. Returns false (and keeps the reason) when it could not be saved.
    @discardableResult
    public func record(_ payload: EventPayload) -> Bool {
        do {
            let event = try store.append(payload, author: author)
            lastSaved = event.at
            lastFailure = nil
            return true
        } catch {
            lastFailure = "\(error)"
            return false
        }
    }

    /// Undoes the latest change this author made that is still in effect; returns what was
    /// undone and whose it was, for the status line. Another terminal's changes (recorded
    /// under another name) are never taken back.
    public func undo() -> String? {
        do {
            guard let event = try store.undoLast(author: author), case .undone(let seq) = event.payload,
                  let target = store.event(seq: seq) else { return nil }
            lastSaved = event.at
            return "\(describe(target.payload)), recorded by \(target.author)"
        } catch {
            lastFailure = "\(error)"
            return nil
        }
    }

    /// Redoes this author's latest undo; returns what came back and whose it was.
    public func redo() -> String? {
        do {
            guard let event = try store.redo(author: author), case .undone(let seq) = event.payload,
                  let undo = store.event(seq: seq), case .undone(let original) = undo.payload,
                  let target = store.event(seq: original) else { return nil }
            lastSaved = event.at
            return "\(describe(target.payload)), recorded by \(target.author)"
        } catch {
            lastFailure = "\(error)"
            return nil
        }
    }

    /// The status line when `u` finds nothing of this author's to undo.
    public var nothingToUndo: String { "Nothing of yours (\(author)) to undo" }
    /// The status line when `U` finds nothing to redo.
    public var nothingToRedo: String { "Nothing of yours (\(author)) to redo" }

    /// A change in a few plain words, for "Undone: ..." messages.
    func describe(_ payload: EventPayload) -> String {
        let groupName = payload.groupID.flatMap { id in state.group(id: id)?.name ?? store.events.lazy.compactMap { event -> String? in
            if case .groupAdded(let g) = event.payload, g.id == id { return g.name }
            return nil
        }.first }
        switch payload {
        case .scoreRecorded: return groupName.map { "\(possessive($0)) score" } ?? "a group's score"
        case .scoreCleared: return "clearing " + (groupName.map { "\(possessive($0)) score" } ?? "a group's score")
        case .revealed: return "the reveal"
        case .hidden: return "hiding the scores"
        case .votingLocked: return "locking the vote"
        case .votingUnlocked: return "unlocking the vote"
        case .agreedScoreRecorded: return "the agreed level"
        case .agreedScoreCleared: return "clearing the agreed level"
        case .noteAdded: return "a note"
        case .actionAdded: return "an action"
        case .actionDone: return "marking an action done"
        case .groupAdded(let g): return "adding \(g.name)"
        case .groupRenamed: return "renaming \(groupName ?? "a group")"
        case .groupRemoved: return "removing \(groupName ?? "a group")"
        case .undone: return "an undo"
        case .sessionCreated: return "creating the session"
        }
    }

    /// Picks up changes written by another process (a scribe's terminal).
    public func refresh() -> Bool {
        do { return try store.refreshIfChanged() } catch {
            lastFailure = "\(error)"
            return false
        }
    }

    /// Where the screens open on this session: the triangle for a workshop, the first
    /// instrument's steps for a partner assessing alone.
    public var firstScreen: any Screen {
        isSelfAssessment ? ElementListScreen(instrument: info.instruments.first ?? "tool-a") : TriangleScreen()
    }

    public func summary(_ ref: ElementRef) -> ElementSummary { store.state.summary(for: ref, threshold: divergenceThreshold) }

    public func uses(_ instrument: Instrument) -> Bool { info.instruments.contains(instrument.id) }

    /// Elements of `instrument` with at least one score, and with an agreed level.
    public func progress(_ instrument: Instrument) -> (scored: Int, agreed: Int, total: Int) {
        var scored = 0, agreed = 0
        for element in instrument.elements {
            let ref = ElementRef(instrument: instrument.id, element: element.id)
            if let scores = state.scores[ref], !scores.isEmpty { scored += 1 }
            if state.agreed[ref] != nil { agreed += 1 }
        }
        return (scored, agreed, instrument.elements.count)
    }

    public func progressText(_ instrument: Instrument) -> String {
        let p = progress(instrument)
        if isSelfAssessment {
            let percent = p.total == 0 ? 0 : p.scored * 100 / p.total
            return "\(instrument.short): \(percent)% done (\(p.scored)/\(p.total))"
        }
        return "\(instrument.short): \(p.scored)/\(p.total) scored, \(p.agreed) agreed"
    }
}
