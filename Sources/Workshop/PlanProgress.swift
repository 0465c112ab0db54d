import Foundation
import Instruments
import SessionEngine

/// The plan against the clock, from the record: an item's time used runs from the first
/// to the last change on its elements; an item is finished once a later one has begun.
struct PlanProgress {
    struct Item {
        var item: SessionPlan.Item
        var elements: [ElementRef]
        var usedMinutes: Int?
        var finished: Bool
    }

    let items: [Item]

    init(plan: SessionPlan, events: [Event], catalogue: Catalogue) {
        var out: [Item] = []
        var owner: [ElementRef: Int] = [:]
        for (i, item) in plan.items.enumerated() {
            let refs = PlanProgress.elements(of: item, catalogue: catalogue)
            for ref in refs where owner[ref] == nil { owner[ref] = i }
            out.append(Item(item: item, elements: refs, usedMinutes: nil, finished: false))
        }
        var first: [Int: Date] = [:], last: [Int: Date] = [:]
        for event in events {
            guard let ref = event.payload.element, let i = owner[ref] else { continue }
            first[i] = min(first[i] ?? event.at, event.at)
            last[i] = max(last[i] ?? event.at, event.at)
        }
        for i in out.indices {
            if let start = first[i], let end = last[i] {
                out[i].usedMinutes = Int((end.timeIntervalSince(start) / 60).rounded())
            }
            out[i].finished = out.indices.contains { $0 > i && first[$0] != nil }
        }
        items = out
    }

    /// The elements an item covers, in order.
    static func elements(of item: SessionPlan.Item, catalogue: Catalogue) -> [ElementRef] {
        guard let instrument = catalogue.instrument(item.instrument) else { return [] }
        let ids = item.elements ?? instrument.elements.map(\.id)
        return ids.filter { instrument.element($0) != nil }.map { ElementRef(instrument: item.instrument, element: $0) }
    }

    /// Minutes over (positive) or ahead (negative) on the items begun and not skipped:
    /// a finished item counts in full, the current one only once it runs over.
    var minutesOver: Int {
        items.filter { !$0.item.skipped }.reduce(0) { total, entry in
            guard let used = entry.usedMinutes else { return total }
            let difference = used - entry.item.minutes
            return total + (entry.finished ? difference : max(0, difference))
        }
    }

    var usedMinutes: Int { items.compactMap(\.usedMinutes).reduce(0, +) }

    /// "running 12 minutes over", "3 minutes ahead", "on time".
    var verdict: String {
        let over = minutesOver
        if over > 0 { return "running \(over) minute\(over == 1 ? "" : "s") over" }
        if over < 0 { return "\(-over) minute\(over == -1 ? "" : "s") ahead" }
        return "on time"
    }
}

extension SessionPlan {
    /// The first item (not skipped) that covers `ref`.
    func itemIndex(containing ref: ElementRef, catalogue: Catalogue) -> Int? {
        items.indices.first { !items[$0].skipped && PlanProgress.elements(of: items[$0], catalogue: catalogue).contains(ref) }
    }
}
