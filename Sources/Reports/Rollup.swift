import Foundation
import Instruments
import SessionEngine

/// The single value reports use for an element: the agreed level when the room agreed
/// one, else the median of the groups' levels.
public struct ElementScore: Hashable, Sendable {
    public enum Source: String, Hashable, Sendable {
        /// The room's agreed level.
        case agreed
        /// No agreed level yet: the median of the groups' levels.
        case median
        /// The room agreed "not applicable": left out of roll-ups.
        case agreedNotApplicable
        /// The room agreed it does not know (an evidence gap): left out of roll-ups.
        case agreedDontKnow
        /// No agreed score and no group gave a level.
        case none
    }

    public var value: Double?
    public var source: Source

    public init(value: Double?, source: Source) { self.value = value; self.source = source }

    public static func of(_ summary: ElementSummary) -> ElementScore {
        switch summary.agreed?.answer {
        case .level(let l)?: return ElementScore(value: Double(l), source: .agreed)
        case .notApplicable?: return ElementScore(value: nil, source: .agreedNotApplicable)
        case .dontKnow?: return ElementScore(value: nil, source: .agreedDontKnow)
        case nil:
            if let m = summary.median { return ElementScore(value: m, source: .median) }
            return ElementScore(value: nil, source: .none)
        }
    }
}

/// A roll-up of element scores: never a bare average, always the median with its spread
/// and the number of elements behind it.
public struct RollupScore: Hashable, Sendable {
    /// Median of the element scores; nil when no element has a score.
    public var median: Double?
    /// Lowest and highest element score.
    public var min: Double?
    public var max: Double?
    /// Elements with a score (agreed or median).
    public var scored: Int
    /// Of those, how many rest on an agreed level.
    public var agreed: Int
    /// Elements covered, scored or not.
    public var total: Int

    public init(values: [ElementScore]) {
        let v = values.compactMap(\.value).sorted()
        scored = v.count
        agreed = values.filter { $0.source == .agreed }.count
        total = values.count
        min = v.first
        max = v.last
        if v.isEmpty { median = nil } else {
            let n = v.count
            median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
        }
    }

    public var range: Double? {
        guard let min, let max else { return nil }
        return max - min
    }

    /// "3 (2–4), 8 of 10 elements" style text.
    public var text: String {
        guard median != nil else { return total == 0 ? "not assessed" : "no scores yet (\(total) elements)" }
        return "\(Words.number(median)) (range \(Words.range(min, max))), \(scored) of \(total) elements"
    }
}

/// A score for each segment, seam and the centre of the triangle.
///
/// How it is computed:
/// 1. Per element: the agreed level if the room agreed one; else the median of the groups'
///    levels ("not applicable" answers left out); an agreed "not applicable", or an element
///    with no level at all, has no score and is left out (but counted in `total`).
/// 2. Per instrument: the median of its elements' scores, with their range and count.
/// 3. Per component: the median of the element scores of every instrument placed there,
///    pooled, so each element weighs the same whichever instrument file it sits in.
///    (In the shipped triangle each component has one instrument, so this equals the
///    instrument's score.) A component with no instrument in the report is "not assessed".
public struct TriangleRollup: Hashable, Sendable {
    public struct ElementValue: Hashable, Sendable {
        public var element: ReportElement
        public var score: ElementScore
        public var summary: ElementSummary
    }

    public struct InstrumentScore: Hashable, Sendable {
        public var instrument: ReportInstrument
        public var score: RollupScore
        public var elements: [ElementValue]
    }

    public struct ComponentScore: Hashable, Sendable {
        public var id: ComponentID
        public var name: String
        public var short: String
        public var kind: ComponentKind
        public var score: RollupScore
        /// The instruments in the report placed on this component.
        public var instruments: [InstrumentScore]
    }

    /// In `Triangle.order`: the three segments, the centre, the three seams.
    public var components: [ComponentScore]
    /// Every instrument in the report, including any not placed on the triangle.
    public var instruments: [InstrumentScore]

    public subscript(id: ComponentID) -> ComponentScore? { components.first { $0.id == id } }

    public static func make(state: SessionState, catalogue: Catalogue, instruments: [String]? = nil) -> TriangleRollup {
        make(state: state, scope: .make(state: state, catalogue: catalogue, instruments: instruments),
             triangle: catalogue.triangle)
    }

    public static func make(state: SessionState, scope: ReportScope, triangle: Triangle) -> TriangleRollup {
        let scores = scope.instruments.map { inst -> InstrumentScore in
            let values = inst.elements.map { e -> ElementValue in
                let s = state.summary(for: e.ref)
                return ElementValue(element: e, score: .of(s), summary: s)
            }
            return InstrumentScore(instrument: inst, score: RollupScore(values: values.map(\.score)), elements: values)
        }
        let components = Triangle.order.map { id -> ComponentScore in
            let c = triangle[id]
            let here = scores.filter { $0.instrument.placement == id }
            return ComponentScore(id: id, name: c?.name ?? id.rawValue, short: c?.short ?? id.rawValue, kind: id.kind,
                                  score: RollupScore(values: here.flatMap { $0.elements.map(\.score) }),
                                  instruments: here)
        }
        return TriangleRollup(components: components, instruments: scores)
    }
}

// MARK: - Priorities

/// Elements weakest first, with their spread, notes and actions.
public struct Priorities: Hashable, Sendable {
    public struct Item: Hashable, Sendable {
        public var element: ReportElement
        public var score: ElementScore
        public var summary: ElementSummary
        /// Notes the room added on this element.
        public var notes: [Note]
        /// Groups' notes attached to their scores, in group order.
        public var scoreNotes: [ScoreNote]
        public var actions: [Action]

        var isNotApplicable: Bool {
            score.source == .agreedNotApplicable
                || (score.value == nil && score.source != .agreedDontKnow && summary.notApplicableCount > 0)
        }
        /// Answered "don't know" (by a group or the room): an evidence gap, listed as such.
        var isDontKnow: Bool { summary.dontKnowCount > 0 || summary.agreed?.answer == .dontKnow }
    }

    /// "Council, NHS said don't know" for an evidence gap; the room's agreement when it agreed so.
    public static func gapText(_ item: Item) -> String {
        let who = item.summary.scores.filter { $0.score.answer == .dontKnow }.map(\.group.name)
        var parts: [String] = []
        if !who.isEmpty { parts.append(who.joined(separator: ", ") + " answered don't know") }
        if item.summary.agreed?.answer == .dontKnow { parts.append("the room agreed it does not know") }
        return parts.joined(separator: "; ")
    }

    /// A group's note on its score.
    public struct ScoreNote: Hashable, Sendable {
        public var group: Group
        public var note: String
    }

    /// Elements with a score, weakest first. Ties: the wider range first (more to discuss),
    /// then instrument and element order.
    public var items: [Item]
    /// Elements with no score yet (nobody gave a level, or the room agreed not applicable),
    /// in instrument and element order.
    public var unscored: [Item]
    /// Elements where a group answered "don't know" or the room agreed it does not know:
    /// evidence to gather before the level can be judged. Instrument and element order.
    public var evidenceGaps: [Item] = []

    /// Of `unscored`, those answered "not applicable" (agreed so, or no level was given and
    /// a group answered N/A): an answer, not a gap, so reports list them apart.
    public var notApplicable: [Item] { unscored.filter(\.isNotApplicable) }
    /// Of `unscored`, those nobody has answered yet ("don't know" answers are `evidenceGaps`).
    public var notAnswered: [Item] { unscored.filter { !$0.isNotApplicable && !$0.isDontKnow } }

    public static func make(state: SessionState, catalogue: Catalogue, instruments: [String]? = nil,
                            divergenceThreshold: Int = 2) -> Priorities {
        make(state: state, scope: .make(state: state, catalogue: catalogue, instruments: instruments),
             divergenceThreshold: divergenceThreshold)
    }

    public static func make(state: SessionState, scope: ReportScope, divergenceThreshold: Int = 2) -> Priorities {
        var all: [(Int, Item)] = []
        for (i, e) in scope.elements.enumerated() {
            let s = state.summary(for: e.ref, threshold: divergenceThreshold)
            let scoreNotes = s.scores.compactMap { a -> ScoreNote? in
                guard let n = a.score.note, !n.isEmpty else { return nil }
                return ScoreNote(group: a.group, note: n)
            }
            all.append((i, Item(element: e, score: .of(s), summary: s, notes: state.notes(for: e.ref),
                                scoreNotes: scoreNotes, actions: state.actions(for: e.ref))))
        }
        let scored = all.filter { $0.1.score.value != nil }.sorted { a, b in
            let va = a.1.score.value!, vb = b.1.score.value!
            if va != vb { return va < vb }
            let ra = a.1.summary.range ?? 0, rb = b.1.summary.range ?? 0
            if ra != rb { return ra > rb }
            return a.0 < b.0
        }
        let gaps = all.map(\.1).filter(\.isDontKnow)
        return Priorities(items: scored.map(\.1), unscored: all.filter { $0.1.score.value == nil }.map(\.1), evidenceGaps: gaps)
    }
}
