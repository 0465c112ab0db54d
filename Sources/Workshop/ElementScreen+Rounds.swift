import Instruments
import SessionEngine
import TerminalKit

/// Second rounds: after discussion, `R` opens a new round of scoring on the element. The
/// earlier scores stay in the record; after the next reveal the screen shows who moved.
extension ElementScreen {
    static let roundKeys = [KeyHelp("R", "a new round of scoring, keeping the earlier ones")]

    /// Handles `R`; nil for any other key.
    mutating func handleRounds(_ key: Key, instrument: Instrument, context: WorkshopContext) -> Navigation? {
        guard key == .char("R"), let session = context.session, !session.isSelfAssessment, session.uses(instrument),
              let element = instrument.elements[safe: index] else { return nil }
        let ref = ElementRef(instrument: instrument.id, element: element.id)
        guard !(session.state.scores[ref] ?? [:]).isEmpty else {
            context.say("No group has scored this yet: a new round follows a first one", error: true)
            return .stay
        }
        // A new round follows the discussion of the last, which starts at the reveal: before
        // it, R (one Shift away from r) would hide a round nobody has seen.
        guard session.state.revealed.contains(ref) else {
            context.say("Reveal this round first (r): a new round follows its discussion", error: true)
            return .stay
        }
        if session.record(.roundStarted(ref)) {
            selectedGroup = 0
            context.say("Round \(session.state.round(of: ref)): scores hidden; each group scores again")
        } else {
            context.say("NOT saved: \(session.lastFailure ?? "unknown error")", error: true)
        }
        return .stay
    }
}

extension RoomText {
    /// Who changed level since the previous round: "RP 1 → 3"; empty in the first round.
    static func moves(_ state: SessionState, _ ref: ElementRef, glyphs: Glyphs) -> [String] {
        guard let previous = state.previousRounds[ref]?.last else { return [] }
        let arrow = glyphs.isUnicode ? "→" : "->"
        return state.groups.compactMap { group in
            guard let before = previous[group.id]?.answer, let now = state.scores[ref]?[group.id]?.answer, before != now else { return nil }
            func word(_ a: Answer) -> String {
                switch a {
                case .level(let l): "\(l)"
                case .notApplicable: "n/a"
                case .dontKnow: "dk"
                }
            }
            return "\(group.initials) \(word(before)) \(arrow) \(word(now))"
        }
    }

    /// "Round 2 · moved: RP 1 → 3, CC 2 → 4", "Round 2 · nobody moved", nil in round 1.
    static func roundLine(_ state: SessionState, _ ref: ElementRef, glyphs: Glyphs) -> String? {
        let round = state.round(of: ref)
        guard round > 1 else { return nil }
        let moved = moves(state, ref, glyphs: glyphs)
        return "Round \(round) · " + (moved.isEmpty ? "nobody moved" : "moved: " + moved.joined(separator: ", "))
    }
}
