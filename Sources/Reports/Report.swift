import Foundation
import Instruments
import SessionEngine

/// Everything a report shows, computed once from a session: the matrices, the roll-up,
/// the priorities, agreed scores, actions and notes. Renderers only format this.
public struct SessionReport: Sendable {
    public var info: SessionInfo
    public var groups: [Group]
    public var scope: ReportScope
    public var levelMatrix: LevelMatrix
    public var groupMatrix: GroupMatrix
    public var rollup: TriangleRollup
    public var priorities: Priorities
    public var state: SessionState
    public var eventCount: Int
    public var undoneCount: Int
    /// Earliest and latest event time.
    public var firstEvent: Date?
    public var lastEvent: Date?
    public var options: ReportOptions
    /// How times are written: with their date when the record spans days, with their offset
    /// after a clock change (`ReportClock`).
    public var clock: ReportClock

    public static func make(state: SessionState, events: [Event], catalogue: Catalogue,
                            options: ReportOptions = ReportOptions()) -> SessionReport {
        let scope = ReportScope.make(state: state, catalogue: catalogue, instruments: options.instruments)
        let t = options.divergenceThreshold
        let first = events.map(\.at).min(), last = events.map(\.at).max()
        return SessionReport(info: state.info, groups: state.groups, scope: scope,
                             levelMatrix: .make(state: state, scope: scope, divergenceThreshold: t),
                             groupMatrix: .make(state: state, scope: scope, divergenceThreshold: t),
                             rollup: .make(state: state, scope: scope, triangle: catalogue.triangle),
                             priorities: .make(state: state, scope: scope, divergenceThreshold: t),
                             state: state, eventCount: events.count, undoneCount: state.notInEffect.count,
                             firstEvent: first, lastEvent: last,
                             options: options, clock: ReportClock(timeZone: options.timeZone, first: first, last: last))
    }

    /// Times and days in the report's zone (the clock's own format).
    public var time: TimeFormat { clock.format }

    /// The zone statement for this report ("UTC+01:00"), with any clock change the record crosses.
    var zoneLabel: String { clock.statement() }

    /// Agreed scores in instrument and element order.
    var agreedRows: [(element: ReportElement, agreed: Agreed, summary: ElementSummary, scale: Scale)] {
        scope.instruments.flatMap { inst in
            inst.elements.compactMap { e -> (ReportElement, Agreed, ElementSummary, Scale)? in
                guard let a = state.agreed[e.ref] else { return nil }
                return (e, a, state.summary(for: e.ref, threshold: options.divergenceThreshold), inst.scale)
            }
        }
    }

    func elementName(_ ref: ElementRef?) -> String {
        guard let ref else { return "" }
        if let e = scope.element(ref) { return scope.displayName(e) }
        return "\(ref.instrument) \(ref.element)"
    }

    var modeName: String { info.mode == .selfAssessment ? "Self-assessment" : "Workshop" }

    func groupList() -> String {
        groups.map { "\($0.name) (\($0.initials), \($0.sector.displayName))" }.joined(separator: "; ")
    }

    func instrumentList() -> String {
        scope.instruments.map { inst in
            let place = inst.placement.map { rollup[$0]?.name ?? $0.rawValue } ?? "not in the catalogue"
            return "\(inst.short): \(inst.title) (\(place))"
        }.joined(separator: "; ")
    }

    /// Each source the report's instruments draw on, once, with the instruments that use it:
    /// ("Title (Publisher, 2019)", "Tool A, POTS").
    func sourceList() -> [(citation: String, usedBy: String)] {
        var order: [String] = [], citations: [String: String] = [:], users: [String: [String]] = [:]
        for inst in scope.instruments {
            for source in inst.sources {
                if citations[source.citation] == nil { order.append(source.citation); citations[source.citation] = source.citation }
                users[source.citation, default: []].append(inst.short)
            }
        }
        return order.map { ($0, users[$0, default: []].joined(separator: ", ")) }
    }

    static let sourcesNote = "The instruments' wording is pit's own, written from these documents' facts; guidance prompts from them inform the discussion, not the scores."

    func basis(_ s: ElementScore) -> String {
        switch s.source {
        case .agreed: return "agreed"
        case .median: return "median"
        case .agreedNotApplicable: return "agreed N/A"
        case .agreedDontKnow: return "agreed don't know"
        case .none: return "not scored"
        }
    }

    static func kindName(_ k: ComponentKind) -> String {
        switch k {
        case .segment: return "Segment"
        case .seam: return "Seam"
        case .centre: return "Centre"
        }
    }

    /// How scores are read, in the words of this kind of session: a partner assessing alone
    /// gives one level per element; a workshop room agrees one or has the groups' median.
    var method: String { info.mode == .selfAssessment ? Self.selfAssessmentMethod : Self.method }

    static let selfAssessmentMethod = "Each element's score is the level the partner gave. A part of the triangle scores the median of its elements' scores, shown with their range and the number of elements behind it. Elements the partner answered \"not applicable\" or \"don't know\" are listed apart and left out of medians; \"don't know\" marks an evidence gap. There are no averages. " + ScaleOwnership.note

    /// The priorities' closing lines: elements answered N/A, then elements not answered yet.
    /// (Elements answered "don't know" are listed as evidence gaps.)
    func unscoredLines(_ name: (ReportElement) -> String) -> [String] {
        var out: [String] = []
        let na = priorities.notApplicable, gaps = priorities.notAnswered
        if !na.isEmpty { out.append("Not applicable: " + na.map { name($0.element) }.joined(separator: "; ") + ".") }
        if !gaps.isEmpty { out.append("Not scored yet: " + gaps.map { name($0.element) }.joined(separator: "; ") + ".") }
        return out
    }

    static let method = "Each element's score is the level the room agreed, or, where nothing was agreed yet, the median of the groups' levels. A part of the triangle scores the median of its elements' scores, shown with their range and the number of elements behind it. \"Not applicable\" and \"don't know\" answers are left out of medians and counted apart; \"don't know\" marks an evidence gap. There are no averages. " + ScaleOwnership.note
}
