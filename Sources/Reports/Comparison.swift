import Foundation
import Instruments
import SessionEngine

/// A baseline session against a follow-up of the same place: the change per element and
/// per component, using the same element scores as the roll-up (agreed, else median).
public struct Comparison: Hashable, Sendable {
    public struct ElementChange: Hashable, Sendable {
        public var element: ReportElement
        public var before: ElementScore
        public var after: ElementScore
        public var beforeSummary: ElementSummary
        public var afterSummary: ElementSummary
        /// after - before, when both have a score, from the values as shown (`shownChange`).
        public var change: Double? { Comparison.shownChange(from: before.value, to: after.value) }
    }

    public struct ComponentChange: Hashable, Sendable {
        public var id: ComponentID
        public var name: String
        public var short: String
        public var kind: ComponentKind
        /// Each session's own score of the part: the median over the elements that session
        /// scored (their numbers may differ).
        public var before: RollupScore
        public var after: RollupScore
        /// Like for like: the part's score in each session over only the elements scored in
        /// both, so an element scored for the first time cannot read as an improvement.
        public var pairedBefore: RollupScore
        public var pairedAfter: RollupScore
        /// Elements scored in both sessions (`pairedBefore.scored`).
        public var paired: Int { pairedAfter.scored }
        /// Change of the like-for-like median (`pairedAfter` minus `pairedBefore`), from the
        /// values as shown; nil when no element was scored in both.
        public var change: Double? { Comparison.shownChange(from: pairedBefore.median, to: pairedAfter.median) }
    }

    public struct InstrumentChanges: Hashable, Sendable {
        public var instrument: ReportInstrument
        public var elements: [ElementChange]
    }

    public var baseline: SessionInfo
    public var followUp: SessionInfo
    /// The two sessions name the same place (ignoring case and outer spaces).
    public var samePlace: Bool
    public var instruments: [InstrumentChanges]
    /// In `Triangle.order`.
    public var components: [ComponentChange]
    public var baselineRollup: TriangleRollup
    public var followUpRollup: TriangleRollup

    public var elements: [ElementChange] { instruments.flatMap(\.elements) }

    /// The baseline is dated after the follow-up (both dates read as yyyy-mm-dd): the two
    /// sessions were most likely given the wrong way round.
    public var datesReversed: Bool {
        func day(_ s: String) -> String? {
            let t = s.trimmingCharacters(in: .whitespaces)
            let u = Array(t.utf8)
            guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
                  u.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || (48...57).contains($0.element) }) else { return nil }
            return t
        }
        guard let before = day(baseline.date), let after = day(followUp.date) else { return false }
        return before > after
    }

    /// The change a reader gets from the two values as shown: each to one decimal, rounded
    /// half away from zero as `Formatting.number` shows it, then subtracted. So "2.8 → 3"
    /// changes by 0.2, never by the 0.25 between the unrounded 2.75 and 3.
    public static func shownChange(from before: Double?, to after: Double?) -> Double? {
        guard let a = after, let b = before else { return nil }
        return Double(Formatting.tenths(a) - Formatting.tenths(b)) / 10
    }

    /// Elements covered: the union of what either session would report, in the follow-up's order.
    public static func make(baseline: SessionState, followUp: SessionState, catalogue: Catalogue,
                            instruments ids: [String]? = nil) -> Comparison {
        let a = ReportScope.make(state: baseline, catalogue: catalogue, instruments: ids)
        let b = ReportScope.make(state: followUp, catalogue: catalogue, instruments: ids)
        var merged = b.instruments
        for inst in a.instruments {
            if let i = merged.firstIndex(where: { $0.id == inst.id }) {
                for e in inst.elements where !merged[i].elements.contains(where: { $0.ref == e.ref }) {
                    merged[i].elements.append(e)
                }
            } else {
                merged.append(inst)
            }
        }
        let scope = ReportScope(instruments: merged)
        let ra = TriangleRollup.make(state: baseline, scope: scope, triangle: catalogue.triangle)
        let rb = TriangleRollup.make(state: followUp, scope: scope, triangle: catalogue.triangle)
        let changes = zip(ra.instruments, rb.instruments).map { ia, ib in
            InstrumentChanges(instrument: ib.instrument, elements: zip(ia.elements, ib.elements).map { ea, eb in
                ElementChange(element: eb.element, before: ea.score, after: eb.score,
                              beforeSummary: ea.summary, afterSummary: eb.summary)
            })
        }
        let components = zip(ra.components, rb.components).map { ca, cb in
            // Both roll-ups come from one scope, so a part's elements line up one to one.
            let pairs = zip(ca.instruments.flatMap(\.elements), cb.instruments.flatMap(\.elements))
                .filter { $0.0.score.value != nil && $0.1.score.value != nil }
            return ComponentChange(id: cb.id, name: cb.name, short: cb.short, kind: cb.kind, before: ca.score, after: cb.score,
                                   pairedBefore: RollupScore(values: pairs.map(\.0.score)),
                                   pairedAfter: RollupScore(values: pairs.map(\.1.score)))
        }
        func norm(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        return Comparison(baseline: baseline.info, followUp: followUp.info,
                          samePlace: norm(baseline.info.place) == norm(followUp.info.place),
                          instruments: changes, components: components, baselineRollup: ra, followUpRollup: rb)
    }
}
