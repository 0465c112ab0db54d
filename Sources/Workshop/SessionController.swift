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
    public internal(set) var lastFailure: String?
    /// Divergence threshold: groups this many levels apart are flagged for discussion.
    public var divergenceThreshold = 2
    /// Where a report goes when its file is not named: nil, beside the session. A
    /// thrown-away demo's is the folder pit was started in, since the demo's own folder
    /// is removed when pit ends (and the report with it).
    public var reportsFolder: String?
    /// The room's countdown, if one is set (shared through the focus).
    public var timer: RoomTimer?
    /// Whether the bell has rung for the countdown's end (it rings once).
    public var timerBellRung = false
    /// The current item of the session's plan, if it has one.
    public var planPosition: Int?
    /// The focus this process last shared, so an unmoved key writes nothing.
    var publishedFocus: RoomFocus?
    /// Whether this terminal moves the room: its screen is what `pit present` shows and its
    /// `T` runs the countdown. A scribe's terminal (`pit open --scribe`) does neither, so
    /// taking notes on another step never pulls the projector away; it shows the room's countdown.
    public var sharesFocus = true
    /// The file's focus revision when the countdown was last taken from it.
    var timerRevision: Int64 = 0
    /// The last change could not be written (the file busy, or not writable): the status
    /// line says NOT SAVED until a change is written.
    public private(set) var writeFailed = false

    /// The file refused this terminal (busy, full, not writable, unreadable): `message` is
    /// said after "NOT saved: ", and the corner says NOT SAVED until a change is written.
    /// `reason` is the same without the advice, for the quit question and the shell.
    func fileFailed(_ message: String, reason: String) {
        lastFailure = message
        failureReason = reason
        writeFailed = true
    }
    /// The same for an error thrown by the store.
    func fileFailed(_ error: Error) {
        fileFailed("\(error)", reason: (error as? SessionFileError)?.detail ?? "\(error)")
    }
    /// Why the last change was refused, in a few words and without advice: the quit question
    /// and the shell say it, where the screens' "Ctrl-R tries again" would be out of place.
    public private(set) var failureReason: String?
    /// A change refused for a reason that can pass (another process held the file's lock,
    /// or the disk was full), and that reason: Ctrl-R records it again.
    private var kept: (change: EventPayload, refusal: PassingRefusal)?
    /// Why the change Ctrl-R can record again was refused; nil when there is none.
    public var unsavedRefusal: PassingRefusal? { kept?.refusal }
    /// How Ctrl-R can still save the refused change ("free some space, then Ctrl-R tries
    /// again"), or nil when it cannot.
    public var retryAdvice: String? { unsavedRefusal?.howToRetry("Ctrl-R tries again") }
    /// Set when the file cannot be written (its permissions or its folder's): said when it opens.
    public let readOnlyReason: String?
    /// How long a change waits for another process's lock before the screen says it was
    /// not saved: long enough for another pit's save, short enough to answer at once.
    public static let saveWait: TimeInterval = 0.5
    /// The matrices and transcript of the current revision, made once per change.
    let memo = SessionMemo()
    /// What a form shows when its change was not saved. A form keeps its text and takes
    /// Enter again (Ctrl-R is the screens' key).
    var notSavedInForm: String {
        "NOT saved: " + (unsavedRefusal?.advice("Enter tries again") ?? lastFailure ?? "the file refused it")
    }

    public init(store: SessionStore, author: String) {
        self.store = store
        self.author = author
        lastSaved = store.state.lastChange
        readOnlyReason = SessionController.readOnlyReason(store.path)
        try? store.setBusyWait(SessionController.saveWait)
    }

    static func readOnlyReason(_ path: String) -> String? {
        let files = FileManager.default
        let name = URL(fileURLWithPath: path).lastPathComponent
        if !files.isWritableFile(atPath: path) {
            return "Read-only: \(name) cannot be changed here; you can look, but nothing you do will be saved"
        }
        if !files.isWritableFile(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) {
            return "Read-only: the folder of \(name) cannot be written, so changes cannot be saved"
        }
        return nil
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
            dropUnsaved()
            return true
        } catch SessionError.invalidEvent(let why) {
            // Refused for what it says (a note another terminal deleted): the file is fine and
            // there is nothing to try again, so the corner does not say NOT SAVED.
            kept = nil
            lastFailure = why
            return false
        } catch {
            kept = refused(error, retry: "Ctrl-R tries again").map { (payload, $0) }
            if kept != nil { refusals += 1 }
            return false
        }
    }

    /// Says why the file refused a change, with `retry` (how to try again) when trying
    /// again can mend it; returns that refusal, or nil when it cannot be mended so.
    @discardableResult
    private func refused(_ error: Error, retry: String) -> PassingRefusal? {
        guard let refusal = (error as? SessionFileError).flatMap(PassingRefusal.init) else {
            fileFailed(error)
            return nil
        }
        fileFailed(refusal.advice(retry), reason: refusal.reason)
        return refusal
    }

    /// How many changes were kept for Ctrl-R, so a form can tell whether its own was.
    public private(set) var refusals = 0

    /// A form whose change the file refused was cancelled, or a change was saved: Ctrl-R
    /// must not record the refused one later, and the corner no longer says NOT SAVED.
    public func dropUnsaved() {
        kept = nil
        lastFailure = nil
        failureReason = nil
        writeFailed = false
    }

    /// Records again the change the busy or full file refused; nil if there is none.
    public func retry() -> Bool? {
        guard let change = kept?.change else { return nil }
        return record(change)
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
            refused(error, retry: "press the key again")
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
            refused(error, retry: "press the key again")
            return nil
        }
    }

    /// The status line when `u` finds nothing of this author's to undo.
    public var nothingToUndo: String { "Nothing of yours (\(author)) to undo" }
    /// The status line when `U` finds nothing to redo.
    public var nothingToRedo: String { "Nothing of yours (\(author)) to redo" }

    /// How the screens name an element ("Tool A step 2"), for saying where an undone
    /// change was; set with the catalogue when the session is put on the screens.
    public var elementName: (ElementRef) -> String? = { _ in nil }

    /// A change in a few plain words, and where it was when that was another element (an
    /// undo from step 2 can take back step 1's agreed level), for "Undone: ..." messages.
    func describe(_ payload: EventPayload) -> String {
        let words = plainWords(payload)
        guard let ref = payload.element, let name = elementName(ref) else { return words }
        return "\(words) on \(name)"
    }

    private func plainWords(_ payload: EventPayload) -> String {
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
        case .planSet: return "the change to the plan"
        case .roundStarted: return "the new round"
        case .instrumentAdded(let id): return "adding \(id)"
        case .instrumentRemoved(let id): return "removing \(id)"
        case .noteEdited: return "editing a note"
        case .noteDeleted: return "deleting a note"
        case .actionEdited: return "editing an action"
        case .actionDeleted: return "deleting an action"
        case .groupAdded(let g): return "adding \(g.name)"
        case .groupRenamed: return "renaming \(groupName ?? "a group")"
        case .groupRemoved: return "removing \(groupName ?? "a group")"
        case .undone: return "an undo"
        case .sessionCreated: return "creating the session"
        }
    }

    /// Picks up changes written by another process (a scribe's terminal). Never waits for
    /// another process's lock: while the file is busy it skips, and the next idle tick looks again.
    public func refresh() -> Bool {
        do {
            let changed = try store.refreshIfChanged(wait: false)
            return adoptSharedTimer() || changed
        } catch SessionFileError.busy {
            return false
        } catch {
            // Said, and redrawn, once when first found: a look every quarter second finds
            // it again, and would otherwise redraw the screens each time.
            let why = "\(error)"
            let firstFound = lastFailure != why
            if firstFound { notice = why }
            fileFailed(error)
            return firstFound
        }
    }

    /// What a look at the file found that the screens must say now (the file replaced or
    /// moved while open), taken once.
    public func takeNotice() -> String? {
        defer { notice = nil }
        return notice
    }
    private var notice: String?

    /// The room has one countdown: when another terminal on the file started, paused or
    /// changed it, this one shows the same (each used to keep its own, so a scribe's `T`
    /// ran a second countdown beside the facilitator's "Time is up"). Only a focus written
    /// since the last look counts, so a change of this terminal's own that the busy file
    /// has not taken yet is never replaced by the older one. True when the countdown changed.
    func adoptSharedTimer() -> Bool {
        guard store.focusRevision != timerRevision else { return false }
        timerRevision = store.focusRevision
        guard let shared = store.focus, shared != publishedFocus, shared.timer != timer else { return false }
        timer = shared.timer
        timerBellRung = false
        // What this terminal shares now carries the same countdown: taking it is no move of
        // its own, and must not pull the projector back to this terminal's screen.
        publishedFocus?.timer = shared.timer
        return true
    }

    /// Where the screens open on this session: the triangle for a workshop, the first
    /// instrument's steps for a partner assessing alone.
    public var firstScreen: any Screen {
        isSelfAssessment ? ElementListScreen(instrument: info.instruments.first ?? "tool-a") : TriangleScreen()
    }

    public func summary(_ ref: ElementRef) -> ElementSummary { store.state.summary(for: ref, threshold: divergenceThreshold) }

    public func uses(_ instrument: Instrument) -> Bool { info.instruments.contains(instrument.id) }

    /// How far the room has got with `instrument`: elements every group has scored,
    /// elements only some groups have scored, and elements with an agreed level.
    /// An element counts as scored only when the whole room has scored it, so one group's
    /// score on one step is "1 partly", not "1 scored".
    public func progress(_ instrument: Instrument) -> (scored: Int, partly: Int, agreed: Int, total: Int) {
        var scored = 0, partly = 0, agreed = 0
        let groups = state.groups.map(\.id)
        for element in instrument.elements {
            let ref = ElementRef(instrument: instrument.id, element: element.id)
            let scores = state.scores[ref] ?? [:]
            let count = groups.filter { scores[$0] != nil }.count
            if !groups.isEmpty, count == groups.count { scored += 1 } else if count > 0 { partly += 1 }
            if state.agreed[ref] != nil { agreed += 1 }
        }
        return (scored, partly, agreed, instrument.elements.count)
    }

    public func progressText(_ instrument: Instrument) -> String {
        let p = progress(instrument)
        if isSelfAssessment {
            return "\(instrument.short): \(Formatting.percent(p.scored, of: p.total)) done (\(p.scored)/\(p.total))"
        }
        let partly = p.partly > 0 ? ", \(p.partly) partly" : ""
        return "\(instrument.short): \(p.scored)/\(p.total) scored\(partly), \(p.agreed) agreed"
    }
}
