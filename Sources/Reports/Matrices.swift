import Foundation
import Instruments
import SessionEngine

// MARK: - Level matrix

/// Elements x scale levels: each cell lists the groups that chose that level.
/// One section per instrument, because instruments may use different scales.
public struct LevelMatrix: Hashable, Sendable {
    /// A column: a level of the instrument's scale, "not applicable" or "don't know".
    public struct Column: Hashable, Sendable {
        /// nil for the not-applicable and don't-know columns.
        public var level: Int?
        /// "Developing", "Not applicable" or "Don't know (evidence gap)".
        public var label: String
        /// The column of "don't know" answers, kept apart from not applicable.
        public var isDontKnow = false
        public var isNotApplicable: Bool { level == nil && !isDontKnow }
        /// "3", "N/A" or "DK".
        public var heading: String { level.map(String.init) ?? (isDontKnow ? Words.dontKnowShort : Words.notApplicableShort) }
    }

    public struct Row: Hashable, Sendable {
        public var element: ReportElement
        /// One list of groups per column of the section, in group order.
        public var cells: [[Group]]
        /// Current groups that have not answered.
        public var notScored: [Group]
        /// The room's agreed answer, if recorded.
        public var agreed: Answer?
        public var summary: ElementSummary
    }

    public struct Section: Hashable, Sendable {
        public var instrument: ReportInstrument
        /// The scale's levels in order, then any other level someone chose, then
        /// not-applicable (when the scale allows it or someone chose it).
        public var columns: [Column]
        public var rows: [Row]
    }

    public var groups: [Group]
    public var sections: [Section]

    /// Every row, instrument by instrument.
    public var rows: [Row] { sections.flatMap(\.rows) }

    public static func make(state: SessionState, catalogue: Catalogue, instruments: [String]? = nil,
                            divergenceThreshold: Int = 2) -> LevelMatrix {
        make(state: state, scope: .make(state: state, catalogue: catalogue, instruments: instruments),
             divergenceThreshold: divergenceThreshold)
    }

    public static func make(state: SessionState, scope: ReportScope, divergenceThreshold: Int = 2) -> LevelMatrix {
        var sections: [Section] = []
        for inst in scope.instruments {
            let summaries = inst.elements.map { state.summary(for: $0.ref, threshold: divergenceThreshold) }
            var values = inst.scale.values
            var anyNA = false, anyDontKnow = false
            for s in summaries {
                for a in s.scores {
                    switch a.score.answer {
                    case .level(let l): if !values.contains(l) { values.append(l) }
                    case .notApplicable: anyNA = true
                    case .dontKnow: anyDontKnow = true
                    }
                }
                if s.agreed?.answer == .dontKnow { anyDontKnow = true }
                if case .level(let l)? = s.agreed?.answer, !values.contains(l) { values.append(l) }
            }
            let extra = values.dropFirst(inst.scale.values.count).sorted()
            values = inst.scale.values + extra
            var columns = values.map { Column(level: $0, label: inst.scale.label(for: $0)) }
            if inst.scale.allowsNotApplicable || anyNA {
                columns.append(Column(level: nil, label: Words.notApplicableLong))
            }
            // Shown only when someone answered it, so sessions without it read as before.
            if anyDontKnow { columns.append(Column(level: nil, label: Words.dontKnowLong, isDontKnow: true)) }
            let rows = zip(inst.elements, summaries).map { element, s -> Row in
                var cells = Array(repeating: [Group](), count: columns.count)
                for a in s.scores {
                    let index: Int?
                    switch a.score.answer {
                    case .level(let l): index = columns.firstIndex { $0.level == l }
                    case .notApplicable: index = columns.firstIndex { $0.isNotApplicable }
                    case .dontKnow: index = columns.firstIndex { $0.isDontKnow }
                    }
                    if let index { cells[index].append(a.group) }
                }
                return Row(element: element, cells: cells, notScored: s.notScored, agreed: s.agreed?.answer, summary: s)
            }
            sections.append(Section(instrument: inst, columns: columns, rows: rows))
        }
        return LevelMatrix(groups: state.groups, sections: sections)
    }
}

// MARK: - Group matrix

/// Elements x groups: each cell the group's answer, with the median, range, agreed answer
/// and a divergence flag per element. There is no mean.
public struct GroupMatrix: Hashable, Sendable {
    public struct Cell: Hashable, Sendable {
        public var group: Group
        /// nil: the group has not answered.
        public var answer: Answer?
        public var note: String?
        public var level: Int? { answer?.level }
    }

    public struct Row: Hashable, Sendable {
        public var element: ReportElement
        /// One cell per group, in `GroupMatrix.groups` order.
        public var cells: [Cell]
        /// Median of the groups' levels (not-applicable answers left out); nil if none.
        public var median: Double? { summary.median }
        public var min: Int? { summary.min }
        public var max: Int? { summary.max }
        /// max - min.
        public var range: Int? { summary.range }
        public var agreed: Agreed? { summary.agreed }
        /// Groups sit `threshold` or more levels apart (and at least two gave a level).
        public var divergent: Bool { summary.divergent }
        public var summary: ElementSummary
    }

    public struct Section: Hashable, Sendable {
        public var instrument: ReportInstrument
        public var rows: [Row]
    }

    /// Current groups, in the order they were added.
    public var groups: [Group]
    public var sections: [Section]
    public var divergenceThreshold: Int

    public var rows: [Row] { sections.flatMap(\.rows) }

    public static func make(state: SessionState, catalogue: Catalogue, instruments: [String]? = nil,
                            divergenceThreshold: Int = 2) -> GroupMatrix {
        make(state: state, scope: .make(state: state, catalogue: catalogue, instruments: instruments),
             divergenceThreshold: divergenceThreshold)
    }

    public static func make(state: SessionState, scope: ReportScope, divergenceThreshold: Int = 2) -> GroupMatrix {
        let sections = scope.instruments.map { inst in
            Section(instrument: inst, rows: inst.elements.map { element in
                let s = state.summary(for: element.ref, threshold: divergenceThreshold)
                let byGroup = state.scores[element.ref] ?? [:]
                let cells = state.groups.map { g in
                    Cell(group: g, answer: byGroup[g.id]?.answer, note: byGroup[g.id]?.note)
                }
                return Row(element: element, cells: cells, summary: s)
            })
        }
        return GroupMatrix(groups: state.groups, sections: sections, divergenceThreshold: divergenceThreshold)
    }
}
