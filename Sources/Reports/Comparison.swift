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
        /// after - before, when both have a score.
        public var change: Double? {
            guard let a = after.value, let b = before.value else { return nil }
            return a - b
        }
    }

    public struct ComponentChange: Hashable, Sendable {
        public var id: ComponentID
        public var name: String
        public var short: String
        public var kind: ComponentKind
        public var before: RollupScore
        public var after: RollupScore
        /// Change of the median, when both have one.
        public var change: Double? {
            guard let a = after.median, let b = before.median else { return nil }
            return a - b
        }
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
            ComponentChange(id: cb.id, name: cb.name, short: cb.short, kind: cb.kind, before: ca.score, after: cb.score)
        }
        func norm(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        return Comparison(baseline: baseline.info, followUp: followUp.info,
                          samePlace: norm(baseline.info.place) == norm(followUp.info.place),
                          instruments: changes, components: components, baselineRollup: ra, followUpRollup: rb)
    }
}
