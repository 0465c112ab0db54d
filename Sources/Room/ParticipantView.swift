import Instruments
import SessionEngine

/// Everything one device may see, and nothing more: the element the facilitator is on
/// (its title, focus question, levels and their descriptors, never the facilitator's
/// guidance), its own group's answer, whether voting is locked and, only after the reveal,
/// the spread of answers as counts (never which group said what).
public struct ParticipantView: Equatable, Sendable {
    public struct Level: Equatable, Sendable {
        public var value: Int
        public var label: String
        public var descriptor: String
    }

    public struct Content: Equatable, Sendable {
        public var ref: ElementRef
        public var instrumentTitle: String
        public var number: Int
        public var count: Int
        public var title: String
        public var focus: String
        public var levels: [Level]
        public var allowsNotApplicable: Bool
    }

    /// One line of the spread: how many groups gave this answer.
    public struct SpreadRow: Equatable, Sendable {
        public var answer: Answer
        public var label: String
        public var count: Int
    }

    public var sessionTitle: String
    public var groupName: String
    /// nil while the facilitator is not on an element.
    public var content: Content?
    public var myAnswer: Answer?
    public var locked: Bool
    public var revealed: Bool
    /// Only after the reveal.
    public var spread: [SpreadRow]?
    /// Groups that have scored this element, and groups in all (counts only).
    public var scoredCount: Int
    public var groupCount: Int
    /// The round of scoring on this element: 2 and up after the facilitator started a new
    /// round (the earlier rounds' answers stay in the record; `myAnswer` is this round's).
    public var round: Int = 1

    /// What `group` may see now.
    public static func make(state: SessionState, focus: RoomFocus?, catalogue: Catalogue, group: Group) -> ParticipantView {
        var view = ParticipantView(sessionTitle: state.info.title, groupName: group.name, content: nil, myAnswer: nil,
                                   locked: false, revealed: false, spread: nil, scoredCount: 0, groupCount: state.groups.count)
        guard let ref = focus?.elementRef, focus?.screen == .element,
              let instrument = catalogue.instrument(ref.instrument), let element = instrument.element(ref.element) else {
            return view
        }
        let scale = instrument.scale
        view.content = Content(
            ref: ref, instrumentTitle: instrument.title, number: element.number, count: instrument.elements.count,
            title: element.title, focus: element.focus,
            levels: scale.levels.map { Level(value: $0.value, label: $0.label, descriptor: element.levels[$0.value] ?? $0.meaning) },
            allowsNotApplicable: scale.allowsNotApplicable)
        let scores = state.scores[ref] ?? [:]
        view.myAnswer = scores[group.id]?.answer
        view.locked = state.locked.contains(ref)
        view.revealed = state.revealed.contains(ref)
        view.round = state.round(of: ref)
        view.scoredCount = state.groups.filter { scores[$0.id] != nil }.count
        if view.revealed {
            var rows = scale.levels.map { level in
                SpreadRow(answer: .level(level.value), label: level.label,
                          count: scores.values.filter { $0.answer == .level(level.value) }.count)
            }
            if scale.allowsNotApplicable {
                rows.append(SpreadRow(answer: .notApplicable, label: "Not applicable",
                                      count: scores.values.filter { $0.answer == .notApplicable }.count))
            }
            rows.append(SpreadRow(answer: .dontKnow, label: "Don't know",
                                  count: scores.values.filter { $0.answer == .dontKnow }.count))
            view.spread = rows
        }
        return view
    }
}
