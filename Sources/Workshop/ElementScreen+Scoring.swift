import Foundation
import Instruments
import SessionEngine
import TerminalKit

/// The keys that record a workshop's decisions on an element.
extension ElementScreen {
    func scoringKeys(context: WorkshopContext) -> [KeyHelp] {
        guard let session = context.session, let instrument = context.catalogue.instrument(instrumentID) else { return [] }
        guard session.uses(instrument) else { return [] }
        let scale = instrument.scale
        let levels = "\(scale.lowest)-\(scale.highest)" + (scale.allowsNotApplicable ? " 0" : "")
        var keys = [KeyHelp(levels, session.isSelfAssessment ? "record your level (0 = n/a)" : "record the group's level (0 = n/a)",
                            hint: true, short: "score"),
                    KeyHelp("d", "don't know (an evidence gap)")]
        if !session.isSelfAssessment {
            keys += [KeyHelp("Tab", "next group (Shift-Tab: back)", hint: true, short: "group"),
                     KeyHelp("r", "reveal / hide the scores", hint: true, short: "reveal"),
                     KeyHelp("a", "the agreed level and why", hint: true, short: "agree"),
                     KeyHelp("l", "lock / unlock voting"),
                     KeyHelp("b", "big digits (b again: text)")]
        }
        keys += [KeyHelp("x", "clear the selected score"),
                 KeyHelp("n", "add a note", hint: true, short: "note"),
                 KeyHelp("A", "an action (what, who, when)", hint: true, short: "action"),
                 KeyHelp("e", "edit / delete notes, actions")] + UndoKeys.help
        return keys
    }

    /// Handles a scoring key; nil when the key is not about scoring.
    mutating func handleScoring(_ key: Key, instrument: Instrument, context: WorkshopContext) -> Navigation? {
        guard let session = context.session, session.uses(instrument), let element = instrument.elements[safe: index] else { return nil }
        let ref = ElementRef(instrument: instrument.id, element: element.id)
        let groups = session.state.groups
        if selectedGroup >= groups.count { selectedGroup = max(0, groups.count - 1) }
        let summary = session.summary(ref)
        switch key {
        case .tab where !groups.isEmpty:
            selectedGroup = (selectedGroup + 1) % groups.count
        case .backTab where !groups.isEmpty:
            selectedGroup = (selectedGroup + groups.count - 1) % groups.count
        case .char(let c) where c.wholeNumberValue != nil || c == "d":
            let value = c.wholeNumberValue ?? -1
            let answer: Answer
            if c == "d" {
                answer = .dontKnow
            } else if value == 0 {
                guard instrument.scale.allowsNotApplicable else {
                    context.say("This scale has no 'not applicable'", error: true)
                    return .stay
                }
                answer = .notApplicable
            } else {
                guard instrument.scale.values.contains(value) else {
                    context.say("\(value) is not on the scale (\(instrument.scale.lowest)-\(instrument.scale.highest))", error: true)
                    return .stay
                }
                answer = .level(value)
            }
            guard let group = groups[safe: selectedGroup] else {
                context.say("Add a group first (g)", error: true)
                return .stay
            }
            if summary.locked {
                context.say("Voting on this element is locked; press l to unlock", error: true)
                return .stay
            }
            if session.record(.scoreRecorded(group: group.id, element: ref, answer: answer, note: nil)) {
                // Hidden scores stay hidden in the message too, so the room cannot see them.
                let shown = summary.revealed || session.isSelfAssessment ? ScoringText.answer(answer, scale: instrument.scale) : "a score"
                context.say("Saved: \(group.name) gave \(shown)")
                advanceToNextUnscored(session: session, ref: ref)
                if session.isSelfAssessment { moveOnAfterAnswer(instrument: instrument, shown: shown, session: session, context: context) }
            } else {
                context.say("NOT saved: \(session.lastFailure ?? "unknown error")", error: true)
            }
        case .char("x"):
            guard let group = groups[safe: selectedGroup], summary.scores.contains(where: { $0.group.id == group.id }) else {
                context.say("Nothing to clear")
                return .stay
            }
            report(session.record(.scoreCleared(group: group.id, element: ref)), "Cleared \(possessive(group.name)) score", session, context)
        case .char("r") where !session.isSelfAssessment:
            let payload: EventPayload = summary.revealed ? .hidden(ref) : .revealed(ref)
            report(session.record(payload), summary.revealed ? "Scores hidden" : "Scores revealed", session, context)
        case .char("b") where !session.isSelfAssessment:
            bigView.toggle()
        case .char("l") where !session.isSelfAssessment:
            let payload: EventPayload = summary.locked ? .votingUnlocked(ref) : .votingLocked(ref)
            report(session.record(payload), summary.locked ? "Voting unlocked" : "Voting locked", session, context)
        case .char("a") where !session.isSelfAssessment:
            // Pre-filled with what the prompt accepts: a level, 0 or d.
            let first = summary.agreed.map { agreed -> String in
                switch agreed.answer {
                case .level(let value): String(value)
                case .notApplicable: "0"
                case .dontKnow: "d"
                }
            } ?? summary.median.map { String(Int($0.rounded())) } ?? ""
            let scale = instrument.scale
            let levelProblem = { (text: String) -> String? in
                if text.lowercased() == "d" { return nil }
                guard let value = Int(text), value == 0 ? scale.allowsNotApplicable : scale.values.contains(value) else {
                    return "The agreed level must be one of \(scale.values.map(String.init).joined(separator: ", "))" + (scale.allowsNotApplicable ? ", 0" : "") + " or d"
                }
                return nil
            }
            return .push(PromptScreen("Agreed level: \(element.title)", fields: [
                .init("Agreed level", hint: "\(scale.lowest)-\(scale.highest)" + (scale.allowsNotApplicable ? ", 0 = n/a" : "") + ", d = don't know", value: first,
                      check: levelProblem),
                // Changing the level keeps the reason given before, to be edited or kept.
                .init("Why the room agreed it", hint: "the reason, in a sentence", value: summary.agreed?.rationale ?? ""),
            ], over: self) { values in
                if let problem = levelProblem(values[0]) { return problem }
                let answer: Answer = values[0].lowercased() == "d" ? .dontKnow
                    : Int(values[0]) == 0 ? .notApplicable : .level(Int(values[0])!)
                guard session.record(.agreedScoreRecorded(element: ref, answer: answer, rationale: values[1])) else {
                    return session.notSavedInForm
                }
                context.say("Saved: agreed \(ScoringText.answer(answer, scale: scale))")
                return nil
            })
        case .char("n"):
            return .push(PromptScreen("Note on \(element.title)", fields: [.init("Note")], over: self) { values in
                guard session.record(.noteAdded(id: session.store.newID("n"), element: ref, text: values[0])) else {
                    return session.notSavedInForm
                }
                context.say("Saved: note")
                return nil
            })
        case .char("A"):
            return .push(PromptScreen("Action on \(element.title)", fields: [
                .init("What will be done"),
                .init("Who owns it", hint: "a person or organisation", required: false),
                .init("Due", hint: "YYYY-MM-DD, optional", required: false, check: ElementScreen.dateProblem),
            ], over: self) { values in
                let due = values[2].isEmpty ? nil : values[2]
                if let due, let problem = ElementScreen.dateProblem(due) { return problem }
                let payload = EventPayload.actionAdded(id: session.store.newID("a"), element: ref, what: values[0], owner: values[1], due: due)
                guard session.record(payload) else { return session.notSavedInForm }
                context.say("Saved: action")
                return nil
            })
        case .char("e"):
            return .push(RecordedScreen(element: ref, title: element.title))
        case .char("u"), .char("U"):
            return UndoKeys.handle(key, session: session, context: context)
        default:
            return nil
        }
        return .stay
    }

    /// Opened from a list or the plan: the first group still to score is selected, as on
    /// ← →, so a number key never overwrites a group's hidden score unseen.
    public mutating func arrive(context: WorkshopContext) {
        if let instrument = context.catalogue.instrument(instrumentID) { selectFirstUnscoredGroup(instrument: instrument, context: context) }
    }

    /// On arriving at an element, the first group still to score is ready for a number key.
    mutating func selectFirstUnscoredGroup(instrument: Instrument, context: WorkshopContext) {
        guard let session = context.session, let element = instrument.elements[safe: index] else { return }
        let scored = session.state.scores[ElementRef(instrument: instrument.id, element: element.id)] ?? [:]
        selectedGroup = session.state.groups.firstIndex { scored[$0.id] == nil } ?? 0
    }

    private mutating func advanceToNextUnscored(session: SessionController, ref: ElementRef) {
        let groups = session.state.groups
        guard groups.count > 1 else { return }
        let scored = Set(session.state.scores[ref]?.keys.map { $0 } ?? [])
        for step in 1..<groups.count {
            let i = (selectedGroup + step) % groups.count
            if !scored.contains(groups[i].id) {
                selectedGroup = i
                return
            }
        }
    }

    /// A partner assessing alone goes on to the next element after each answer, and is
    /// told when an instrument, or the whole assessment, is done and what to do next.
    private mutating func moveOnAfterAnswer(instrument: Instrument, shown: String, session: SessionController, context: WorkshopContext) {
        if session.isComplete(context.catalogue) {
            context.say("Saved: \(shown). " + session.completionText(context.catalogue))
            return
        }
        if session.firstUnanswered(in: instrument) == nil {
            context.say("Saved: \(shown). \(instrument.short) is done (100%); q goes back to choose the next instrument.")
            return
        }
        guard index < instrument.elements.count - 1 else { return }
        index += 1; scroll = 0
        context.say("Saved: \(shown). Now \(ElementScreen.noun(for: instrument)) \(index + 1).")
    }

    private func report(_ ok: Bool, _ text: String, _ session: SessionController, _ context: WorkshopContext) {
        if ok { context.say("Saved: " + text) } else { context.say("NOT saved: \(session.lastFailure ?? "unknown error")", error: true) }
    }

    /// nil for a day of the calendar written YYYY-MM-DD, else what to write instead.
    static func dateProblem(_ text: String) -> String? {
        guard let date = WrittenDate(text), date.hasRealMonth else { return "Due must be a date like 2026-12-31, or left empty" }
        guard date.isDayOfCalendar else { return "\(text) is not a day of the calendar: that month has \(date.daysInMonth) days" }
        return nil
    }
}

/// "Council's", "Residents'".
func possessive(_ name: String) -> String { name.hasSuffix("s") ? name + "'" : name + "'s" }
